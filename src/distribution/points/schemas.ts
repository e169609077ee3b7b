import { z } from 'zod';
import { Terminal } from '../terminals/schemas.ts';
import { POINT_KINDS, POINT_STATUSES } from './tables.ts';

/** As the migration checks it: upper case letters, digits and dashes, e.g. PDA-AN-01. */
export const POINT_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
export const PointCode = z.string().regex(POINT_CODE_PATTERN, 'upper-case letters, digits and dashes, e.g. PDA-AN-01');
const RegionCode = z.string().regex(/^[A-Z0-9]{2}(-[A-Z0-9]{2,3}){0,2}$/, 'a region code, e.g. AN-01');
const PointName = z.string().trim().min(1).max(200);

export const PointParams = z.object({ code: PointCode });
export const PointAgentParams = z.object({ code: PointCode, officialId: z.uuid() });

export const NewPoint = z.object({ code: PointCode, name: PointName, kind: z.enum(POINT_KINDS), regionCode: RegionCode });
export const PointChange = z
  .object({ name: PointName.optional(), status: z.enum(POINT_STATUSES).optional() })
  .refine((c) => c.name !== undefined || c.status !== undefined, 'give a name or a status');
export const AgentAssignmentInput = z.object({ officialId: z.uuid() });

export const PointsQuery = z.object({
  region: RegionCode.optional().describe('only points in this region and the regions under it'),
  after: PointCode.optional().describe('the last code of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const Point = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(POINT_KINDS),
  regionCode: z.string(),
  status: z.enum(POINT_STATUSES),
  createdAt: z.string(),
  createdByName: z.string(),
});

export const PointSummary = Point.extend({ agents: z.number().int().describe('agents assigned now'), terminals: z.number().int().describe('terminals not revoked') });
export const PointsPage = z.object({ points: z.array(PointSummary), next: z.string().nullable().describe('pass as `after` for the next page; null at the end') });

export const PointAgent = z.object({
  officialId: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  assignedAt: z.string(),
  assignedByName: z.string(),
});

export const ServedProgram = z.object({ code: z.string(), name: z.object({ es: z.string(), en: z.string() }), sector: z.string(), status: z.string() });

export const PointDetail = z.object({
  point: Point,
  programs: z.array(ServedProgram).describe('programs whose distribution points list this one'),
  agents: z.array(PointAgent).describe('agents assigned now'),
  terminals: z.array(Terminal),
});

export const MyPoint = Point.extend({ assignedAt: z.string() });
export const MyPoints = z.object({ points: z.array(MyPoint) });
