import { normaliseName } from './normalise.ts';
import { spanishPhonetic } from './spanish-phonetic.ts';

/**
 * How common a name is, so that agreeing on a rare name counts for more than agreeing
 * on García or María (Fellegi–Sunter's frequency-based weights; Splink calls it a
 * term-frequency adjustment). Two unrelated people are far likelier to share a common
 * name than a rare one, and at national scale that is what separates a duplicate from
 * a namesake: a registry of a million holds dozens of "María González Rodríguez" born
 * within a year of each other, and perhaps one "Auxiliadora Villalobos Uzcátegui".
 *
 * Keys are phonetic codes of normalised tokens (`spanishPhonetic`), so spellings that
 * sound alike share one share.
 */
export interface NameFrequencies {
  /** Share (0..1) of persons whose given names include this name. */
  given(phonetic: string): number;
  /** Share (0..1) of family-name positions that hold this name (each person has two). */
  family(phonetic: string): number;
}

/**
 * The commonest given names of Spanish-speaking Latin America (Venezuela and Colombia
 * in particular), with rough shares of persons who carry them. These are estimates
 * written for amparo from general knowledge, not census figures; a registry with its
 * own counts should pass `nameFrequenciesFromCounts` instead. Anything not listed is
 * taken as less common than all of these (`UNLISTED_GIVEN`).
 */
const COMMON_GIVEN: Readonly<Record<string, number>> = {
  maria: 0.1, jose: 0.07, luis: 0.035, juan: 0.03, carlos: 0.03, ana: 0.025, jesus: 0.02,
  antonio: 0.015, manuel: 0.015, angel: 0.015, carmen: 0.015, miguel: 0.012, alejandro: 0.012,
  alejandra: 0.012, daniel: 0.012, gabriela: 0.012, rosa: 0.012, francisco: 0.01, rafael: 0.01,
  pedro: 0.01, luisa: 0.01, isabel: 0.01, fernanda: 0.01, carolina: 0.01, elena: 0.008,
  andrea: 0.008, daniela: 0.008, valentina: 0.008, david: 0.008, jorge: 0.008, andres: 0.008,
  eduardo: 0.008, gabriel: 0.008, teresa: 0.007, victoria: 0.007, sofia: 0.007, fernando: 0.007,
  alberto: 0.007, camila: 0.006, mariana: 0.006, patricia: 0.006, luz: 0.006, ricardo: 0.006,
  javier: 0.006, santiago: 0.006, sebastian: 0.006, josefina: 0.005, natalia: 0.005,
  enrique: 0.005, ramon: 0.005, samuel: 0.005, diego: 0.005, victor: 0.005, eugenia: 0.004,
  milagros: 0.004, adriana: 0.004, claudia: 0.004, laura: 0.004, lucia: 0.004, juana: 0.004,
  mercedes: 0.004, cristina: 0.004, angela: 0.004, veronica: 0.004, valeria: 0.004,
  isabella: 0.004, gregorio: 0.004, mateo: 0.004,
};

/**
 * The commonest family names of the same region, with rough shares of family-name
 * positions (the same kind of estimate as COMMON_GIVEN).
 */
const COMMON_FAMILY: Readonly<Record<string, number>> = {
  gonzalez: 0.035, rodriguez: 0.033, perez: 0.028, hernandez: 0.027, garcia: 0.025,
  martinez: 0.02, lopez: 0.019, diaz: 0.016, sanchez: 0.016, ramirez: 0.015, gomez: 0.013,
  torres: 0.011, rojas: 0.01, flores: 0.009, alvarez: 0.008, romero: 0.008, morales: 0.008,
  castillo: 0.008, fernandez: 0.008, suarez: 0.007, mendoza: 0.007, moreno: 0.007,
  gutierrez: 0.007, jimenez: 0.007, vasquez: 0.006, medina: 0.006, herrera: 0.006, vargas: 0.006,
  contreras: 0.005, rivas: 0.005, blanco: 0.005, chavez: 0.005, silva: 0.005, ortiz: 0.005,
  ramos: 0.005, castro: 0.005, guerrero: 0.004, rivero: 0.004, parra: 0.004, salazar: 0.004,
  acosta: 0.004, molina: 0.004, zambrano: 0.004, quintero: 0.004, aguilar: 0.004, nunez: 0.004,
  munoz: 0.004, pena: 0.004, mora: 0.004, delgado: 0.004, reyes: 0.004, ruiz: 0.004, cruz: 0.004,
  velasquez: 0.004, marcano: 0.003, rivera: 0.003, leon: 0.003, marquez: 0.003, navarro: 0.003,
  briceno: 0.003, cabrera: 0.003, guzman: 0.003,
};

/**
 * The share assumed for a name not in the lists: less common than the listed ones,
 * but not rare, because the names people meet most often outside the lists (Benítez,
 * Villegas, Samantha) are still shared by thousands. Only a registry's own counts can
 * say that a name is truly rare.
 */
export const UNLISTED_GIVEN = 0.004;
export const UNLISTED_FAMILY = 0.002;

function byPhonetic(shares: Readonly<Record<string, number>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, share] of Object.entries(shares)) {
    for (const token of normaliseName(name)) {
      const key = spanishPhonetic(token);
      out.set(key, Math.max(out.get(key) ?? 0, share));
    }
  }
  return out;
}

const GIVEN_SHARES = byPhonetic(COMMON_GIVEN);
const FAMILY_SHARES = byPhonetic(COMMON_FAMILY);

/** The built-in estimate: the lists above, and any other name uncommon. */
export const DEFAULT_NAME_FREQUENCIES: NameFrequencies = Object.freeze({
  given: (phonetic: string) => GIVEN_SHARES.get(phonetic) ?? UNLISTED_GIVEN,
  family: (phonetic: string) => FAMILY_SHARES.get(phonetic) ?? UNLISTED_FAMILY,
});

export interface NameCounts {
  /** Persons counted. */
  persons: number;
  /** Persons whose given names include the phonetic code. */
  given: ReadonlyMap<string, number>;
  /** Family-name positions (two per person) holding the phonetic code. */
  family: ReadonlyMap<string, number>;
}

/**
 * Frequencies from a registry's own counts. A name seen fewer times than `floor`
 * counts as seen `floor` times: a name met once is rare, not unique, and a small or
 * young registry must not make every name look rare.
 */
export function nameFrequenciesFromCounts(counts: NameCounts, floor = 5): NameFrequencies {
  const persons = Math.max(1, counts.persons);
  return {
    given: (phonetic) => Math.max(counts.given.get(phonetic) ?? 0, floor) / persons,
    family: (phonetic) => Math.max(counts.family.get(phonetic) ?? 0, floor) / (2 * persons),
  };
}

/** Counts names as `nameFrequenciesFromCounts` reads them; for tests and tools that hold a registry in memory. */
export function countNames(persons: Iterable<{ givenNames: string; familyNames: string }>): NameCounts {
  const given = new Map<string, number>();
  const family = new Map<string, number>();
  let n = 0;
  for (const p of persons) {
    n++;
    for (const key of new Set(normaliseName(p.givenNames).filter((t) => t.length > 1).map(spanishPhonetic))) given.set(key, (given.get(key) ?? 0) + 1);
    for (const token of normaliseName(p.familyNames, { part: 'family' }).slice(0, 2)) {
      if (token.length < 2) continue;
      const key = spanishPhonetic(token);
      family.set(key, (family.get(key) ?? 0) + 1);
    }
  }
  return { persons: n, given, family };
}
