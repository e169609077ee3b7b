import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../audit/write-audit.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { parseAttributeEntry, type AttributeEntry, type AttributeEntryInput } from './attribute-definition.ts';
import { checkEntryRules } from './check-entry-rules.ts';
import { findDefinition, insertDefinition, insertProposal, insertVersion, lockCatalogue } from './store.ts';

/**
 * The needs every installation starts with (DESIGN.md: income and employment,
 * property for means tests, disability and the health facts a program needs as
 * entitlement flags). The legal-basis texts are placeholders in the shape of a
 * social-protection law; an installation replaces them, through a proposal and an
 * approval, with the articles of its own law.
 */
export const DEFAULT_CATALOGUE: readonly AttributeEntryInput[] = [
  {
    key: 'monthly_income',
    labels: { es: 'Ingreso mensual', en: 'Monthly income', pt: 'Renda mensal' },
    type: 'decimal',
    sensitivity: 'normal',
    purposes: ['food', 'pensions', 'fuel', 'cash'],
    legalBasis: 'Ley de Protección Social, comprobación de medios: el ingreso mensual declarado decide la elegibilidad para la caja de alimentos, el subsidio de combustible, las pensiones no contributivas y las transferencias.',
  },
  {
    key: 'formal_employment',
    labels: { es: 'Empleo formal', en: 'Formal employment', pt: 'Emprego formal' },
    type: 'boolean',
    sensitivity: 'normal',
    purposes: ['food', 'pensions', 'cash'],
    legalBasis: 'Ley de Protección Social, comprobación de medios: quien tiene empleo formal cotiza a la seguridad social y queda fuera de las transferencias de último recurso.',
  },
  {
    key: 'disability',
    labels: { es: 'Discapacidad', en: 'Disability', pt: 'Deficiência' },
    type: 'boolean',
    sensitivity: 'special',
    purposes: ['health', 'pensions', 'food'],
    legalBasis: 'Ley para las Personas con Discapacidad: pensión por discapacidad, ayudas técnicas y prioridad en la entrega de alimentos, previa certificación médica.',
  },
  {
    key: 'chronic_condition_diabetes',
    labels: { es: 'Condición crónica: diabetes', en: 'Chronic condition: diabetes', pt: 'Condição crônica: diabetes' },
    type: 'boolean',
    sensitivity: 'special',
    purposes: ['health'],
    legalBasis: 'Ley de Salud, programa de medicamentos para enfermedades crónicas: entrega mensual de insulina y antidiabéticos orales con prescripción.',
  },
  {
    key: 'chronic_condition_hypertension',
    labels: { es: 'Condición crónica: hipertensión', en: 'Chronic condition: hypertension', pt: 'Condição crônica: hipertensão' },
    type: 'boolean',
    sensitivity: 'special',
    purposes: ['health'],
    legalBasis: 'Ley de Salud, programa de medicamentos para enfermedades crónicas: entrega mensual de antihipertensivos con prescripción.',
  },
  {
    key: 'owns_vehicle',
    labels: { es: 'Posee vehículo', en: 'Owns a vehicle', pt: 'Possui veículo' },
    type: 'boolean',
    sensitivity: 'normal',
    purposes: ['fuel'],
    legalBasis: 'Reglamento del subsidio de combustible: el subsidio se asigna por vehículo registrado a nombre de un miembro del hogar.',
  },
  {
    key: 'pregnant',
    labels: { es: 'Embarazo', en: 'Pregnant', pt: 'Gestante' },
    type: 'boolean',
    sensitivity: 'special',
    purposes: ['health', 'cash'],
    legalBasis: 'Ley de Protección de la Maternidad: control prenatal, suplementos nutricionales y bono de maternidad durante el embarazo.',
  },
  {
    key: 'property_value',
    labels: { es: 'Valor de la vivienda y bienes', en: 'Property value', pt: 'Valor do patrimônio' },
    type: 'decimal',
    sensitivity: 'normal',
    purposes: ['food', 'cash', 'pensions'],
    legalBasis: 'Ley de Protección Social, comprobación de medios: el patrimonio declarado por encima del umbral publicado excluye de las transferencias de último recurso.',
  },
];

const DEFAULT_REASON = 'default catalogue of the installation';

/**
 * Installs the default entries that are missing, each as version 1, proposed and
 * approved by the installation itself (proposer and approver NULL, actor `amparo`),
 * with one audit entry naming the keys installed. Idempotent: an entry that exists —
 * possibly changed since by an approved proposal — is left as it is. Refuses (and
 * installs nothing) if a default entry broke the catalogue's own rules.
 */
export async function installDefaultCatalogue(ctx: AppContext): Promise<{ installed: string[] }> {
  const entries: AttributeEntry[] = DEFAULT_CATALOGUE.map((input) => {
    const refusal = checkEntryRules(input);
    if (refusal) throw new DomainError('RULE_VIOLATION', `default catalogue entry ${String(input.key)}: ${refusal.message}`);
    return parseAttributeEntry(input);
  });

  return ctx.db.transaction().execute(async (tx) => {
    await lockCatalogue(tx);
    const installed: string[] = [];
    const now = new Date();
    for (const entry of entries) {
      if (await findDefinition(tx, entry.key)) continue;
      const id = randomUUID();
      const content = {
        key: entry.key,
        labels: entry.labels,
        type: entry.type,
        enum_values: entry.values,
        sensitivity: entry.sensitivity,
        purposes: entry.purposes,
        legal_basis: entry.legalBasis,
      };
      const proposed = await insertProposal(tx, {
        ...content,
        id,
        kind: 'create',
        base_version: null,
        entry_status: 'active',
        reason: DEFAULT_REASON,
        status: 'approved',
        proposed_by: null,
        proposed_at: now,
        decided_by: null,
        decided_at: now,
        decision_reason: DEFAULT_REASON,
      });
      const versioned = proposed && (await insertVersion(tx, { ...content, status: 'active', version: 1, proposal_id: id, approved_by: null, approved_at: now }));
      if (!versioned || !(await insertDefinition(tx, { ...content, status: 'active', version: 1, updated_at: now }))) {
        throw new DomainError('CONFLICT', `default catalogue entry ${entry.key} could not be installed: its first version exists already`);
      }
      installed.push(entry.key);
    }
    if (installed.length) {
      await writeAudit(tx, {
        actor: SYSTEM_ACTOR,
        purpose: 'system',
        action: 'catalogue.defaults_installed',
        subject: { type: 'attribute_catalogue', id: 'default' },
        summary: { keys: installed },
      });
    }
    return { installed };
  });
}
