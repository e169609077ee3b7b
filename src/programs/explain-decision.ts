import type { AppContext } from '../app-context.ts';
import { writeAuditBatch, type AuditRecord } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import { listCatalogue } from '../registry/catalogue/list-catalogue.ts';
import { findHousehold, findPerson, householdMembers, type PersonRow } from '../registry/store.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import { compileProgramRules, describeProblems, type StoredReference } from './compile-program-rules.ts';
import { todayUtc, type ProgramActor } from './program-definition.ts';
import { assertManager, programInScope } from './program-in-scope.ts';
import { buildRuleFacts, type MemberRecord } from './rules/build-rule-facts.ts';
import { evaluate, explain, type ClauseExplanation } from './rules/evaluate-rule.ts';
import { parseRuleDate } from './rules/rule-environment.ts';
import { versionInForce } from './rule-timeline.ts';
import { ruleVersionsOf } from './store.ts';

export interface ExplainInput {
  householdId?: string | undefined;
  personId?: string | undefined;
  /** The date the decision is made for, YYYY-MM-DD (a cycle uses the first day of its period); default today. */
  referenceDate?: string | undefined;
}

export interface DecisionExplanation {
  program: string;
  ruleVersion: number;
  referenceDate: string;
  subject: { type: 'household' | 'person'; id: string };
  eligible: boolean;
  /** Units of the measure due: 0 when not eligible. */
  quantity: number;
  measure: string;
  eligibilityRule: string;
  /** How the eligibility clauses combine: all must hold (`and`), one is enough (`or`), or a single clause. */
  join: 'and' | 'or' | 'single';
  clauses: ClauseExplanation[];
  quantityRule: string;
  /** The quantity rule with the facts it read (computed even when not eligible, for the explanation). */
  quantityClause: ClauseExplanation;
  quantityNote?: string;
}

/**
 * Why a household or a person is or is not eligible for a program, and how much is
 * due (DESIGN.md commitment 2): the rule version in force on the reference date,
 * evaluated over facts built from the registry records, each clause with its value
 * and the facts it read. Only the attributes the rule references are read.
 *
 * Access: the official's program scopes must cover the program and their regions the
 * household ("not found" otherwise). The explanation is a read of personal data with
 * the purpose `eligibility`: one `program.explained` entry for the subject and one
 * `registry.person_read` for every member whose record went into the facts, naming the
 * attributes read (never their values). A person-unit program needs `personId`; for a
 * household program a `personId` means the person's household.
 */
export async function explainDecision(ctx: AppContext, actor: ProgramActor, code: string, input: ExplainInput, options: { requestId?: string } = {}): Promise<DecisionExplanation> {
  assertManager(actor);
  if ((input.householdId === undefined) === (input.personId === undefined)) {
    throw new DomainError('VALIDATION_FAILED', 'give either householdId or personId', { field: 'householdId' });
  }
  const program = await programInScope(ctx.db, actor, code);
  if (program.unit === 'person' && !input.personId) {
    throw new DomainError('VALIDATION_FAILED', `program ${code} decides for each person: give personId`, { field: 'personId' });
  }

  const closedOn = program.closed_at?.toISOString().slice(0, 10);
  const today = todayUtc();
  const referenceDate = input.referenceDate ?? (closedOn && closedOn < today ? closedOn : today);
  if (!parseRuleDate(referenceDate)) throw new DomainError('VALIDATION_FAILED', `referenceDate "${referenceDate}" must be a date, YYYY-MM-DD`, { field: 'referenceDate' });
  if (closedOn && referenceDate > closedOn) throw new DomainError('RULE_VIOLATION', `program ${code} closed on ${closedOn}: no rule is in force on ${referenceDate}`);
  const rules = await ruleVersionsOf(ctx.db, [program.id]);
  const rule = versionInForce(rules.map((r) => ({ ...r, validFrom: r.valid_from })), referenceDate);
  if (!rule) {
    const first = rules[0]?.valid_from;
    throw new DomainError('RULE_VIOLATION', `no rule of program ${code} is in force on ${referenceDate}${first ? ` (the first takes effect on ${first})` : ' (none is published)'}`);
  }

  // Subject and household, within the official's regions; "not found" otherwise.
  let person: PersonRow | undefined;
  if (input.personId) {
    person = await findPerson(ctx.db, input.personId);
    if (!person || !coversRegion(actor.regionScopes, person.region_code)) throw notFound('person');
    if (person.status !== 'active') throw new DomainError('RULE_VIOLATION', `a ${person.status} record is not decided about`);
  }
  const household = await findHousehold(ctx.db, person?.household_id ?? input.householdId!);
  if (!household || !coversRegion(actor.regionScopes, household.region_code)) throw notFound('household');
  if (household.status !== 'active') throw new DomainError('RULE_VIOLATION', `a ${household.status} household is not decided about`);

  // The rule as published, checked again against the catalogue as it is now: a rule
  // over an attribute since retired or taken out of the sector's purposes reads nothing.
  const compiled = compileProgramRules(program, rule, await listCatalogue(ctx.db));
  if (!compiled.ok) {
    throw new DomainError('RULE_VIOLATION', `rule version ${rule.version} of ${code} no longer passes the checks against the published catalogue (${describeProblems(compiled.problems)}): publish a new version`, {
      problems: compiled.problems,
    });
  }

  const subjectIsPerson = program.unit === 'person';
  const members = (await householdMembers(ctx.db, household.id)).filter((m) => m.status === 'active');
  const used = needsMembers(compiled.references, subjectIsPerson) ? members : members.filter((m) => m.id === person!.id);
  const keys = [...new Set(compiled.references.flatMap((r) => (r.attribute === undefined ? [] : [r.attribute])))];
  const records = used.map((m) => memberRecord(m, keys));
  const index = subjectIsPerson ? used.findIndex((m) => m.id === person!.id) : undefined;
  if (index === -1) throw new DomainError('RULE_VIOLATION', 'the person is not an active member of their household');
  const facts = buildRuleFacts(
    { unit: program.unit, references: compiled.references },
    { regionCode: household.region_code, members: records, ...(index === undefined ? {} : { person: index }), referenceDate },
  );

  const eligibility = explain(compiled.eligibility, facts);
  const quantity = explain(compiled.quantity, facts);
  const eligible = eligibility.result === true;
  const subject = subjectIsPerson ? { type: 'person' as const, id: person!.id } : { type: 'household' as const, id: household.id };

  const audit = { actor, purpose: 'eligibility' as const, requestId: options.requestId };
  const entries: AuditRecord[] = [
    { ...audit, action: 'program.explained', subject, summary: { program: code, ruleVersion: rule.version, referenceDate, reads: compiled.references.map((r) => r.path) } },
    ...used.map((m, i): AuditRecord => ({
      ...audit,
      action: 'registry.person_read',
      subject: { type: 'person', id: m.id },
      summary: { via: 'program.explained', program: code, attributes: Object.keys(records[i]!.attributes) },
    })),
  ];
  await writeAuditBatch(ctx.db, entries);

  return {
    program: code,
    ruleVersion: rule.version,
    referenceDate,
    subject,
    eligible,
    quantity: eligible ? Number(evaluate(compiled.quantity, facts)) : 0,
    measure: program.measure,
    eligibilityRule: rule.eligibility,
    join: eligibility.join,
    clauses: eligibility.clauses,
    quantityRule: rule.quantity,
    quantityClause: quantity.clauses[0]!,
    ...(quantity.note ? { quantityNote: quantity.note } : {}),
  };
}

/** Whether the decision needs the other members' records (household facts, a parent's children). */
function needsMembers(references: readonly StoredReference[], personUnit: boolean): boolean {
  if (!personUnit) return true;
  return references.some((r) => (r.path.startsWith('household.') && r.path !== 'household.region') || r.path === 'person.children_under_5');
}

/** A member as the rule sees them, with only the attributes the rule references. */
function memberRecord(m: PersonRow, keys: readonly string[]): MemberRecord {
  const attributes: Record<string, unknown> = {};
  const stored = m.attributes as Record<string, unknown>;
  for (const key of keys) if (Object.hasOwn(stored, key)) attributes[key] = stored[key];
  return {
    relationship: m.relationship,
    sex: m.sex,
    birthDate: m.birth_date ? { value: m.birth_date, precision: m.birth_date_precision } : null,
    attributes,
  };
}
