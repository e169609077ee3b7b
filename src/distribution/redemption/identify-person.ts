import type { AppContext } from '../../app-context.ts';
import { writeAuditBatch } from '../../audit/write-audit.ts';
import { nameTokenKeys } from '../../registry/find-duplicates.ts';
import { searchByKeys } from '../../registry/store.ts';
import { DomainError, notFound } from '../../shared/domain-error.ts';
import { issueIdentificationToken } from './identification-token.ts';
import { dueTo } from './read-due.ts';
import { pointRegion } from './store.ts';
import type { TerminalCaller } from './terminal-caller.ts';
import type { Due } from './views.ts';

export const IDENTIFY_MAX_MATCHES = 5;

export interface IdentifyInput {
  givenNames: string;
  familyNames: string;
  /** YYYY-MM-DD, when the person knows it: narrows the search. */
  birthDate?: string | undefined;
  /** Why the person has no card with them (at least 10 characters): kept in the audit log. */
  reason: string;
}

/**
 * A person who lost their card, found by an agent through a signed terminal: a search
 * by name (sounds-alike, as the registry's search) among the active persons of the
 * point's region only, at most five, each with a 15-minute token that stands for them
 * (for GET /api/terminal/due?token= and a redemption record's `identificationToken`)
 * and what is due to them here. Every person shown is an audited read with the reason
 * (`distribution.identified_without_card`); a search that finds nobody is audited too.
 */
export async function identifyPerson(ctx: AppContext, caller: TerminalCaller, input: IdentifyInput, requestId?: string) {
  if (input.reason.trim().length < 10) throw new DomainError('VALIDATION_FAILED', 'say why the person has no card, in at least 10 characters', { field: 'reason' });
  const keys = nameTokenKeys(`${input.givenNames} ${input.familyNames}`);
  if (keys.length < 2) throw new DomainError('VALIDATION_FAILED', 'give the given and the family names (two letters or more each)', { field: 'familyNames' });
  const point = await pointRegion(ctx.db, caller.pointCode);
  if (!point) throw notFound('distribution point');
  const found = await searchByKeys(ctx.db, { allOf: keys, anyOf: [], birthDate: input.birthDate, scopes: [point.region_code], limit: 50 });
  const persons = found.filter((p) => p.status === 'active').slice(0, IDENTIFY_MAX_MATCHES);
  const matches: { token: string; name: string; birthYear: number | null; due: Due[] }[] = [];
  for (const p of persons) {
    const holder = { cardNumber: null, identifiedBy: 'official_search' as const, personId: p.id, householdId: p.household_id, phone: p.phone, regionCode: p.region_code };
    matches.push({
      token: issueIdentificationToken(ctx.box, p.id, caller.pointCode),
      name: `${p.given_names} ${p.family_names}`,
      birthYear: p.birth_date ? Number(String(p.birth_date).slice(0, 4)) : null,
      due: await dueTo(ctx, caller.pointCode, holder),
    });
  }
  const actor = { id: caller.agent.id, name: caller.agent.name, role: caller.agent.role };
  const summary = { reason: input.reason.trim(), point: caller.pointCode, terminal: caller.terminalId, matches: persons.length };
  await writeAuditBatch(
    ctx.db,
    persons.length
      ? persons.map((p) => ({ actor, purpose: 'distribution' as const, action: 'distribution.identified_without_card' as const, subject: { type: 'person', id: p.id }, summary, requestId }))
      : [{ actor, purpose: 'distribution', action: 'distribution.identified_without_card', summary, requestId }],
  );
  return { matches };
}
