import { checkRule, type RuleProblem } from './rules/check-rule.ts';
import type { CompiledRule, RuleKind, RuleReference } from './rules/compiled-rule.ts';
import type { RuleCatalogueEntry } from './rules/rule-vocabulary.ts';
import type { ProgramSector, ProgramUnit } from './program-kinds.ts';

/** A catalogue entry as the checker needs it, with its published version when known. */
export type VersionedCatalogueEntry = RuleCatalogueEntry & { version?: number };

/**
 * A fact a program's rule reads, as stored with the rule version (and published): the
 * checker's reference, which of the two expressions read it, and the version of the
 * catalogue entry it was checked against.
 */
export interface StoredReference extends RuleReference {
  usedBy: RuleKind[];
  catalogueVersion?: number;
}

export interface ProgramRuleProblem extends RuleProblem {
  /** Which of the two expressions the problem is in. */
  rule: RuleKind;
}

export interface ProgramRuleText {
  eligibility: string;
  quantity: string;
}

export type CompiledProgramRules =
  | { ok: true; eligibility: CompiledRule; quantity: CompiledRule; references: StoredReference[] }
  | { ok: false; problems: ProgramRuleProblem[] };

/**
 * Checks and compiles both expressions of a program's rule against the catalogue as it
 * is: eligibility must compute true/false, quantity a number, each over the program's
 * vocabulary only (its sector's catalogue purposes, its unit). Every problem of both is
 * reported. Pure; never throws.
 */
export function compileProgramRules(program: { sector: ProgramSector; unit: ProgramUnit }, text: ProgramRuleText, catalogue: readonly VersionedCatalogueEntry[]): CompiledProgramRules {
  const options = { sector: program.sector, unit: program.unit, catalogue };
  const eligibility = checkRule(text.eligibility, { ...options, kind: 'eligibility' });
  const quantity = checkRule(text.quantity, { ...options, kind: 'quantity' });
  if (!eligibility.ok || !quantity.ok) {
    return {
      ok: false,
      problems: [
        ...(eligibility.ok ? [] : eligibility.problems.map((p) => ({ ...p, rule: 'eligibility' as const }))),
        ...(quantity.ok ? [] : quantity.problems.map((p) => ({ ...p, rule: 'quantity' as const }))),
      ],
    };
  }
  const versions = new Map(catalogue.map((e) => [e.key, e.version]));
  const references = new Map<string, StoredReference>();
  for (const [kind, refs] of [['eligibility', eligibility.references], ['quantity', quantity.references]] as const) {
    for (const ref of refs) {
      const known = references.get(ref.path);
      if (known) {
        known.usedBy.push(kind);
        continue;
      }
      const version = ref.attribute === undefined ? undefined : versions.get(ref.attribute);
      references.set(ref.path, { ...ref, usedBy: [kind], ...(version === undefined ? {} : { catalogueVersion: version }) });
    }
  }
  return { ok: true, eligibility: eligibility.compiled, quantity: quantity.compiled, references: [...references.values()] };
}

/** One line per problem, for the error message: "eligibility, line 1 column 1: …". */
export function describeProblems(problems: readonly ProgramRuleProblem[]): string {
  return problems.map((p) => `${p.rule}${p.at ? `, line ${p.at.line} column ${p.at.column}` : ''}: ${p.message}`).join('; ');
}
