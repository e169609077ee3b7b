/**
 * When each rule version of a program is in force. The version in force on a date is
 * the highest version whose valid_from is on or before it: a new version supersedes
 * every earlier one from its date on (so a version superseded before its own date was
 * never in force), and nothing is in force after the program closed. Pure; dates are
 * 'YYYY-MM-DD' and compare as text.
 */

export type RuleState = 'scheduled' | 'in_force' | 'ended' | 'never_in_force';

export interface TimedVersion {
  version: number;
  validFrom: string;
  /** The last day it is in force; null when open-ended or never in force. */
  validUntil: string | null;
  state: RuleState;
}

export function ruleTimeline(versions: readonly { version: number; validFrom: string }[], today: string, closedOn?: string): TimedVersion[] {
  const afterClosing = closedOn ? addDays(closedOn, 1) : undefined;
  return versions.map((v) => {
    let end = afterClosing;
    for (const w of versions) if (w.version > v.version && (end === undefined || w.validFrom < end)) end = w.validFrom;
    if (end !== undefined && end <= v.validFrom) return { version: v.version, validFrom: v.validFrom, validUntil: null, state: 'never_in_force' };
    const validUntil = end === undefined ? null : addDays(end, -1);
    const state: RuleState = today < v.validFrom ? 'scheduled' : end !== undefined && today >= end ? 'ended' : 'in_force';
    return { version: v.version, validFrom: v.validFrom, validUntil, state };
  });
}

/** The version in force on a date, if any (before closing; the caller knows whether the program is closed). */
export function versionInForce<V extends { version: number; validFrom: string }>(versions: readonly V[], date: string): V | undefined {
  let found: V | undefined;
  for (const v of versions) if (v.validFrom <= date && (!found || v.version > found.version)) found = v;
  return found;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
