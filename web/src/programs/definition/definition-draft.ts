import type { BenefitKind, Program, ProgramEdit, ProgramFrequency, ProgramInput, ProgramSector, ProgramUnit } from '../../api/contracts.ts';
// The server's own patterns and limits (pure declarations), so that the form refuses
// exactly what the server would, before sending.
import {
  CURRENCY_PATTERN,
  DESCRIPTION_MAX,
  DISTRIBUTION_POINT_PATTERN,
  FIXED_ONCE_RULED,
  MEASURE_PATTERN,
  PROGRAM_CODE_MAX,
  PROGRAM_CODE_PATTERN,
  TEXT_MAX,
} from '../../../../src/programs/program-definition.ts';

export { DESCRIPTION_MAX, PROGRAM_CODE_MAX, TEXT_MAX };

/** What the definition form holds: text as typed; distribution points one per line or comma-separated. */
export interface DefinitionDraft {
  code: string;
  nameEs: string;
  nameEn: string;
  descriptionEs: string;
  descriptionEn: string;
  sector: ProgramSector;
  unit: ProgramUnit;
  benefitKind: BenefitKind;
  itemEs: string;
  itemEn: string;
  measure: string;
  currency: string;
  frequency: ProgramFrequency;
  distributionPoints: string;
  /** Whether an entitlement may be collected in several pickups (e.g. litres of fuel). */
  partialPickups: boolean;
}

export type DefinitionField = keyof DefinitionDraft | 'reason';

/** What may be wrong with one field; the form shows `programs.console.problems.<key>`. */
export type DefinitionProblem = 'required' | 'code' | 'currency' | 'measure' | 'point' | 'reason' | 'refused';

export const EMPTY_DRAFT: DefinitionDraft = {
  code: '',
  nameEs: '',
  nameEn: '',
  descriptionEs: '',
  descriptionEn: '',
  sector: 'food',
  unit: 'household',
  benefitKind: 'in_kind',
  itemEs: '',
  itemEn: '',
  measure: '',
  currency: '',
  frequency: 'monthly',
  distributionPoints: '',
  partialPickups: false,
};

export const draftOf = (p: Program): DefinitionDraft => ({
  code: p.code,
  nameEs: p.name.es,
  nameEn: p.name.en,
  descriptionEs: p.description.es,
  descriptionEn: p.description.en,
  sector: p.sector,
  unit: p.unit,
  benefitKind: p.benefitKind,
  itemEs: p.item.es,
  itemEn: p.item.en,
  measure: p.measure,
  currency: p.currency,
  frequency: p.frequency,
  distributionPoints: p.distributionPoints.join('\n'),
  partialPickups: p.partialPickups,
});

/** Codes separated by new lines, commas, semicolons or spaces; each once, in the order given. */
export const pointsOf = (text: string): string[] => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

/** A cash benefit is counted in its currency: its measure is the currency code. */
const measureOf = (d: DefinitionDraft) => (d.benefitKind === 'cash' ? d.currency.trim() : d.measure.trim());

/** The definition as the API takes it. */
export function definitionOf(d: DefinitionDraft): Omit<ProgramInput, 'code' | 'reason'> {
  return {
    name: { es: d.nameEs.trim(), en: d.nameEn.trim() },
    description: { es: d.descriptionEs.trim(), en: d.descriptionEn.trim() },
    sector: d.sector,
    unit: d.unit,
    benefitKind: d.benefitKind,
    item: { es: d.itemEs.trim(), en: d.itemEn.trim() },
    measure: measureOf(d),
    currency: d.currency.trim(),
    frequency: d.frequency,
    distributionPoints: pointsOf(d.distributionPoints),
    partialPickups: d.partialPickups,
  };
}

const REQUIRED_TEXT = ['nameEs', 'nameEn', 'descriptionEs', 'descriptionEn', 'itemEs', 'itemEn'] as const;

/** What is wrong with the draft, field by field, in form order; empty when it can be sent. */
export function definitionProblems(d: DefinitionDraft, options: { creating: boolean; reason?: string }): Map<DefinitionField, DefinitionProblem> {
  const found = new Map<DefinitionField, DefinitionProblem>();
  if (options.creating) {
    const code = d.code.trim();
    if (!code) found.set('code', 'required');
    else if (!PROGRAM_CODE_PATTERN.test(code) || code.length < 2 || code.length > PROGRAM_CODE_MAX) found.set('code', 'code');
  }
  for (const field of REQUIRED_TEXT.slice(0, 4)) if (!d[field].trim()) found.set(field, 'required');
  for (const field of REQUIRED_TEXT.slice(4)) if (!d[field].trim()) found.set(field, 'required');
  const currency = d.currency.trim();
  if (!currency) found.set('currency', 'required');
  else if (!CURRENCY_PATTERN.test(currency)) found.set('currency', 'currency');
  if (d.benefitKind === 'in_kind') {
    if (!d.measure.trim()) found.set('measure', 'required');
    else if (!MEASURE_PATTERN.test(d.measure.trim())) found.set('measure', 'measure');
  }
  if (pointsOf(d.distributionPoints).some((p) => !DISTRIBUTION_POINT_PATTERN.test(p))) found.set('distributionPoints', 'point');
  if (options.reason !== undefined && options.reason.trim().length < 3) found.set('reason', 'reason');
  return found;
}

/** Once a rule is published, what its numbers mean is fixed: these fields cannot change. */
export const fixedOnceRuled = (field: keyof DefinitionDraft) => (FIXED_ONCE_RULED as readonly string[]).includes(field);

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameText = (a: { es: string; en: string }, b: { es: string; en: string }) => a.es === b.es && a.en === b.en;

/** Only what the official changed: the new version records those fields. */
export function definitionChanges(p: Program, d: DefinitionDraft): ProgramEdit['changes'] {
  const next = definitionOf(d);
  const changes: ProgramEdit['changes'] = {};
  if (!sameText(next.name, p.name)) changes.name = next.name;
  if (!sameText(next.description, p.description)) changes.description = next.description;
  if (!sameText(next.item, p.item)) changes.item = next.item;
  if (next.sector !== p.sector) changes.sector = next.sector;
  if (next.unit !== p.unit) changes.unit = next.unit;
  if (next.benefitKind !== p.benefitKind) changes.benefitKind = next.benefitKind;
  if (next.measure !== p.measure) changes.measure = next.measure;
  if (next.currency !== p.currency) changes.currency = next.currency;
  if (next.frequency !== p.frequency) changes.frequency = next.frequency;
  if (!sameList(next.distributionPoints ?? [], p.distributionPoints)) changes.distributionPoints = next.distributionPoints;
  if (next.partialPickups !== p.partialPickups) changes.partialPickups = next.partialPickups;
  return changes;
}

/** The field a server refusal names (`details.field`, or the path of the first schema issue), if it is one of the form's. */
export function refusedField(details: unknown): DefinitionField | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const { field, issues } = details as { field?: unknown; issues?: unknown };
  let name = typeof field === 'string' ? field : undefined;
  if (!name && Array.isArray(issues) && issues.length) {
    const path = (issues[0] as { path?: unknown }).path;
    if (typeof path === 'string') name = path.split('/').filter(Boolean).join('.');
  }
  if (!name) return undefined;
  const [head, language] = name.replace(/^changes\./, '').split('.');
  const bilingual: Record<string, DefinitionField> = { 'name.es': 'nameEs', 'name.en': 'nameEn', 'description.es': 'descriptionEs', 'description.en': 'descriptionEn', 'item.es': 'itemEs', 'item.en': 'itemEn' };
  const key = language ? bilingual[`${head}.${language}`] : head;
  const known: readonly string[] = [...Object.keys(EMPTY_DRAFT), 'reason'];
  return key && known.includes(key) ? (key as DefinitionField) : undefined;
}
