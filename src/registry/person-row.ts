import type { PersonInput } from './schemas.ts';
import type { NewPerson } from './store.ts';

/** A birth date as stored: a year-only date is kept as YYYY-01-01 with precision `year`. */
export function storedBirthDate(birthDate: PersonInput['birthDate']) {
  return {
    birth_date: birthDate ? (birthDate.precision === 'year' ? `${birthDate.value.slice(0, 4)}-01-01` : birthDate.value) : null,
    birth_date_precision: birthDate?.precision ?? ('day' as const),
    birth_date_declared: birthDate?.declared ?? false,
  };
}

/** The first version of a person's row, from checked input; shared by enrolment and import. */
export function newPersonRow(
  m: PersonInput,
  where: { id: string; householdId: string; regionCode: string; externalRef: string | null },
  derived: { attributes: Record<string, unknown>; nameKeys: string[] },
): NewPerson {
  return {
    id: where.id,
    household_id: where.householdId,
    relationship: m.relationship,
    region_code: where.regionCode,
    given_names: m.givenNames,
    family_names: m.familyNames,
    sex: m.sex,
    ...storedBirthDate(m.birthDate),
    place_of_birth: m.placeOfBirth,
    phone: m.phone,
    evidence: JSON.stringify(m.evidence),
    attributes: JSON.stringify(derived.attributes),
    version: 1,
    dedup_keys: derived.nameKeys,
    external_ref: where.externalRef,
  };
}
