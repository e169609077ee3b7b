/**
 * Handing pseudonyms to a sector, and the audited way back. Programs and
 * distribution store only their sector's pseudonym; a role with that sector's
 * purpose may resolve one to a person, with a written reason, and the audit log
 * keeps who, which sector and why.
 *
 * No table maps pseudonyms to persons: such a table, in the same database as the
 * sector's data, would let anyone who can read the database undo the pseudonyms.
 * Resolving recomputes the pseudonyms of the persons and households in the
 * official's regions until one matches, which needs the master key.
 */
import type { AppContext } from '../app-context.ts';
import type { Purpose } from '../audit/actions.ts';
import { writeAudit, type AuditActor } from '../audit/write-audit.ts';
import { coversRegion, type Role } from '../auth/roles.ts';
import { findHousehold, findPerson, householdMembers } from '../registry/store.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import { PseudonymDeriver, isPseudonymSector, type PseudonymSector } from './derive.ts';
import { idsInRegions } from './store.ts';

/** Who may go back from a pseudonym to a person, and under which purpose. */
export const RESOLVING_ROLES: Partial<Record<Role, Purpose>> = {
  program_manager: 'eligibility',
  distribution_agent: 'distribution',
};

const derivers = new WeakMap<AppContext, PseudonymDeriver>();
/** The installation's deriver: pseudonyms are computed, never stored with the person. */
export const deriverOf = (ctx: AppContext): PseudonymDeriver => {
  let deriver = derivers.get(ctx);
  if (!deriver) derivers.set(ctx, (deriver = new PseudonymDeriver(ctx.config.masterKey)));
  return deriver;
};

/** The pseudonyms of persons in a sector. */
export function pseudonymsFor(ctx: AppContext, sector: PseudonymSector, personIds: readonly string[]): Map<string, string> {
  const deriver = deriverOf(ctx);
  return new Map(personIds.map((id) => [id, deriver.pseudonymOf(sector, id)]));
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
  const resolved = await holderOf(ctx, actor.regionScopes, input.sector, input.pseudonym);
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

const RESOLVE_PAGE = 20_000;

/**
 * Walks the persons, then the households, of the official's regions, recomputing each
 * one's pseudonym in the sector until one matches. A national official's walk covers
 * the whole registry (seconds at a million households): resolving is a rare, audited act.
 */
async function holderOf(ctx: AppContext, regionScopes: readonly string[], sector: PseudonymSector, pseudonym: string): Promise<ResolvedPseudonym | undefined> {
  const deriver = deriverOf(ctx);
  const personId = await findInRegions(ctx, 'person', regionScopes, (id) => deriver.pseudonymOf(sector, id) === pseudonym);
  if (personId) {
    const person = (await findPerson(ctx.db, personId))!;
    return { subject: 'person', personId: person.id, householdId: person.household_id, givenNames: person.given_names, familyNames: person.family_names, regionCode: person.region_code };
  }
  const householdId = await findInRegions(ctx, 'household', regionScopes, (id) => deriver.householdPseudonymOf(sector, id) === pseudonym);
  const household = householdId && (await findHousehold(ctx.db, householdId));
  if (!household) return undefined;
  const members = await householdMembers(ctx.db, household.id);
  const head = members.find((m) => m.relationship === 'head' && m.status === 'active') ?? members.find((m) => m.relationship === 'head');
  if (!head) return undefined;
  return { subject: 'household', personId: head.id, householdId: household.id, givenNames: head.given_names, familyNames: head.family_names, regionCode: household.region_code };
}

async function findInRegions(ctx: AppContext, table: 'person' | 'household', regionScopes: readonly string[], matches: (id: string) => boolean): Promise<string | undefined> {
  let after: string | null = null;
  for (;;) {
    const page = await idsInRegions(ctx.db, table, regionScopes, after, RESOLVE_PAGE);
    const found = page.find((row) => matches(row.id));
    if (found) return found.id;
    if (page.length < RESOLVE_PAGE) return undefined;
    after = page.at(-1)!.id;
  }
}
