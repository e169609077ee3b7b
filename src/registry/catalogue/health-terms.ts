import { TermMatcher, type TermRule } from './term-matcher.ts';

/**
 * Health facts are needs when a program needs them — disability for a pension, a
 * chronic condition for a medicine program, pregnancy for a nutrition bonus — so the
 * catalogue does not refuse them. It refuses to publish one as `normal`: a health
 * fact must be `special`, which means it is read only for the sectors its entry
 * lists (`mayReadAttribute`) and its values never appear in audit details.
 *
 * The list is deliberately broad (health insurance counts too): declaring a fact
 * special only narrows who reads it, so a false positive costs nothing but a flag.
 */
const WORDS = [
  'asma', 'asthma', 'vih', 'hiv', 'sida', 'invalidez', 'blind', 'ciego', 'ciega', 'cego', 'cega', 'deaf', 'sordo',
  'sorda', 'surdo', 'surda', 'mental', 'salud', 'saude', 'cancer', 'embarazo', 'embarazada', 'gravida', 'handicap',
];

const PREFIXES = [
  'disab', 'discapac', 'deficien', 'chronic', 'cronic', 'diabet', 'hipertens', 'hypertens', 'pregnan', 'embaraz',
  'gestant', 'gravid', 'enferm', 'diseas', 'doenc', 'illnes', 'diagnos', 'oncolog', 'tuberculos', 'psiqui', 'psychi',
  'psycholog', 'psicolog', 'epilep', 'dialys', 'dialis', 'insulin', 'medicat', 'medicament', 'medicin', 'tratamient',
  'tratament', 'treatment', 'wheelchair', 'amput', 'desnutri', 'malnutri', 'lactan', 'breastfeed', 'amamant',
  'addict', 'adict', 'alcoholis', 'incapacid', 'health', 'prenatal', 'postnatal', 'sick', 'disorder', 'trastorn',
];

const INSIDE = ['diabet', 'hipertens', 'hypertens', 'discapac', 'disabil'];

const rules: TermRule<'health'>[] = [
  ...WORDS.map((form) => ({ category: 'health' as const, form, mode: 'word' as const })),
  ...PREFIXES.map((form) => ({ category: 'health' as const, form, mode: 'prefix' as const })),
  ...INSIDE.map((form) => ({ category: 'health' as const, form, mode: 'inside' as const })),
];

const matcher = new TermMatcher({ rules });

/**
 * The first word of the key or a label that makes the entry a health fact, with
 * where it was found; undefined when none. Pure; never throws.
 */
export function findHealthTerm(entry: { key: string; labels?: Record<string, string> | undefined }): { term: string; field: string } | undefined {
  const fields: [string, string][] = [['key', entry.key], ...Object.entries(entry.labels ?? {}).map(([l, t]) => [`labels.${l}`, t] as [string, string])];
  for (const [field, text] of fields) {
    const hit = typeof text === 'string' ? matcher.find(text) : undefined;
    if (hit) return { term: hit.text, field };
  }
  return undefined;
}
