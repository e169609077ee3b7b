import type { AttributeEntry, Sector } from '../../registry/catalogue/attribute-definition.ts';
import { findCardOrEnrolmentTerm } from './card-and-enrolment-terms.ts';

/**
 * What a rule may name (DESIGN.md commitment 2: catalogue attributes and derived facts,
 * nothing else). Three roots, each a group of named facts:
 *
 *   person.<fact>                   person-unit programs only: derived facts and the
 *                                   person's catalogue attributes, by catalogue key
 *   household.<fact>                every program: derived facts of the household,
 *   household.members_with.<key>    the number of members whose boolean attribute is true
 *   household.sum.<key>             the sum of the members' integer or decimal attribute
 *   cycle.reference_date            the first day of the cycle's period
 *
 * A household rule never sees one member: what it needs of members is precomputed as
 * counts and sums, so that a rule cannot single a person out and its explanation stays
 * a list of numbers. Attributes are flat under `person.` because a published rule should
 * read like the catalogue (`person.monthly_income < 200.0`); the few derived person facts
 * take precedence over a catalogue key of the same name (see PERSON_FACTS).
 */

/** The benefit unit of a program: one decision per household, or one per person. */
export const RULE_UNITS = ['household', 'person'] as const;
export type RuleUnit = (typeof RULE_UNITS)[number];

/** The program sectors (the catalogue's sectors; `identity` is the only one that may ask about cards). */
export type RuleSector = Sector;

/**
 * The value types a rule computes with, and their CEL runtime form:
 * bool → boolean, int → bigint, decimal → number (IEEE double), date → Date (UTC
 * midnight), enum and text → string.
 */
export type FactType = 'bool' | 'int' | 'decimal' | 'date' | 'enum' | 'text';

export interface FactMeaning {
  en: string;
  es: string;
}

/** One name a rule may use. */
export interface FactDefinition {
  /** As written in a rule: `person.age`, `household.members_with.disability`. */
  path: string;
  type: FactType;
  /** The allowed values of an enum fact; empty otherwise. */
  values: readonly string[];
  meaning: FactMeaning;
  /** Where the value comes from: the registry record, a catalogue attribute, or a count or sum over the members. */
  origin: 'derived' | 'attribute' | 'members_with' | 'sum';
  /** The catalogue key behind an attribute, count or sum. */
  attribute?: string;
  /** False for facts every record has (household size); true where "not recorded" can happen. */
  mayBeMissing: boolean;
}

type DerivedFact = Omit<FactDefinition, 'path' | 'origin' | 'attribute'>;

export const SEX_VALUES = ['F', 'M', 'X'] as const;
export const RELATIONSHIP_VALUES = ['head', 'spouse', 'child', 'parent', 'other'] as const;

/** Facts of the person a person-unit rule decides about, derived from the registry record. */
export const PERSON_FACTS = {
  age: {
    type: 'int',
    values: [],
    mayBeMissing: true,
    meaning: {
      en: "completed years at the cycle's reference date (a year-only birth date counts from 1 July); not recorded without a birth date",
      es: 'años cumplidos en la fecha de referencia del ciclo (una fecha de nacimiento con solo el año cuenta desde el 1 de julio); sin registrar si no hay fecha de nacimiento',
    },
  },
  sex: {
    type: 'enum',
    values: SEX_VALUES,
    mayBeMissing: true,
    meaning: { en: 'sex as recorded in the person record: F, M or X', es: 'sexo según el registro de la persona: F, M o X' },
  },
  relationship: {
    type: 'enum',
    values: RELATIONSHIP_VALUES,
    mayBeMissing: false,
    meaning: {
      en: 'relationship to the head of the household: head, spouse, child, parent or other',
      es: 'parentesco con el jefe o la jefa del hogar: head (jefe), spouse (cónyuge), child (hijo), parent (padre o madre) u other (otro)',
    },
  },
  children_under_5: {
    type: 'int',
    values: [],
    mayBeMissing: false,
    meaning: {
      en: "for the head and the spouse, the members recorded as the head's children who are under 5; 0 for anyone else (the registry records relationships to the head only)",
      es: 'para el jefe o la jefa y su cónyuge, los miembros registrados como hijos del jefe menores de 5 años; 0 para los demás (el registro solo anota el parentesco con el jefe)',
    },
  },
} as const satisfies Record<string, DerivedFact>;

/** Facts of the household, derived from its members' records. Members whose age is not recorded count in `size` only. */
export const HOUSEHOLD_FACTS = {
  size: {
    type: 'int',
    values: [],
    mayBeMissing: false,
    meaning: { en: 'the number of members (active records)', es: 'el número de miembros (registros activos)' },
  },
  children_under_5: {
    type: 'int',
    values: [],
    mayBeMissing: false,
    meaning: { en: 'members under 5 at the reference date', es: 'miembros menores de 5 años en la fecha de referencia' },
  },
  children_under_18: {
    type: 'int',
    values: [],
    mayBeMissing: false,
    meaning: { en: 'members under 18 at the reference date', es: 'miembros menores de 18 años en la fecha de referencia' },
  },
  members_60_plus: {
    type: 'int',
    values: [],
    mayBeMissing: false,
    meaning: { en: 'members aged 60 or more at the reference date', es: 'miembros de 60 años o más en la fecha de referencia' },
  },
  head_sex: {
    type: 'enum',
    values: SEX_VALUES,
    mayBeMissing: true,
    meaning: { en: 'sex of the head of the household as recorded: F, M or X', es: 'sexo del jefe o la jefa del hogar según el registro: F, M o X' },
  },
  region: {
    type: 'text',
    values: [],
    mayBeMissing: false,
    meaning: {
      en: 'the region code of the household (its parish); in_region(household.region, "AN-01") also covers every division below a code',
      es: 'el código de región del hogar (su parroquia); in_region(household.region, "AN-01") abarca también las divisiones bajo un código',
    },
  },
} as const satisfies Record<string, DerivedFact>;

export const CYCLE_FACTS = {
  reference_date: {
    type: 'date',
    values: [],
    mayBeMissing: false,
    meaning: {
      en: "the first day of the cycle's period: ages and the date helpers count to it",
      es: 'el primer día del período del ciclo: las edades y las funciones de fecha cuentan hasta él',
    },
  },
} as const satisfies Record<string, DerivedFact>;

/** The catalogue entry fields a rule depends on; a published `AttributeDefinition` fits. */
export type RuleCatalogueEntry = Pick<AttributeEntry, 'key' | 'type' | 'values' | 'purposes' | 'labels'> & {
  status?: AttributeEntry['status'];
};

/** Why a catalogue attribute is not in a program's vocabulary. */
export type WithheldReason = 'out_of_purpose' | 'retired' | 'card_or_enrolment' | 'name_taken';

export interface WithheldAttribute {
  attribute: string;
  reason: WithheldReason;
  message: string;
}

export interface RuleVocabulary {
  sector: RuleSector;
  unit: RuleUnit;
  /** The roots a rule may start a name with. */
  roots: readonly ('person' | 'household' | 'cycle')[];
  /** Every name the rule may use, by path. */
  facts: ReadonlyMap<string, FactDefinition>;
  /** Catalogue attributes the rule may not use, with the reason, by key. */
  withheld: ReadonlyMap<string, WithheldAttribute>;
}

const CATALOGUE_TYPE: Record<AttributeEntry['type'], FactType> = {
  boolean: 'bool',
  integer: 'int',
  decimal: 'decimal',
  date: 'date',
  enum: 'enum',
};

/**
 * The vocabulary of one program: the derived facts of its unit, and the active
 * catalogue attributes whose purposes include its sector. Pure; the catalogue is
 * the published one, passed in by the caller.
 */
export function ruleVocabulary(options: { sector: RuleSector; unit: RuleUnit; catalogue: readonly RuleCatalogueEntry[] }): RuleVocabulary {
  const { sector, unit } = options;
  const facts = new Map<string, FactDefinition>();
  const withheld = new Map<string, WithheldAttribute>();
  const derived = (root: string, table: Record<string, DerivedFact>) => {
    for (const [name, fact] of Object.entries(table)) facts.set(`${root}.${name}`, { ...fact, path: `${root}.${name}`, origin: 'derived' });
  };

  if (unit === 'person') derived('person', PERSON_FACTS);
  derived('household', HOUSEHOLD_FACTS);
  derived('cycle', CYCLE_FACTS);

  for (const entry of options.catalogue) {
    const key = entry.key;
    const purposes = entry.purposes as readonly string[];
    const card = sector === 'identity' ? undefined : cardOrEnrolmentIn(entry);
    if (card) {
      withheld.set(key, { attribute: key, reason: 'card_or_enrolment', message: card });
    } else if ((entry.status ?? 'active') !== 'active') {
      withheld.set(key, { attribute: key, reason: 'retired', message: `${key} was retired from the catalogue: a rule cannot use it` });
    } else if (!purposes.includes(sector)) {
      withheld.set(key, {
        attribute: key,
        reason: 'out_of_purpose',
        message: `${key} is not published for the ${sector} sector (its catalogue purposes are ${purposes.join(', ') || 'none'})`,
      });
    } else if (unit === 'person' && Object.hasOwn(PERSON_FACTS, key)) {
      withheld.set(key, {
        attribute: key,
        reason: 'name_taken',
        message: `the catalogue attribute ${key} cannot be used in rules: person.${key} is the derived fact (${PERSON_FACTS[key as keyof typeof PERSON_FACTS].meaning.en})`,
      });
    } else {
      const type = CATALOGUE_TYPE[entry.type];
      const label = entry.labels;
      if (unit === 'person') {
        facts.set(`person.${key}`, {
          path: `person.${key}`,
          type,
          values: type === 'enum' ? entry.values : [],
          meaning: { en: `${label.en} (catalogue attribute ${key})`, es: `${label.es} (atributo del catálogo ${key})` },
          origin: 'attribute',
          attribute: key,
          mayBeMissing: true,
        });
      }
      if (type === 'bool') {
        facts.set(`household.members_with.${key}`, {
          path: `household.members_with.${key}`,
          type: 'int',
          values: [],
          meaning: { en: `members whose "${label.en}" is recorded as true`, es: `miembros con «${label.es}» registrado como sí` },
          origin: 'members_with',
          attribute: key,
          mayBeMissing: false,
        });
      }
      if (type === 'int' || type === 'decimal') {
        facts.set(`household.sum.${key}`, {
          path: `household.sum.${key}`,
          type,
          values: [],
          meaning: {
            en: `the sum of the members' "${label.en}" where recorded; not recorded when no member has a value`,
            es: `la suma de «${label.es}» de los miembros que lo tienen registrado; sin registrar si ningún miembro lo tiene`,
          },
          origin: 'sum',
          attribute: key,
          mayBeMissing: true,
        });
      }
    }
  }

  return { sector, unit, roots: unit === 'person' ? ['person', 'household', 'cycle'] : ['household', 'cycle'], facts, withheld };
}

/**
 * Why a catalogue entry is about cards, documents or enrolment (commitment 2), or
 * undefined: its key or an enum value uses such a word (`id_status` with the value
 * `has_card` asks the same question as `has_card`), or a label speaks of a card.
 * Labels are not checked for document and enrolment words, which also describe
 * evidence ("certified by a medical document") and school.
 */
function cardOrEnrolmentIn(entry: RuleCatalogueEntry): string | undefined {
  const key = findCardOrEnrolmentTerm(entry.key);
  if (key) return key.message;
  for (const value of entry.values) {
    const hit = findCardOrEnrolmentTerm(value);
    if (hit) return `${entry.key} has the value "${value}": ${hit.message}`;
  }
  for (const [language, label] of Object.entries(entry.labels)) {
    const hit = findCardOrEnrolmentTerm(label);
    if (hit?.category === 'card') return `${entry.key} is labelled "${label}" (${language}): ${hit.message}`;
  }
  return undefined;
}
