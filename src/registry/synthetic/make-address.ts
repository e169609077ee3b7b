import { ADDRESS_REFERENCES, NUMBERED_STREET_KINDS, STREET_KINDS, STREET_NAMES } from './names.ts';
import type { Random } from './random.ts';
import type { SyntheticAddress } from './synthetic-household.ts';

const APARTMENT_LETTERS = ['A', 'B', 'C', 'D'] as const;

/**
 * An address as registrars write them where streets are not always numbered: a kind
 * and a name or number, a house number that may be missing ("s/n", sin número), and
 * often a landmark so that a social worker can find the house.
 */
export function makeAddress(random: Random): SyntheticAddress {
  const kind = random.weighted(STREET_KINDS);
  const numbered = NUMBERED_STREET_KINDS.has(kind) && random.chance(0.55);
  const street = `${kind} ${numbered ? random.int(1, 120) : random.pick(STREET_NAMES)}`;
  return { street, number: houseNumber(random, kind), reference: random.chance(0.65) ? random.pick(ADDRESS_REFERENCES) : null };
}

type NumberForm = 'cross' | 'house' | 'numero' | 'none' | 'apartment' | 'block' | 'path';

/** How houses are numbered on each kind of street (weights); informal settlements often have no number. */
const NUMBER_FORMS: Record<string, readonly (readonly [NumberForm, number])[]> = {
  Calle: [['cross', 40], ['house', 35], ['numero', 15], ['none', 10]],
  Carrera: [['cross', 40], ['house', 35], ['numero', 15], ['none', 10]],
  Avenida: [['apartment', 30], ['house', 40], ['numero', 30]],
  Urbanización: [['house', 35], ['block', 25], ['apartment', 40]],
  Sector: [['house', 55], ['none', 30], ['path', 15]],
  Barrio: [['house', 55], ['none', 30], ['path', 15]],
  Callejón: [['house', 55], ['none', 30], ['path', 15]],
};

function houseNumber(random: Random, kind: string): string {
  const form = random.weighted(NUMBER_FORMS[kind] ?? NUMBER_FORMS.Barrio!);
  switch (form) {
    case 'cross': // "12-34": the cross street and the distance from it
      return `${random.int(1, 120)}-${random.int(1, 99)}`;
    case 'house':
      return `Casa ${random.int(1, 150)}`;
    case 'numero':
      return `N° ${random.int(1, kind === 'Avenida' ? 900 : 400)}`;
    case 'none':
      return 's/n';
    case 'apartment':
      return `Edificio ${random.int(1, 24)}, apto ${random.int(1, 14)}-${random.pick(APARTMENT_LETTERS)}`;
    case 'block':
      return `Manzana ${random.int(1, 30)}, casa ${random.int(1, 40)}`;
    case 'path':
      return `Vereda ${random.int(1, 20)}, casa ${random.int(1, 60)}`;
  }
}
