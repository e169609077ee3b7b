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
import { findPerson } from '../registry/store.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import { PseudonymDeriver, isPseudonymSector, type PseudonymSector } from './derive.ts';
import { findPseudonymHolder, recordPseudonyms } from './store.ts';

/** Who may go back from a pseudonym to a person, and under which purpose. */
export const RESOLVING_ROLES: Partial<Record<Role, Purpose>> = {
  program_manager: 'eligibility',
  distribution_agent: 'distribution',
};

const derivers = new WeakMap<AppContext, PseudonymDeriver>();
const deriverOf = (ctx: AppContext) => {
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

export async function resolvePseudonym(
  ctx: AppContext,
  actor: ResolvingActor,
  input: { sector: string; pseudonym: string; reason: string },
  requestId?: string,
) {
  const purpose = RESOLVING_ROLES[actor.role];
  if (!purpose) throw new DomainError('FORBIDDEN', `a ${actor.role} may not resolve pseudonyms`);
  if (!isPseudonymSector(input.sector)) throw new DomainError('VALIDATION_FAILED', `${input.sector} is not a sector with pseudonyms`);
  const holder = await findPseudonymHolder(ctx.db, input.sector, input.pseudonym);
  const person = holder && (await findPerson(ctx.db, holder.person_id));
  if (!person || !coversRegion(actor.regionScopes, person.region_code)) throw notFound('pseudonym');
  await writeAudit(ctx.db, {
    actor,
    purpose,
    action: 'pseudonym.resolved',
    subject: { type: 'person', id: person.id },
    summary: { sector: input.sector, pseudonym: input.pseudonym, reason: input.reason },
    requestId,
  });
  return { personId: person.id, givenNames: person.given_names, familyNames: person.family_names, regionCode: person.region_code };
}
