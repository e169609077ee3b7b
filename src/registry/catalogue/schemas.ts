import { z } from 'zod';
import {
  ATTRIBUTE_TYPES,
  ENTRY_STATUSES,
  ENUM_VALUES_MAX,
  KEY_MAX,
  LABEL_MAX,
  LEGAL_BASIS_MAX,
  LEGAL_BASIS_MIN,
  SECTOR_NAMES,
  SENSITIVITIES,
} from './attribute-definition.ts';

const Labels = z
  .object({ es: z.string().min(1).max(LABEL_MAX), en: z.string().min(1).max(LABEL_MAX) })
  .catchall(z.string().min(1).max(LABEL_MAX))
  .describe('label by two-letter language code; es and en required');

/**
 * The body of a proposal. Shapes are checked here; the service checks the rules
 * (key format, enum values, prohibited categories, health facts special) so that
 * the CLI gets the same answers.
 */
export const ProposalBody = z.object({
  key: z.string().min(1).max(KEY_MAX).describe('snake_case key, e.g. household_size'),
  labels: Labels,
  type: z.enum(ATTRIBUTE_TYPES),
  values: z.array(z.string().max(40)).max(ENUM_VALUES_MAX).optional().describe('allowed values of an enum attribute'),
  sensitivity: z.enum(SENSITIVITIES).default('normal'),
  purposes: z.array(z.enum(SECTOR_NAMES)).min(1).describe('sectors that need (and may read) the attribute'),
  legalBasis: z.string().min(LEGAL_BASIS_MIN).max(LEGAL_BASIS_MAX).describe('the law or regulation that allows collecting it'),
  status: z.enum(ENTRY_STATUSES).default('active').describe('retired: stop collecting an existing attribute'),
  reason: z.string().max(2000).optional().describe('why the entry or the change is needed'),
});

export const Entry = z.object({
  labels: Labels,
  type: z.enum(ATTRIBUTE_TYPES),
  values: z.array(z.string()),
  sensitivity: z.enum(SENSITIVITIES),
  purposes: z.array(z.enum(SECTOR_NAMES)),
  legalBasis: z.string(),
  status: z.enum(ENTRY_STATUSES),
});

export const CatalogueEntry = Entry.extend({
  key: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
});

export const Proposal = z.object({
  id: z.uuid(),
  key: z.string(),
  kind: z.enum(['create', 'change']),
  baseVersion: z.number().int().nullable(),
  entry: Entry,
  reason: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
  proposedBy: z.string().nullable().describe('username; null for the installation'),
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});

export const CatalogueQuery = z.object({ status: z.enum(ENTRY_STATUSES).optional() });
export const ProposalQuery = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ProposalParams = z.object({ id: z.uuid() });
export const ApproveBody = z.object({ reason: z.string().max(2000).optional() });
export const RejectBody = z.object({ reason: z.string().min(3).max(2000) });
export const Decision = z.object({ proposal: Proposal, entry: CatalogueEntry.nullable() });
