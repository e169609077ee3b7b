import type { Evidence, HouseholdInput, PersonInput, Relationship, Sex } from '../../api/contracts.ts';
import type { AttributeDraft } from '../../catalogue/attribute-value.ts';
import { attributesFromDraft } from '../../catalogue/attribute-value.ts';
import type { CatalogueEntry } from '../../api/contracts.ts';

/** A birth date as the form holds it: a full date, or only a year; declared when no document backs it. */
export interface BirthDateDraft {
  date: string;
  year: string;
  yearOnly: boolean;
  declared: boolean;
}

export type EvidenceKind = Evidence['kind'];
export type DocumentType = Extract<Evidence, { kind: 'document' }>['type'];

export interface EvidenceDraft {
  kind: EvidenceKind | '';
  documentType: DocumentType;
  documentNumber: string;
  introducer: { id: string; name: string } | undefined;
  note: string;
}

export interface MemberDraft {
  /** For React's list keys only; never sent. */
  key: number;
  relationship: Relationship;
  givenNames: string;
  familyNames: string;
  sex: Sex | '';
  birth: BirthDateDraft;
  placeOfBirth: string;
  phone: string;
  evidence: EvidenceDraft;
  attributes: AttributeDraft;
}

export interface HouseholdDraft {
  regionCode: string;
  street: string;
  number: string;
  reference: string;
  distributionPoint: string;
  members: MemberDraft[];
}

export const EMPTY_BIRTH: BirthDateDraft = { date: '', year: '', yearOnly: false, declared: false };

let nextKey = 1;
export function emptyMember(relationship: Relationship): MemberDraft {
  return {
    key: nextKey++,
    relationship,
    givenNames: '',
    familyNames: '',
    sex: '',
    birth: EMPTY_BIRTH,
    placeOfBirth: '',
    phone: '',
    evidence: { kind: '', documentType: 'national_id', documentNumber: '', introducer: undefined, note: '' },
    attributes: {},
  };
}

export const emptyHousehold = (): HouseholdDraft => ({
  regionCode: '',
  street: '',
  number: '',
  reference: '',
  distributionPoint: '',
  members: [emptyMember('head')],
});

const today = () => new Date().toISOString().slice(0, 10);
export const DOCUMENT_NUMBER = /^[A-Z0-9-]{4,20}$/i;
/** Mirrors PersonInput.phone (src/registry/schemas.ts), so that the form says it first. */
export const PHONE = /^\+?[0-9][0-9 ()-]{6,23}$/;

/** Problems with a birth date as typed, by message key; none when it is empty or right. */
export function birthProblem(birth: BirthDateDraft): 'yearInvalid' | 'dateInFuture' | 'dateTooOld' | undefined {
  if (birth.yearOnly) {
    if (!birth.year) return undefined;
    const year = Number(birth.year);
    if (!/^\d{4}$/.test(birth.year) || year > new Date().getFullYear() || year < 1890) return 'yearInvalid';
    return undefined;
  }
  if (!birth.date) return undefined;
  if (birth.date > today()) return 'dateInFuture';
  if (birth.date < '1890-01-01') return 'dateTooOld';
  return undefined;
}

export function birthFromDraft(birth: BirthDateDraft): PersonInput['birthDate'] {
  if (birth.yearOnly) return birth.year ? { value: `${birth.year}-01-01`, precision: 'year', declared: birth.declared } : null;
  return birth.date ? { value: birth.date, precision: 'day', declared: birth.declared } : null;
}

export function draftFromBirth(birthDate: { value: string; precision: 'day' | 'year'; declared: boolean } | null): BirthDateDraft {
  if (!birthDate) return EMPTY_BIRTH;
  return birthDate.precision === 'year'
    ? { date: '', year: birthDate.value.slice(0, 4), yearOnly: true, declared: birthDate.declared }
    : { date: birthDate.value, year: '', yearOnly: false, declared: birthDate.declared };
}

function evidenceFromDraft(e: EvidenceDraft): Evidence[] {
  const note = e.note.trim() ? { note: e.note.trim() } : {};
  switch (e.kind) {
    case 'document':
      return [{ kind: 'document', type: e.documentType, number: e.documentNumber.trim().toUpperCase() }];
    case 'introducer':
      return e.introducer ? [{ kind: 'introducer', introducerId: e.introducer.id, ...note }] : [];
    case 'household_head':
      return [{ kind: 'household_head', ...note }];
    case 'sworn_declaration':
      return [{ kind: 'sworn_declaration', ...note }];
    case '':
      return [];
  }
}

export function personFromDraft(m: MemberDraft, catalogue: readonly CatalogueEntry[]): PersonInput {
  return {
    relationship: m.relationship,
    givenNames: m.givenNames.trim(),
    familyNames: m.familyNames.trim().replace(/\s+/g, ' '),
    sex: m.sex || null,
    birthDate: birthFromDraft(m.birth),
    placeOfBirth: m.placeOfBirth.trim() || null,
    phone: m.phone.trim() || null,
    evidence: evidenceFromDraft(m.evidence),
    attributes: attributesFromDraft(m.attributes, catalogue),
  };
}

export function householdFromDraft(d: HouseholdDraft, catalogue: readonly CatalogueEntry[]): HouseholdInput {
  return {
    regionCode: d.regionCode,
    address: {
      street: d.street.trim(),
      ...(d.number.trim() ? { number: d.number.trim() } : {}),
      ...(d.reference.trim() ? { reference: d.reference.trim() } : {}),
    },
    distributionPoint: d.distributionPoint.trim() || null,
    members: d.members.map((m) => personFromDraft(m, catalogue)),
  };
}

/** A problem with one field: where it is (the input's id) and what to say (a message key under registry.enrol.problems). */
export interface FieldProblem {
  field: string;
  problem: ProblemKey;
}

export type ProblemKey =
  | 'required'
  | 'yearInvalid'
  | 'dateInFuture'
  | 'dateTooOld'
  | 'phoneInvalid'
  | 'evidenceRequired'
  | 'documentNumberInvalid'
  | 'introducerRequired'
  | 'noteRequired'
  | 'oneHead'
  | 'attributeInvalid'
  | 'reasonRequired'
  | 'headInactive';

/** Field ids: one scheme, so that a problem can point at (and focus) its input. */
export const memberField = (m: MemberDraft, name: string) => `member-${m.key}-${name}`;

/** Everything the form can tell before the server does, in the order of the form. */
export function problemsOf(d: HouseholdDraft, attributeProblem: (m: MemberDraft) => string | undefined): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const need = (ok: boolean, field: string, problem: ProblemKey = 'required') => {
    if (!ok) problems.push({ field, problem });
  };
  need(Boolean(d.regionCode), 'household-region');
  need(Boolean(d.street.trim()), 'household-street');
  for (const m of d.members) problems.push(...memberProblems(m, attributeProblem));
  const heads = d.members.filter((m) => m.relationship === 'head');
  if (heads.length !== 1) {
    const wrong = heads[1] ?? d.members[0]!;
    problems.push({ field: memberField(wrong, 'relationship'), problem: 'oneHead' });
  }
  return problems;
}

/** What the form can tell of one member before the server does: at enrolment, or when a member is added. */
export function memberProblems(m: MemberDraft, attributeProblem: (m: MemberDraft) => string | undefined): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const need = (ok: boolean, field: string, problem: ProblemKey = 'required') => {
    if (!ok) problems.push({ field, problem });
  };
  need(Boolean(m.givenNames.trim()), memberField(m, 'given-names'));
  need(Boolean(m.familyNames.trim()), memberField(m, 'family-names'));
  const birth = birthProblem(m.birth);
  if (birth) problems.push({ field: memberField(m, m.birth.yearOnly ? 'birth-year' : 'birth-date'), problem: birth });
  need(!m.phone.trim() || PHONE.test(m.phone.trim()), memberField(m, 'phone'), 'phoneInvalid');
  const e = m.evidence;
  need(e.kind !== '', memberField(m, 'evidence-document'), 'evidenceRequired');
  if (e.kind === 'document') need(DOCUMENT_NUMBER.test(e.documentNumber.trim()), memberField(m, 'document-number'), 'documentNumberInvalid');
  if (e.kind === 'introducer') need(Boolean(e.introducer), memberField(m, 'introducer-name'), 'introducerRequired');
  if (e.kind === 'sworn_declaration') need(e.note.trim().length >= 3, memberField(m, 'evidence-note'), 'noteRequired');
  const attribute = attributeProblem(m);
  if (attribute) problems.push({ field: attribute, problem: 'attributeInvalid' });
  return problems;
}
