import {
  ageOn,
  civilDate,
  isoDate,
  MAX_PARENT_GAP_DAYS,
  MIN_PARENT_GAP_DAYS,
  yearsInDays,
} from './calendar.ts';
import type { Identifiers } from './identifiers.ts';
import { makeAddress } from './make-address.ts';
import { FAMILY_NAMES, FEMALE_GIVEN_NAMES, FOREIGN_BIRTHPLACES, MALE_GIVEN_NAMES, type GivenNameEntry, type NameEra } from './names.ts';
import { WeightedTable, type Random } from './random.ts';
import type {
  IdentityEvidence,
  Parish,
  PlaceOfBirth,
  Relationship,
  Sex,
  SyntheticAttributes,
  SyntheticHousehold,
  SyntheticPerson,
} from './synthetic-household.ts';

/** The structures households take, and how often (percent). */
export const HOUSEHOLD_KINDS = [
  ['single', 15],
  ['couple', 14],
  ['couple_with_children', 34],
  ['single_mother', 14],
  ['single_father', 2],
  ['three_generations', 13],
  ['grandparents_with_grandchildren', 4],
  ['siblings', 4],
] as const satisfies readonly (readonly [string, number])[];

export type HouseholdKind = (typeof HOUSEHOLD_KINDS)[number][0];

/** Children living with a couple, and with a parent alone (weights by count). */
const CHILDREN_OF_COUPLE = [[1, 31], [2, 34], [3, 20], [4, 9], [5, 4], [6, 2]] as const;
const CHILDREN_OF_SINGLE_PARENT = [[1, 40], [2, 32], [3, 17], [4, 7], [5, 3], [6, 1]] as const;

/** Share of households whose adults were born abroad. */
const MIGRANT_HOUSEHOLD = 0.06;
/** Share of family households with one more relative or lodger ("other"). */
const EXTRA_MEMBER = 0.06;
/** Children born the same day as the previous sibling: the namesake trap for deduplication. */
const TWINS = 0.015;
/** Sons given their father's given names ("junior"): another trap for deduplication. */
const JUNIOR = 0.03;
/** Persons with one family name only. */
const SINGLE_FAMILY_NAME = 0.004;
/** Children of a mother alone whom the father recognised (they carry his name). */
const FATHER_RECOGNISED = 0.6;
/** Size of the ring of recent registered adults from which introducers are drawn. */
const INTRODUCER_RING = 64;

/** Prevalence by age band (under 20, 20–39, 40–59, 60 and over), roughly as in the region's surveys. */
const DISABILITY = [0.02, 0.035, 0.07, 0.15];
const DIABETES = [0.002, 0.015, 0.08, 0.17];
const HYPERTENSION = [0.003, 0.05, 0.22, 0.45];

/** The least a monthly pension pays, in cents of the synthetic currency. */
const MINIMUM_PENSION_CENTS = 1_300_000_00;

type Generation = 'old' | 'mid' | 'new';

/** How much more (or less) often a name of each era is given to each generation. */
const ERA_MULTIPLIER: Record<Generation, Record<NameEra, number>> = {
  old: { old: 3, mid: 0.7, new: 0.05, any: 1.5 },
  mid: { old: 0.6, mid: 2.5, new: 0.4, any: 1.5 },
  new: { old: 0.15, mid: 0.7, new: 3, any: 1.2 },
};

const RELATIONSHIP_ORDER: Record<Relationship, number> = { head: 0, spouse: 1, parent: 2, child: 3, other: 4 };

/** A person before identifiers, documents and attributes are given. */
interface Draft {
  relationship: Relationship;
  sex: Sex;
  givenNames: string;
  first: string;
  second: string | null;
  /** Day number. */
  birth: number;
}

interface Migration {
  place: string;
  /** Day number of arrival: those born before it were born abroad. */
  arrived: number;
}

export interface HouseholdFactoryOptions {
  /** The population's own stream; nothing else may draw from it. */
  random: Random;
  ids: Identifiers;
  parishes: readonly Parish[];
  /** Day number of the day the population is generated for. */
  today: number;
}

type EvidenceChoice = 'national_id' | 'passport' | 'birth_certificate' | 'introducer' | 'household_head' | 'sworn_declaration';
type EvidenceWeights = readonly (readonly [EvidenceChoice, number])[];

/** Evidence of identity by age and birthplace (weights, percent). */
const EVIDENCE = {
  bornAbroadAdult: [['passport', 55], ['national_id', 33], ['introducer', 4], ['sworn_declaration', 5], ['household_head', 3]],
  bornAbroadChild: [['passport', 45], ['household_head', 50], ['sworn_declaration', 5]],
  under10: [['birth_certificate', 93.5], ['household_head', 5.5], ['sworn_declaration', 1]],
  under18: [['national_id', 72], ['birth_certificate', 25], ['household_head', 3]],
  under65: [['national_id', 94.5], ['passport', 2], ['birth_certificate', 1], ['introducer', 1], ['sworn_declaration', 1], ['household_head', 0.5]],
  elder: [['national_id', 91], ['passport', 1], ['birth_certificate', 1], ['introducer', 3], ['sworn_declaration', 3], ['household_head', 1]],
} as const satisfies Record<string, EvidenceWeights>;

/**
 * Makes original households one at a time. Its state is a few counters, a ring of
 * recent introducers, and one counter per (parish, birth year) for birth-certificate
 * numbers — bounded by the region list, not by the number of households — so a
 * population of any size streams in constant memory.
 */
export class HouseholdFactory {
  private readonly random: Random;
  private readonly ids: Identifiers;
  private readonly today: number;
  private readonly parishes: WeightedTable<Parish>;
  private readonly familyNames = new WeightedTable(FAMILY_NAMES);
  private readonly foreignPlaces = new WeightedTable(FOREIGN_BIRTHPLACES);
  private readonly givenNames: Record<Sex, Record<Generation, WeightedTable<string>>>;
  private readonly singleGivenNames: Record<Sex, Record<Generation, WeightedTable<string>>>;
  private readonly certificates = new Map<string, number>();
  private readonly introducers: string[] = [];
  private introducerNext = 0;
  private households = 0;
  private persons = 0;
  private nationalIds = 0;
  private passports = 0;
  private phones = 0;

  constructor(options: HouseholdFactoryOptions) {
    this.random = options.random;
    this.ids = options.ids;
    this.today = options.today;
    // Parishes differ in size: a fixed, seed-dependent weight each (log-normal, ~1:10 between small and large).
    this.parishes = new WeightedTable(options.parishes.map((p) => [p, Math.exp(0.8 * this.random.normal())] as const));
    const tables = (single: boolean) => {
      const bySex = (entries: readonly GivenNameEntry[]) => {
        const byGeneration = (g: Generation) =>
          new WeightedTable(entries.filter(([n]) => !single || !n.includes(' ')).map(([n, w, era]) => [n, w * ERA_MULTIPLIER[g][era]] as const));
        return { old: byGeneration('old'), mid: byGeneration('mid'), new: byGeneration('new') };
      };
      return { female: bySex(FEMALE_GIVEN_NAMES), male: bySex(MALE_GIVEN_NAMES) };
    };
    this.givenNames = tables(false);
    this.singleGivenNames = tables(true);
  }

  /** Picks a parish the way households are spread (for moves and lone duplicates too). */
  pickParish(random: Random): Parish {
    return this.parishes.pick(random);
  }

  next(): SyntheticHousehold {
    const r = this.random;
    const parish = this.parishes.pick(r);
    const kind = r.weighted(HOUSEHOLD_KINDS);
    const drafts = this.draftsFor(kind);
    if ((kind === 'couple_with_children' || kind === 'single_mother' || kind === 'three_generations') && r.chance(EXTRA_MEMBER)) {
      const sex: Sex = r.chance(0.5) ? 'female' : 'male';
      drafts.push(this.adult('other', sex, this.birthAged(8, 40)));
    }
    drafts.sort((a, b) => RELATIONSHIP_ORDER[a.relationship] - RELATIONSHIP_ORDER[b.relationship] || a.birth - b.birth);
    const migration: Migration | null = r.chance(MIGRANT_HOUSEHOLD)
      ? { place: this.foreignPlaces.pick(r), arrived: this.today - r.int(0, yearsInDays(15)) }
      : null;

    const members: SyntheticPerson[] = [];
    for (const draft of drafts) members.push(this.finalise(draft, parish, migration, members[0]));
    const head = members[0]!;
    if (head.evidence.kind === 'document' && ageOn(drafts[0]!.birth, this.today) >= 18) {
      this.introducers[this.introducerNext] = head.externalId;
      this.introducerNext = (this.introducerNext + 1) % INTRODUCER_RING;
    }
    return {
      externalId: this.ids.householdId(this.households++),
      regionCode: parish.code,
      address: makeAddress(r),
      members,
      plantedDuplicates: [],
    };
  }

  // ——— household structures ———

  private draftsFor(kind: HouseholdKind): Draft[] {
    const r = this.random;
    switch (kind) {
      case 'single': {
        const band = r.weighted([[[18, 34], 40], [[35, 59], 30], [[60, 95], 30]] as const);
        const sex: Sex = r.chance(band[0] === 60 ? 0.62 : 0.5) ? 'female' : 'male';
        return [this.adult('head', sex, this.birthAged(band[0], band[1]))];
      }
      case 'couple': {
        const [lo, hi] = r.chance(0.35) ? [19, 34] : [48, 88];
        const woman = this.adult('head', 'female', this.birthAged(lo, hi));
        const man = this.adult('head', 'male', this.spouseBirth(woman.birth));
        return this.headAndSpouse(man, woman);
      }
      case 'couple_with_children':
        return this.nuclearFamily(r.weighted(CHILDREN_OF_COUPLE), 0, 20);
      case 'single_mother':
      case 'single_father': {
        const plan = this.planFamily(r.weighted(CHILDREN_OF_SINGLE_PARENT), 0, 17);
        const mother = this.adult('head', 'female', plan.mother);
        const father = this.adult('head', 'male', plan.father);
        const recognised = kind === 'single_father' || r.chance(FATHER_RECOGNISED);
        const children = this.children(plan.children, mother, recognised ? father : null, 'child');
        return [kind === 'single_mother' ? mother : father, ...children];
      }
      case 'three_generations':
        return this.threeGenerations();
      case 'grandparents_with_grandchildren': {
        // The parents live elsewhere (often abroad); their children stay with the grandparents.
        const plan = this.planFamily(r.int(1, 3), 0, 14);
        const mother = this.adult('other', 'female', plan.mother);
        const father = this.adult('other', 'male', plan.father);
        const recognised = r.chance(0.8);
        const grandchildren = this.children(plan.children, mother, recognised ? father : null, 'other');
        const link = recognised && r.chance(0.45) ? father : mother;
        const grandparents = this.parentsOf(link, r.weighted([['both', 50], ['mother', 40], ['father', 10]] as const));
        return [...this.elderHeadship(grandparents), ...grandchildren];
      }
      case 'siblings': {
        // Adult brothers and sisters sharing a house: same two family names.
        const plan = this.planFamily(r.int(2, 3), 18, 55);
        const mother = this.adult('other', 'female', plan.mother);
        const father = this.adult('other', 'male', plan.father);
        const siblings = this.children(plan.children, mother, father, 'other');
        r.pick(siblings).relationship = 'head';
        return siblings;
      }
    }
  }

  /** A couple with their children; the father or the mother heads it. */
  private nuclearFamily(count: number, youngestMin: number, youngestMax: number): Draft[] {
    const plan = this.planFamily(count, youngestMin, youngestMax);
    const mother = this.adult('spouse', 'female', plan.mother);
    const father = this.adult('spouse', 'male', plan.father);
    return [...this.headAndSpouse(father, mother), ...this.children(plan.children, mother, father, 'child')];
  }

  private headAndSpouse(man: Draft, woman: Draft): Draft[] {
    const manHeads = this.random.chance(0.62);
    man.relationship = manHeads ? 'head' : 'spouse';
    woman.relationship = manHeads ? 'spouse' : 'head';
    return [man, woman];
  }

  /**
   * Three generations under one roof: either the middle generation heads and the
   * head's own parents live with them ('parent'), or a grandparent heads and the
   * middle generation are their 'child' with their partner and children as 'other'.
   */
  private threeGenerations(): Draft[] {
    const r = this.random;
    const couple = r.chance(0.65);
    const plan = this.planFamily(r.weighted(couple ? CHILDREN_OF_COUPLE : CHILDREN_OF_SINGLE_PARENT), 0, 12);
    const mother = this.adult('spouse', 'female', plan.mother);
    const father = this.adult('spouse', 'male', plan.father);
    const children = this.children(plan.children, mother, couple || r.chance(FATHER_RECOGNISED) ? father : null, 'child');
    const middle = couple ? [father, mother] : [mother];

    if (r.chance(0.6)) {
      const parents = couple ? this.headAndSpouse(father, mother) : [mother];
      if (!couple) mother.relationship = 'head';
      const head = parents.find((d) => d.relationship === 'head')!;
      const which = r.weighted([['both', 35], ['mother', 50], ['father', 15]] as const);
      const grandparents = this.parentsOf(head, which);
      for (const g of grandparents) g.relationship = 'parent';
      return [...parents, ...grandparents, ...children];
    }
    const link = couple && r.chance(0.5) ? father : mother;
    const grandparents = this.parentsOf(link, r.weighted([['both', 55], ['mother', 35], ['father', 10]] as const));
    for (const d of middle) d.relationship = d === link ? 'child' : 'other';
    for (const c of children) c.relationship = 'other';
    return [...this.elderHeadship(grandparents), ...middle, ...children];
  }

  /** Grandparents: the grandfather heads a couple more often than not. */
  private elderHeadship(grandparents: Draft[]): Draft[] {
    if (grandparents.length === 1) grandparents[0]!.relationship = 'head';
    else {
      const manHeads = this.random.chance(0.6);
      for (const g of grandparents) g.relationship = (g.sex === 'male') === manHeads ? 'head' : 'spouse';
    }
    return grandparents;
  }

  // ——— people, names and ages ———

  private adult(relationship: Relationship, sex: Sex, birth: number): Draft {
    return {
      relationship,
      sex,
      birth,
      givenNames: this.givenNamesFor(sex, birth),
      first: this.familyNames.pick(this.random),
      second: this.random.chance(SINGLE_FAMILY_NAME) ? null : this.familyNames.pick(this.random),
    };
  }

  /**
   * Children with Spanish naming: the father's first family name and the mother's
   * first; with no father recorded, the mother's two family names.
   */
  private children(births: number[], mother: Draft, father: Draft | null, relationship: Relationship): Draft[] {
    const r = this.random;
    const out: Draft[] = [];
    for (const birth of births) {
      const sex: Sex = r.chance(0.5) ? 'female' : 'male';
      let givenNames = this.givenNamesFor(sex, birth);
      if (sex === 'male' && father && r.chance(JUNIOR)) givenNames = father.givenNames;
      // Siblings are not given the same names (except the rare junior, who shares his father's).
      for (let tries = 0; tries < 5 && out.some((s) => s.givenNames === givenNames); tries++) givenNames = this.givenNamesFor(sex, birth);
      out.push({
        relationship,
        sex,
        birth,
        givenNames,
        first: father ? father.first : mother.first,
        second: father ? mother.first : mother.second,
      });
    }
    return out;
  }

  /**
   * The parents of a person, born 18–45 years before them (mothers up to 43) and
   * at most 100 years old today. Their names follow from the person's: the father's
   * first family name is the person's first, the mother's is the person's second —
   * or, for a person who carries their mother's two names, both of hers.
   */
  private parentsOf(child: Draft, which: 'both' | 'mother' | 'father'): Draft[] {
    const r = this.random;
    // One family name only means no father was recorded: only the mother can be found.
    if (child.second === null) which = 'mother';
    const oldest = this.today - yearsInDays(100);
    const maxMotherGap = Math.min(43 * 365, child.birth - oldest);
    const motherGap = MIN_PARENT_GAP_DAYS + this.skewedLow(Math.max(0, maxMotherGap - MIN_PARENT_GAP_DAYS));
    const motherBirth = child.birth - motherGap;
    const fatherBirth = clamp(
      motherBirth - this.fatherOlderBy(),
      Math.max(child.birth - MAX_PARENT_GAP_DAYS, oldest),
      child.birth - MIN_PARENT_GAP_DAYS,
    );
    const out: Draft[] = [];
    if (which !== 'mother') {
      const father = this.adult('parent', 'male', fatherBirth);
      father.first = child.first;
      out.push(father);
    }
    if (which !== 'father') {
      const mother = this.adult('parent', 'female', motherBirth);
      if (child.second === null || (which === 'mother' && r.chance(0.2))) {
        mother.first = child.first;
        if (child.second !== null) mother.second = child.second;
      } else {
        mother.first = child.second;
      }
      out.push(mother);
    }
    return out;
  }

  /**
   * Birth days of `count` siblings (oldest first), of their mother and of their
   * father, such that each parent is 18–45 years older than each child (the mother
   * at most 43 at the last birth), the youngest child is youngestMin–youngestMax
   * years old, and siblings are born 11 months to 5 years apart (twins aside).
   */
  private planFamily(count: number, youngestMin: number, youngestMax: number): { children: number[]; mother: number; father: number } {
    const r = this.random;
    const gaps: number[] = [];
    for (let i = 1; i < count; i++) gaps.push(r.chance(TWINS) ? 0 : r.int(330, count > 4 ? 1400 : 1800));
    const spread = gaps.reduce((a, b) => a + b, 0);
    const youngestRange = yearsInDays(youngestMax + 1) - 1 - yearsInDays(youngestMin);
    const youngest = this.today - yearsInDays(youngestMin) - this.random.int(0, youngestRange);
    const children = [youngest - spread];
    for (const gap of gaps) children.push(children[children.length - 1]! + gap);
    const oldest = children[0]!;
    // Mother's age at the first birth: 18 upwards, most often in her early twenties.
    const atFirst = Math.min(MIN_PARENT_GAP_DAYS + this.skewedLow(16 * 365), 43 * 365 - spread);
    const mother = oldest - atFirst;
    const father = clamp(mother - this.fatherOlderBy(), youngest - MAX_PARENT_GAP_DAYS, oldest - MIN_PARENT_GAP_DAYS);
    return { children, mother, father };
  }

  /** How much older the father is than the mother, in days: about 3 years, sometimes younger. */
  private fatherOlderBy(): number {
    return clamp(Math.round((3 + 3.5 * this.random.normal()) * 365), -4 * 365, 15 * 365);
  }

  /** A spouse's birth, around the partner's (men a little older). */
  private spouseBirth(womanBirth: number): number {
    return clamp(womanBirth - this.fatherOlderBy(), this.today - yearsInDays(100), this.today - yearsInDays(18));
  }

  /** A birth day for someone aged min–max years today. */
  private birthAged(min: number, max: number): number {
    return this.today - this.random.int(yearsInDays(min), yearsInDays(max + 1) - 1);
  }

  /** An integer in [0, range], skewed towards 0 (the smaller of two uniform draws). */
  private skewedLow(range: number): number {
    return Math.min(this.random.int(0, range), this.random.int(0, range));
  }

  private givenNamesFor(sex: Sex, birth: number): string {
    const r = this.random;
    const year = civilDate(birth).year;
    const generation: Generation = year < 1970 ? 'old' : year < 1995 ? 'mid' : 'new';
    const first = this.givenNames[sex][generation].pick(r);
    if (first.includes(' ') || !r.chance(0.45)) return first;
    for (let tries = 0; tries < 5; tries++) {
      const second = this.singleGivenNames[sex][generation].pick(r);
      if (second !== first) return `${first} ${second}`;
    }
    return first;
  }

  // ——— the record: identifiers, documents, dates, phone, attributes ———

  private finalise(draft: Draft, parish: Parish, migration: Migration | null, head: SyntheticPerson | undefined): SyntheticPerson {
    const r = this.random;
    const age = ageOn(draft.birth, this.today);
    const bornAbroad = migration !== null && draft.birth < migration.arrived;
    let placeOfBirth: PlaceOfBirth;
    if (bornAbroad) placeOfBirth = { regionCode: null, place: migration.place };
    else {
      const p = r.chance(0.65) ? parish : this.parishes.pick(r);
      placeOfBirth = { regionCode: p.code, place: p.name };
    }
    const externalId = this.ids.personId(this.persons++);
    const evidence = this.evidenceFor(age, placeOfBirth, draft, head);
    const dates = this.birthDateFor(draft.birth, age, evidence.kind !== 'document');
    return {
      externalId,
      relationship: draft.relationship,
      givenNames: draft.givenNames,
      firstFamilyName: draft.first,
      secondFamilyName: draft.second,
      sex: draft.sex,
      ...dates,
      placeOfBirth,
      phone: this.phoneFor(age, draft.relationship, head),
      evidence,
      attributes: this.attributesFor(draft.sex, age),
    };
  }

  /**
   * Most people show a document: children a birth certificate, from about ten a
   * national id, people born abroad often a passport. A few percent have none and
   * are vouched for (more often the old and the very young).
   */
  private evidenceFor(age: number, place: PlaceOfBirth, draft: Draft, head: SyntheticPerson | undefined): IdentityEvidence {
    const r = this.random;
    const choices: EvidenceWeights =
      place.regionCode === null
        ? age >= 18
          ? EVIDENCE.bornAbroadAdult
          : EVIDENCE.bornAbroadChild
        : age < 10
          ? EVIDENCE.under10
          : age < 18
            ? EVIDENCE.under18
            : age < 65
              ? EVIDENCE.under65
              : EVIDENCE.elder;
    let choice = r.weighted(choices);
    // A head cannot vouch for themselves, and only a documented head vouches at all.
    if (choice === 'household_head' && (head === undefined || head.evidence.kind !== 'document')) choice = 'sworn_declaration';
    if (choice === 'introducer' && this.introducers.length === 0) choice = 'sworn_declaration';
    switch (choice) {
      case 'national_id':
        return { kind: 'document', type: 'national_id', number: this.ids.nationalId(this.nationalIds++) };
      case 'passport':
        return { kind: 'document', type: 'passport', number: this.ids.passport(this.passports++) };
      case 'birth_certificate': {
        if (place.regionCode === null) return { kind: 'document', type: 'passport', number: this.ids.passport(this.passports++) };
        // The civil registry numbers its certificates per parish and year.
        const year = civilDate(draft.birth).year;
        const key = `${place.regionCode}|${year}`;
        const n = (this.certificates.get(key) ?? 0) + 1;
        this.certificates.set(key, n);
        return { kind: 'document', type: 'birth_certificate', number: `${place.regionCode}-${year}-${String(n).padStart(6, '0')}` };
      }
      case 'introducer':
        return { kind: 'introducer', introducerExternalId: r.pick(this.introducers) };
      case 'household_head':
        return { kind: 'household_head' };
      case 'sworn_declaration':
        return { kind: 'sworn_declaration' };
    }
  }

  /**
   * Elders, and people without documents, often know only their year of birth or
   * declare an approximate date (registrars then write the 1st of January or the
   * 1st of the month).
   */
  private birthDateFor(birth: number, age: number, undocumented: boolean) {
    const r = this.random;
    let yearOnly = false;
    let approximate = false;
    if (age >= 60 && undocumented) {
      yearOnly = r.chance(0.6);
      approximate = r.chance(0.5);
    } else if (age >= 75) yearOnly = r.chance(0.4);
    else if (age >= 60) yearOnly = r.chance(0.18);
    else if (undocumented && age >= 18) {
      yearOnly = r.chance(0.15);
      approximate = r.chance(0.35);
    } else if (undocumented) approximate = r.chance(0.2);

    const date = civilDate(birth);
    if (yearOnly) return { birthDate: String(date.year).padStart(4, '0'), birthDatePrecision: 'year' as const, birthDateApproximate: true };
    if (approximate) {
      const declared = r.chance(0.7) ? { ...date, month: 1, day: 1 } : { ...date, day: 1 };
      return { birthDate: isoDate(declared), birthDatePrecision: 'day' as const, birthDateApproximate: true };
    }
    return { birthDate: isoDate(date), birthDatePrecision: 'day' as const, birthDateApproximate: false };
  }

  private phoneFor(age: number, relationship: Relationship, head: SyntheticPerson | undefined): string | null {
    const r = this.random;
    if (age < 14) return null;
    // Old parents often give their son's or daughter's number.
    if (relationship === 'parent' && head?.phone && r.chance(0.35)) return head.phone;
    const has = age < 18 ? r.chance(0.5) : age >= 65 ? r.chance(0.6) : r.chance(0.88);
    return has ? this.ids.phone(this.phones++) : null;
  }

  /**
   * Needs-based attributes. Amounts are in a synthetic currency of a high-inflation
   * economy: the minimum pension is 1,300,000.00 a month, a typical formal wage
   * about 1.9 million, informal earnings about 0.7 million and very unequal.
   */
  private attributesFor(sex: Sex, age: number): SyntheticAttributes {
    const r = this.random;
    let formal = false;
    let cents = 0;
    if (age >= 18 && age < 65) {
      formal = r.chance(sex === 'male' ? 0.36 : 0.28);
      if (formal) {
        cents = Math.round(this.logNormal(1_900_000, 0.45) * 100);
        if (r.chance(0.7)) cents = Math.round(cents / 100_000) * 100_000; // a round figure, to the thousand
      } else if (r.chance(0.78)) cents = Math.round(this.logNormal(700_000, 0.7) / 10_000) * 1_000_000;
    } else if (age >= 65) {
      formal = r.chance(0.03);
      if (r.chance(0.7)) cents = r.chance(0.8) ? MINIMUM_PENSION_CENTS : Math.round(this.logNormal(1_800_000, 0.3)) * 100;
      if (r.chance(0.15)) cents += Math.round(this.logNormal(300_000, 0.6) / 10_000) * 1_000_000;
    } else if (age >= 15 && r.chance(0.12)) cents = Math.round(this.logNormal(300_000, 0.6) / 10_000) * 1_000_000;

    const band = age < 20 ? 0 : age < 40 ? 1 : age < 60 ? 2 : 3;
    const attributes: SyntheticAttributes = {
      monthly_income: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      formal_employment: formal,
      disability: r.chance(DISABILITY[band]!),
      chronic_condition_diabetes: r.chance(DIABETES[band]!),
      chronic_condition_hypertension: r.chance(HYPERTENSION[band]!),
      owns_vehicle: age >= 18 && r.chance(0.04 + (formal ? 0.12 : 0) + (cents > 3_000_000_00 ? 0.15 : 0)),
    };
    if (sex === 'female' && age >= 16 && age <= 44) attributes.pregnant = r.chance(0.045);
    return attributes;
  }

  private logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.random.normal());
  }
}

function clamp(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x;
}
