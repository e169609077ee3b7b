/**
 * Handing pseudonyms to a sector, and the audited way back. Programs and
 * distribution store only their sector's pseudonym; a role with that sector's
 * purpose may resolve one to a person, with a written reason, and the audit log
 * keeps who, which sector and why.
 */
import type { AppContext } from '../app-context.ts';
import type { Purpose } from '../audit/actions.ts';
import { writeAudit, type AuditActor } from '../audit/write-audit.ts';
import { coversRegion, type Role } from '../auth/roles.ts';
import { findHousehold, findPerson, householdMembers } from '../registry/store.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import { PseudonymDeriver, isPseudonymSector, type PseudonymSector } from './derive.ts';
import { findHouseholdPseudonymHolder, findPseudonymHolder, recordPseudonyms } from './store.ts';

/** Who may go back from a pseudonym to a person, and under which purpose. */
export const RESOLVING_ROLES: Partial<Record<Role, Purpose>> = {
  program_manager: 'eligibility',
  distribution_agent: 'distribution',
};

const derivers = new WeakMap<AppContext, PseudonymDeriver>();
/** The installation's deriver, for bulk work that records pseudonyms itself (recordPseudonymsInBulk). */
export const deriverOf = (ctx: AppContext): PseudonymDeriver => {
  let deriver = derivers.get(ctx);
  if (!deriver) derivers.set(ctx, (deriver = new PseudonymDeriver(ctx.config.masterKey)));
  return deriver;
};

/** The pseudonyms of persons in a sector, recorded so that they can be resolved later. */
export async function pseudonymsFor(ctx: AppContext, sector: PseudonymSector, personIds: string[]): Promise<Map<string, string>> {
  const deriver = deriverOf(ctx);
  const found = new Map(personIds.map((id) => [id, deriver.pseudonymOf(sector, id)]));
  await recordPseudonyms(ctx.db, [...found].map(([person_id, pseudonym]) => ({ sector, pseudonym, person_id })));
  return found;
}

export interface ResolvingActor extends AuditActor {
  role: Role;
  regionScopes: readonly string[];
}

/** Who a pseudonym stands for: a person, or a household (household programs) with its head. */
export interface ResolvedPseudonym {
  subject: 'person' | 'household';
  /** The person, or the household's head. */
  personId: string;
  householdId: string;
  givenNames: string;
  familyNames: string;
  regionCode: string;
}

export async function resolvePseudonym(
  ctx: AppContext,
  actor: ResolvingActor,
  input: { sector: string; pseudonym: string; reason: string },
  requestId?: string,
): Promise<ResolvedPseudonym> {
  const purpose = RESOLVING_ROLES[actor.role];
  if (!purpose) throw new DomainError('FORBIDDEN', `a ${actor.role} may not resolve pseudonyms`);
  if (!isPseudonymSector(input.sector)) throw new DomainError('VALIDATION_FAILED', `${input.sector} is not a sector with pseudonyms`);
  const resolved = await holderOf(ctx, input.sector, input.pseudonym);
  if (!resolved || !coversRegion(actor.regionScopes, resolved.regionCode)) throw notFound('pseudonym');
  await writeAudit(ctx.db, {
    actor,
    purpose,
    action: 'pseudonym.resolved',
    subject: resolved.subject === 'person' ? { type: 'person', id: resolved.personId } : { type: 'household', id: resolved.householdId },
    summary: { sector: input.sector, pseudonym: input.pseudonym, reason: input.reason },
    requestId,
  });
  return resolved;
}

async function holderOf(ctx: AppContext, sector: PseudonymSector, pseudonym: string): Promise<ResolvedPseudonym | undefined> {
  const personHolder = await findPseudonymHolder(ctx.db, sector, pseudonym);
  if (personHolder) {
    const person = await findPerson(ctx.db, personHolder.person_id);
    if (!person) return undefined;
    return { subject: 'person', personId: person.id, householdId: person.household_id, givenNames: person.given_names, familyNames: person.family_names, regionCode: person.region_code };
  }
  const householdHolder = await findHouseholdPseudonymHolder(ctx.db, sector, pseudonym);
  const household = householdHolder && (await findHousehold(ctx.db, householdHolder.household_id));
  if (!household) return undefined;
  const head = (await householdMembers(ctx.db, household.id)).find((m) => m.relationship === 'head' && m.status === 'active');
  if (!head) return undefined;
  return { subject: 'household', personId: head.id, householdId: household.id, givenNames: head.given_names, familyNames: head.family_names, regionCode: household.region_code };
}
