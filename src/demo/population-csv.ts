import { stringify } from 'csv-stringify/sync';
import type { SyntheticHousehold, SyntheticPerson } from '../registry/synthetic/synthetic-household.ts';

const ATTRIBUTE_KEYS = [
  'monthly_income',
  'formal_employment',
  'disability',
  'chronic_condition_diabetes',
  'chronic_condition_hypertension',
  'owns_vehicle',
  'pregnant',
] as const;

const HEADER = [
  'household_ref', 'person_ref', 'region_code', 'street', 'number', 'reference', 'relationship', 'given_names', 'family_names',
  'sex', 'birth_date', 'birth_date_declared', 'place_of_birth', 'phone', 'document_type', 'document_number', 'evidence_kind',
  'introducer_ref', ...ATTRIBUTE_KEYS.map((k) => `attr.${k}`),
];

/**
 * A synthetic population as the CSV that `amparo import persons` reads, so that the
 * seed, the demo and the benchmarks go through the same import path as real files.
 * Yields text chunks; streams like the generator it reads. With `pointOf`, each
 * household is assigned the distribution point of its region.
 */
export function* populationCsv(households: Iterable<SyntheticHousehold>, options: { pointOf?: (regionCode: string) => string | null } = {}): Generator<string> {
  const { pointOf } = options;
  // The point goes in a column of its own, so that the generator (hash-tested) stays as it is.
  yield stringify([pointOf ? [...HEADER, 'distribution_point'] : HEADER]);
  for (const h of households) {
    const point = pointOf ? [pointOf(h.regionCode) ?? ''] : [];
    yield stringify(h.members.map((p) => [...row(h, p), ...point]));
  }
}

function row(h: SyntheticHousehold, p: SyntheticPerson): (string | number | boolean)[] {
  const e = p.evidence;
  return [
    h.externalId,
    p.externalId,
    h.regionCode,
    h.address.street,
    h.address.number,
    h.address.reference ?? '',
    p.relationship,
    p.givenNames,
    p.secondFamilyName ? `${p.firstFamilyName} ${p.secondFamilyName}` : p.firstFamilyName,
    p.sex === 'female' ? 'F' : 'M',
    p.birthDate,
    p.birthDateApproximate,
    p.placeOfBirth.place,
    p.phone ?? '',
    e.kind === 'document' ? e.type : '',
    e.kind === 'document' ? e.number : '',
    e.kind === 'document' ? '' : e.kind,
    e.kind === 'introducer' ? e.introducerExternalId : '',
    ...ATTRIBUTE_KEYS.map((k) => (p.attributes[k] === undefined ? '' : String(p.attributes[k]))),
  ];
}
