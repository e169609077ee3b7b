import type { HouseholdRow, PersonRow } from './store.ts';
import type { Evidence } from './tables.ts';

export interface AttributeAccess {
  visible: Record<string, unknown>;
  withheld: string[];
}

/** A person as an official sees it: special attributes outside the official's purpose are withheld. */
export const personView = (p: PersonRow, attributes: AttributeAccess) => ({
  id: p.id,
  householdId: p.household_id,
  relationship: p.relationship,
  regionCode: p.region_code,
  givenNames: p.given_names,
  familyNames: p.family_names,
  sex: p.sex,
  birthDate: p.birth_date ? { value: p.birth_date, precision: p.birth_date_precision, declared: p.birth_date_declared } : null,
  placeOfBirth: p.place_of_birth,
  phone: p.phone,
  evidence: p.evidence as Evidence[],
  attributes: attributes.visible,
  withheldAttributes: attributes.withheld,
  status: p.status,
  version: p.version,
});

/** A household without its members: what a correction answers, since showing members is a read of their records. */
export const householdRecord = (h: HouseholdRow) => ({
  id: h.id,
  regionCode: h.region_code,
  address: h.address,
  distributionPoint: h.distribution_point,
  status: h.status,
  version: h.version,
});

export const householdView = (h: HouseholdRow, members: PersonRow[], attributes: AttributeAccess[]) => ({
  ...householdRecord(h),
  members: members.map((m, i) => personView(m, attributes[i]!)),
});
