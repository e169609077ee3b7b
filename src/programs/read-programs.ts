import type { AppContext } from '../app-context.ts';
import { coversProgram } from '../auth/roles.ts';
import type { Db } from '../db/database.ts';
import { listCatalogue } from '../registry/catalogue/list-catalogue.ts';
import { notFound } from '../shared/domain-error.ts';
import type { ProgramActor } from './program-definition.ts';
import { programInScope } from './program-in-scope.ts';
import { ruleVocabulary } from './rules/rule-vocabulary.ts';
import { findProgramByCode, listPrograms, programHistory, ruleVersionsOf, type ProgramRow, type RuleVersionRow } from './store.ts';
import { programView, publicProgramView, publicRuleVersion, ruleVersionViews, type ProgramView, type PublicProgramView } from './views.ts';

// Programs hold no personal data: reading them is not an audit entry (like the catalogue).

function byProgram(rules: RuleVersionRow[]): Map<string, RuleVersionRow[]> {
  const map = new Map<string, RuleVersionRow[]>();
  for (const r of rules) map.set(r.program_id, [...(map.get(r.program_id) ?? []), r]);
  return map;
}

async function withRules(db: Db, programs: ProgramRow[]) {
  const rules = byProgram(await ruleVersionsOf(db, programs.map((p) => p.id)));
  return programs.map((p) => ({ program: p, rules: rules.get(p.id) ?? [] }));
}

/** Every program that is or was in operation (drafts are not public), each with the rule in force today. For anyone. */
export async function listPublicPrograms(db: Db): Promise<PublicProgramView[]> {
  return (await withRules(db, await listPrograms(db, { statuses: ['active', 'closed'] }))).map(({ program, rules }) => publicProgramView(program, rules));
}

/** A program and every rule version it ever published, with their dates, money and text (commitment 2). For anyone. */
export async function readPublicProgram(db: Db, code: string) {
  const program = await findProgramByCode(db, code);
  if (!program || program.status === 'draft') throw notFound('program');
  const rules = await ruleVersionsOf(db, [program.id]);
  return { ...publicProgramView(program, rules), rules: ruleVersionViews(program, rules).map(publicRuleVersion) };
}

/** The programs the official's program scopes cover, drafts included. */
export async function listProgramsInScope(db: Db, actor: ProgramActor): Promise<ProgramView[]> {
  const programs = (await listPrograms(db)).filter((p) => coversProgram(actor.programScopes, p.code));
  return (await withRules(db, programs)).map(({ program, rules }) => programView(program, rules));
}

/** A program with every rule version and every version of its definition, for an official whose scopes cover it. */
export async function readProgram(db: Db, actor: ProgramActor, code: string) {
  const program = await programInScope(db, actor, code);
  const rules = await ruleVersionsOf(db, [program.id]);
  const history = await programHistory(db, program.id);
  return {
    ...programView(program, rules),
    rules: ruleVersionViews(program, rules),
    history: history.map((v) => ({ version: v.version, data: v.data, reason: v.reason, changedBy: v.changed_by_name, changedAt: v.changed_at.toISOString() })),
  };
}

/**
 * The names a rule of this program may use, with their types and meanings, and the
 * catalogue attributes it may not use with the reason: what the console's rule editor
 * offers.
 */
export async function programVocabulary(ctx: AppContext, actor: ProgramActor, code: string) {
  const program = await programInScope(ctx.db, actor, code);
  const vocabulary = ruleVocabulary({ sector: program.sector, unit: program.unit, catalogue: await listCatalogue(ctx.db) });
  return {
    sector: program.sector,
    unit: program.unit,
    facts: [...vocabulary.facts.values()].map((f) => ({
      path: f.path,
      type: f.type,
      values: [...f.values],
      meaning: f.meaning,
      origin: f.origin,
      ...(f.attribute === undefined ? {} : { attribute: f.attribute }),
      mayBeMissing: f.mayBeMissing,
    })),
    withheld: [...vocabulary.withheld.values()],
  };
}
