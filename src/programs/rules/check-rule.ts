import type { ASTNode } from '@marcbachmann/cel-js';
import { PROHIBITED_CATEGORIES, checkAttributeAllowed } from '../../registry/catalogue/prohibited-attributes.ts';
import { findCardOrEnrolmentTerm } from './card-and-enrolment-terms.ts';
import type { CompiledRule, RuleClause, RuleKind, RuleReference, RuleRunner } from './compiled-rule.ts';
import { RULE_FUNCTIONS, RULE_SOURCE_MAX, parseRuleDate, ruleEnvironment } from './rule-environment.ts';
import {
  ruleVocabulary,
  type FactDefinition,
  type FactType,
  type RuleCatalogueEntry,
  type RuleSector,
  type RuleUnit,
  type RuleVocabulary,
} from './rule-vocabulary.ts';

/**
 * The check a rule passes when it is saved (DESIGN.md commitment 2): it parses, it names
 * only facts of the program's vocabulary, it asks nothing about cards, documents or
 * other programs, it calls only the allowed functions, its types fit, and it computes
 * what its kind needs. Every problem found is reported, each naming the offending term
 * and where it is; nothing is evaluated against anyone's data.
 */

export type RuleProblemCode =
  /** The text does not parse; `at` is where the parser stopped. */
  | 'syntax'
  /** The rule is empty, longer than RULE_SOURCE_MAX characters, or too deeply nested. */
  | 'too_long'
  /** A name that is neither a derived fact nor a catalogue attribute. */
  | 'unknown_name'
  /** A catalogue attribute whose purposes do not include the program's sector. */
  | 'out_of_purpose'
  /** A retired catalogue attribute. */
  | 'retired'
  /** A catalogue attribute whose key is a derived fact's name. */
  | 'name_taken'
  /** Card ownership, identity documents or enrolment in programs (commitment 2). */
  | 'card_or_enrolment'
  /** A category the registry never records (commitment 1): religion, party, vote… */
  | 'prohibited_attribute'
  /** A person fact in a household program's rule. */
  | 'unit'
  /** A function or method outside the allow-list. */
  | 'function_not_allowed'
  /** A construct outside the language subset (maps, indexes, null, bytes…). */
  | 'not_allowed'
  /** Operands whose types do not fit (a flag compared with a number, an unknown enum value). */
  | 'type'
  /** The rule computes the wrong kind of value for its use. */
  | 'result_type'
  /** A quantity that is negative whatever the facts. */
  | 'negative_quantity';

export interface RulePosition {
  /** 0-based offset in the source. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface RuleProblem {
  code: RuleProblemCode;
  /** The offending term as written in the rule (a name, an operator's operands, a function). */
  term: string;
  message: string;
  at?: RulePosition;
}

export interface CheckRuleOptions {
  sector: RuleSector;
  unit: RuleUnit;
  /** The published catalogue (retired entries included: a rule naming one is told so). */
  catalogue: readonly RuleCatalogueEntry[];
  kind?: RuleKind;
}

export type CheckRuleResult =
  | { ok: true; compiled: CompiledRule; references: readonly RuleReference[] }
  | { ok: false; problems: RuleProblem[] };

/** Checks and compiles a rule. Pure; never throws on any source text. */
export function checkRule(source: string, options: CheckRuleOptions): CheckRuleResult {
  const kind = options.kind ?? 'eligibility';
  if (typeof source !== 'string' || source.trim() === '') {
    return { ok: false, problems: [{ code: 'too_long', term: '', message: 'the rule is empty: write an expression such as household.size >= 1' }] };
  }
  if (source.length > RULE_SOURCE_MAX) {
    return {
      ok: false,
      problems: [{ code: 'too_long', term: source.slice(0, 40), message: `the rule is ${source.length} characters long; a published rule has at most ${RULE_SOURCE_MAX}` }],
    };
  }

  let parsed: ReturnType<typeof ruleEnvironment.parse>;
  try {
    parsed = ruleEnvironment.parse(source);
  } catch (error) {
    return { ok: false, problems: [syntaxProblem(source, error)] };
  }

  const vocabulary = ruleVocabulary({ sector: options.sector, unit: options.unit, catalogue: options.catalogue });
  const checker = new RuleChecker(source, vocabulary, options.catalogue);
  const result = checker.check(parsed.ast);
  const problems = checker.problems.sort((a, b) => (a.at?.offset ?? 0) - (b.at?.offset ?? 0));

  if (result) {
    if (kind === 'eligibility' && result.type !== 'bool') {
      problems.push(checker.problem('result_type', parsed.ast, `an eligibility rule must be true or false; this one computes ${describeType(result)}`));
    }
    if (kind === 'quantity' && result.type !== 'int' && result.type !== 'decimal') {
      problems.push(checker.problem('result_type', parsed.ast, `a quantity rule must compute a number (a whole number or a decimal); this one computes ${describeType(result)}`));
    }
  }
  if (!result && problems.length === 0) {
    problems.push(checker.problem('type', parsed.ast, 'the type of this rule could not be determined'));
  }
  if (!result || problems.length) return { ok: false, problems };

  const references = checker.referenceList();
  const run = parsed as unknown as RuleRunner;
  if (kind === 'quantity' && references.length === 0) {
    const constant = runConstant(run);
    if (constant !== undefined && constant < 0) {
      return { ok: false, problems: [checker.problem('negative_quantity', parsed.ast, `a quantity cannot be negative; this rule always computes ${constant}`)] };
    }
  }

  const { join, clauses } = splitClauses(source, parsed.ast, checker);
  const compiled: CompiledRule = Object.freeze({
    source,
    kind,
    sector: options.sector,
    unit: options.unit,
    resultType: result.type as CompiledRule['resultType'],
    references: Object.freeze(references),
    join,
    clauses: Object.freeze(clauses),
    run,
  });
  return { ok: true, compiled, references };
}

/** The type of a checked expression, with what the messages need to name it. */
interface Typed {
  type: FactType | 'list';
  /** Enum values, when known. */
  values: readonly string[];
  /** The fact it reads, if it is one. */
  fact?: FactDefinition;
  /** The value of a literal. */
  literal?: string | bigint | number | boolean;
  /** The element type of a list literal. */
  element?: Typed;
}

const TYPE_WORDS: Record<Typed['type'], string> = {
  bool: 'true/false',
  int: 'a whole number',
  decimal: 'a decimal number',
  date: 'a date',
  enum: 'a listed value',
  text: 'text',
  list: 'a list',
};
const describeType = (t: Typed) => TYPE_WORDS[t.type];
const isNumber = (t: Typed) => t.type === 'int' || t.type === 'decimal';
const isString = (t: Typed) => t.type === 'enum' || t.type === 'text';

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const ORDERING = new Set(['<', '<=', '>', '>=']);
const EQUALITY = new Set(['==', '!=']);
const ROOTS = ['person', 'household', 'cycle'] as const;

class RuleChecker {
  readonly problems: RuleProblem[] = [];
  private readonly references = new Map<string, { fact: FactDefinition; at: number[] }>();
  private readonly catalogueByKey: ReadonlyMap<string, RuleCatalogueEntry>;

  constructor(
    private readonly source: string,
    private readonly vocabulary: RuleVocabulary,
    catalogue: readonly RuleCatalogueEntry[],
  ) {
    this.catalogueByKey = new Map(catalogue.map((e) => [e.key, e]));
  }

  problem(code: RuleProblemCode, node: ASTNode | { range: { start: number; end: number } }, message: string, term?: string): RuleProblem {
    return { code, term: term ?? this.text(node), message, at: position(this.source, node.range.start) };
  }

  private report(code: RuleProblemCode, node: ASTNode, message: string, term?: string): undefined {
    const problem = this.problem(code, node, message, term);
    const seen = this.problems.some((p) => p.code === problem.code && p.term === problem.term && p.at?.offset === problem.at?.offset);
    if (!seen) this.problems.push(problem);
    return undefined;
  }

  text(node: { range: { start: number; end: number } }): string {
    return balanced(this.source, node.range.start, node.range.end).text;
  }

  referenceList(): RuleReference[] {
    return [...this.references.values()].map(({ fact }) => ({
      path: fact.path,
      type: fact.type,
      origin: fact.origin,
      ...(fact.attribute === undefined ? {} : { attribute: fact.attribute }),
      mayBeMissing: fact.mayBeMissing,
    }));
  }

  /** Paths of the facts used between two offsets, in order of first use. */
  referencesBetween(start: number, end: number): string[] {
    return [...this.references.entries()].filter(([, r]) => r.at.some((o) => o >= start && o < end)).map(([path]) => path);
  }

  check(node: ASTNode): Typed | undefined {
    switch (node.op) {
      case 'value':
        return this.literal(node);
      case 'id':
        return this.select(node);
      case '.':
        return this.select(node);
      case '.?':
      case '[?]':
        return this.report('not_allowed', node, 'optional fields (.? and [?]) are not part of the rule language: use has(...) to ask whether a value is recorded');
      case '[]':
        return this.report('not_allowed', node, 'indexing with [...] is not part of the rule language: name a fact, such as household.members_with.disability');
      case 'map':
        return this.report('not_allowed', node, 'maps {...} are not part of the rule language');
      case 'list':
        node.args.forEach((e) => this.check(e));
        return this.report('not_allowed', node, 'a list [...] may only follow "in", as in person.sex in ["F", "X"]');
      case 'call':
        return this.call(node.args[0], node.args[1], node);
      case 'rcall': {
        const name = node.args[0];
        const card = this.cardTerm(name, node, name);
        if (card) return undefined;
        return this.report(
          'function_not_allowed',
          node,
          `the method ${name}() is not part of the rule language; a rule may call only ${Object.keys(RULE_FUNCTIONS).join(', ')}`,
          name,
        );
      }
      case '!_': {
        const operand = this.check(node.args);
        if (operand && operand.type !== 'bool') return this.report('type', node, `"!" negates true/false, but ${this.text(node.args)} is ${describeType(operand)}`);
        return operand && { type: 'bool', values: [] };
      }
      case '-_': {
        const operand = this.check(node.args);
        if (operand && !isNumber(operand)) return this.report('type', node, `"-" applies to numbers, but ${this.text(node.args)} is ${describeType(operand)}`);
        return operand && { type: operand.type, values: [] };
      }
      case '&&':
      case '||': {
        const [a, b] = [this.check(node.args[0]), this.check(node.args[1])];
        for (const [operand, typed] of [[node.args[0], a], [node.args[1], b]] as const) {
          if (typed && typed.type !== 'bool') {
            this.report('type', operand, `"${node.op}" joins conditions that are true or false, but ${this.text(operand)} is ${describeType(typed)}`);
          }
        }
        return a && b && a.type === 'bool' && b.type === 'bool' ? { type: 'bool', values: [] } : undefined;
      }
      case '?:': {
        const [condition, then, otherwise] = node.args;
        const c = this.check(condition);
        const [t, o] = [this.check(then), this.check(otherwise)];
        if (c && c.type !== 'bool') this.report('type', condition, `the condition before "?" must be true or false, but ${this.text(condition)} is ${describeType(c)}`);
        if (!t || !o) return undefined;
        if (t.type !== o.type && !(isString(t) && isString(o))) {
          const hint = isNumber(t) && isNumber(o) ? ': write whole numbers as decimals (2.0) or convert with double(...)' : '';
          return this.report('type', node, `both branches of "? :" must have one type, but ${this.text(then)} is ${describeType(t)} and ${this.text(otherwise)} is ${describeType(o)}${hint}`);
        }
        return c ? { type: t.type, values: t.type === 'enum' ? [...new Set([...t.values, ...o.values])] : [] } : undefined;
      }
      case 'in':
        return this.membership(node.args[0], node.args[1], node);
      default:
        return this.binary(node);
    }
  }

  private literal(node: Extract<ASTNode, { op: 'value' }>): Typed | undefined {
    const value = node.args;
    switch (typeof value) {
      case 'boolean':
        return { type: 'bool', values: [], literal: value };
      case 'bigint':
        return { type: 'int', values: [], literal: value };
      case 'number':
        return { type: 'decimal', values: [], literal: value };
      case 'string':
        return { type: 'text', values: [], literal: value };
      default:
        if (value === null) return this.report('not_allowed', node, 'null is not part of the rule language: a value that is not recorded is absent; ask with has(person.x)');
        return this.report('not_allowed', node, 'only true/false, numbers and "text" literals are part of the rule language (no bytes, no unsigned numbers)');
    }
  }

  private pathOf(node: ASTNode): string[] | undefined {
    if (node.op === 'id') return [node.args];
    if (node.op === '.') {
      const base = this.pathOf(node.args[0]);
      return base && [...base, node.args[1]];
    }
    return undefined;
  }

  private cardTerm(name: string, node: ASTNode, term: string): boolean {
    if (this.vocabulary.sector === 'identity') return false;
    const hit = findCardOrEnrolmentTerm(name);
    if (!hit) return false;
    this.report('card_or_enrolment', node, name === term ? hit.message : `${term}: ${hit.message}`, term);
    return true;
  }

  /** A name (`household`) or a path (`household.size`). */
  private select(node: ASTNode): Typed | undefined {
    const segments = this.pathOf(node);
    if (!segments) {
      if (node.op === '.') this.check(node.args[0]);
      return this.report('not_allowed', node, `only person, household and cycle have fields; ${this.text(node)} is not a fact`);
    }
    const path = segments.join('.');
    const fact = this.vocabulary.facts.get(path);
    if (fact) {
      const seen = this.references.get(path);
      if (seen) seen.at.push(node.range.start);
      else this.references.set(path, { fact, at: [node.range.start] });
      return { type: fact.type, values: fact.values, fact };
    }
    if (this.cardTerm(path, node, path)) return undefined;
    return this.unknownPath(segments, node);
  }

  private unknownPath(segments: string[], node: ASTNode): undefined {
    const path = segments.join('.');
    const [root, ...rest] = segments as [string, ...string[]];
    const { sector, unit } = this.vocabulary;

    for (let i = segments.length - 1; i > 0; i--) {
      const prefix = this.vocabulary.facts.get(segments.slice(0, i).join('.'));
      if (prefix) return this.report('type', node, `${prefix.path} is ${TYPE_WORDS[prefix.type]}: it has no field ${segments[i]}`, path);
    }
    if (!(ROOTS as readonly string[]).includes(root)) return this.unknownName(root, node, path);
    if (root === 'person' && unit === 'household') {
      return this.report(
        'unit',
        node,
        `${path}: a household program decides for the whole household, so its rule sees household facts only ` +
          `(household.size, household.members_with.<flag>, household.sum.<amount>, …)`,
        path,
      );
    }
    if (rest.length === 0) {
      const example = root === 'cycle' ? 'cycle.reference_date' : root === 'person' ? 'person.age' : 'household.size';
      return this.report('type', node, `${root} is a group of facts: name one of them, such as ${example}`, path);
    }

    const aggregate = root === 'household' && (rest[0] === 'members_with' || rest[0] === 'sum');
    const key = aggregate ? rest[1] : rest[0];
    if (key === undefined) {
      return this.report('type', node, `household.${rest[0]} is a group of facts: name an attribute, such as household.${rest[0]}.${rest[0] === 'sum' ? 'monthly_income' : 'disability'}`, path);
    }
    const withheld = this.vocabulary.withheld.get(key);
    if (withheld) return this.report(withheld.reason, node, `${path}: ${withheld.message}`, path);

    const prohibited = checkAttributeAllowed({ key });
    if (!prohibited.allowed) {
      return this.report(
        'prohibited_attribute',
        node,
        `${path} is about ${PROHIBITED_CATEGORIES[prohibited.category]} ("${prohibited.term}"): the registry never records it and no rule may use it (DESIGN.md commitment 1)`,
        path,
      );
    }

    const entry = this.catalogueByKey.get(key);
    if (entry && root === 'household') {
      const options = [...this.vocabulary.facts.keys()].filter((p) => p.endsWith(`.${key}`) && p.startsWith('household.'));
      const hint = options.length ? `use ${options.join(' or ')}` : `household rules count boolean attributes and sum numeric ones; ${key} is ${entry.type}`;
      return this.report('unknown_name', node, `${path} is not a household fact: ${hint}`, path);
    }
    const where = `the ${sector} sector's ${unit} rules may use the derived facts and the catalogue attributes published for ${sector}`;
    return this.report('unknown_name', node, `${path} is not a fact a rule may use: ${where}`, path);
  }

  private unknownName(name: string, node: ASTNode, term: string): undefined {
    const prohibited = checkAttributeAllowed({ key: name });
    if (!prohibited.allowed) {
      return this.report(
        'prohibited_attribute',
        node,
        `${name} is about ${PROHIBITED_CATEGORIES[prohibited.category]} ("${prohibited.term}"): the registry never records it and no rule may use it (DESIGN.md commitment 1)`,
        term,
      );
    }
    const withheld = this.vocabulary.withheld.get(name);
    if (withheld) return this.report(withheld.reason, node, withheld.message, term);
    const spelled = this.vocabulary.roots.map((r) => `${r}.${name}`).filter((p) => this.vocabulary.facts.has(p));
    const hint = spelled.length
      ? `write ${spelled.join(' or ')}`
      : `a rule names facts as ${this.vocabulary.roots.map((r) => (r === 'cycle' ? 'cycle.reference_date' : `${r}.<fact>`)).join(', ')}`;
    return this.report('unknown_name', node, `unknown name ${term}: ${hint}`, term);
  }

  private call(name: string, args: ASTNode[], node: ASTNode): Typed | undefined {
    if (this.cardTerm(name, node, name)) return undefined;
    if (!Object.hasOwn(RULE_FUNCTIONS, name)) {
      args.forEach((a) => this.check(a));
      return this.report('function_not_allowed', node, `${name}() is not allowed: a rule may call only ${Object.keys(RULE_FUNCTIONS).join(', ')}`, name);
    }
    const fn = name as keyof typeof RULE_FUNCTIONS;
    const arity: Record<keyof typeof RULE_FUNCTIONS, number> = { min: 2, max: 2, date: 1, years_between: 2, days_between: 2, in_region: 2, has: 1, int: 1, double: 1 };
    if (args.length !== arity[fn]) return this.report('type', node, `${name}() takes ${arity[fn]} argument${arity[fn] === 1 ? '' : 's'}: ${RULE_FUNCTIONS[fn]}`, name);

    if (fn === 'has') {
      const [arg] = args as [ASTNode];
      if (arg.op !== '.') return this.report('type', node, `has() takes a fact, such as has(person.monthly_income)`, name);
      return this.check(arg) && { type: 'bool', values: [] };
    }
    if (fn === 'date') {
      const [arg] = args as [ASTNode];
      if (arg.op !== 'value' || typeof arg.args !== 'string' || !parseRuleDate(arg.args)) {
        return this.report('type', node, `date() takes a calendar date written as text, such as date("2026-01-01")`, this.text(node));
      }
      return { type: 'date', values: [] };
    }

    const typed = args.map((a) => this.check(a));
    if (typed.some((t) => !t)) return undefined;
    const [a, b] = typed as [Typed, Typed];
    switch (fn) {
      case 'int':
      case 'double':
        if (!isNumber(a)) return this.report('type', node, `${name}() converts a number, but ${this.text(args[0]!)} is ${describeType(a)}`);
        return { type: fn === 'int' ? 'int' : 'decimal', values: [] };
      case 'min':
      case 'max':
        if (!isNumber(a) || !isNumber(b) || a.type !== b.type) {
          const hint = isNumber(a) && isNumber(b) ? ': write whole numbers as decimals (2.0) or convert with double(...)' : '';
          return this.report('type', node, `${name}() takes two numbers of one type, but got ${describeType(a)} and ${describeType(b)}${hint}`);
        }
        return { type: a.type, values: [] };
      case 'years_between':
      case 'days_between':
        if (a.type !== 'date' || b.type !== 'date') return this.report('type', node, `${name}() takes two dates, such as ${name}(person.x, cycle.reference_date)`);
        return { type: 'int', values: [] };
      case 'in_region':
        if (!isString(a) || args[1]!.op !== 'value' || typeof b.literal !== 'string' || b.literal === '') {
          return this.report('type', node, 'in_region() takes the region and a region code written as text: in_region(household.region, "AN-01")');
        }
        return { type: 'bool', values: [] };
    }
  }

  private membership(left: ASTNode, right: ASTNode, node: ASTNode): Typed | undefined {
    const l = this.check(left);
    if (right.op !== 'list') {
      this.check(right);
      return this.report('type', node, `"in" checks a value against a list of values written out, as in person.sex in ["F", "X"]`);
    }
    let ok = l !== undefined;
    for (const element of right.args) {
      if (element.op !== 'value') {
        this.check(element);
        this.report('type', element, `the list after "in" holds values written out, not ${this.text(element)}`);
        ok = false;
        continue;
      }
      const e = this.literal(element);
      if (!e || !l) {
        ok = false;
        continue;
      }
      if (!this.comparable(l, e, left, element, node)) ok = false;
    }
    return ok ? { type: 'bool', values: [] } : undefined;
  }

  /** Whether two operands may be compared for equality; reports why not. */
  private comparable(a: Typed, b: Typed, an: ASTNode, bn: ASTNode, node: ASTNode): boolean {
    if (isNumber(a) && isNumber(b)) return true;
    if (isString(a) && isString(b)) {
      for (const [x, y, yn] of [[a, b, bn], [b, a, an]] as const) {
        if (x.type === 'enum' && x.values.length && typeof y.literal === 'string' && !x.values.includes(y.literal)) {
          this.report('type', yn, `"${y.literal}" is not a value of ${x.fact?.path ?? this.text(x === a ? an : bn)}: its values are ${x.values.join(', ')}`);
          return false;
        }
      }
      return true;
    }
    if (a.type === b.type && a.type !== 'list') return true;
    this.report('type', node, `cannot compare ${this.text(an)} (${describeType(a)}) with ${this.text(bn)} (${describeType(b)})`);
    return false;
  }

  private binary(node: ASTNode): Typed | undefined {
    const op = node.op;
    const [left, right] = node.args as [ASTNode, ASTNode];
    const [a, b] = [this.check(left), this.check(right)];
    if (!a || !b) return undefined;
    if (EQUALITY.has(op)) return this.comparable(a, b, left, right, node) ? { type: 'bool', values: [] } : undefined;
    if (ORDERING.has(op)) {
      if ((isNumber(a) && isNumber(b)) || (a.type === 'date' && b.type === 'date')) return { type: 'bool', values: [] };
      const why = a.type === 'enum' || b.type === 'enum' ? ': listed values have no order; compare with == or in' : '';
      return this.report('type', node, `"${op}" compares numbers or dates, not ${this.text(left)} (${describeType(a)}) with ${this.text(right)} (${describeType(b)})${why}`);
    }
    if (ARITHMETIC.has(op)) {
      if (!isNumber(a) || !isNumber(b)) {
        return this.report('type', node, `"${op}" computes with numbers, not ${this.text(left)} (${describeType(a)}) and ${this.text(right)} (${describeType(b)})`);
      }
      if (a.type !== b.type) {
        return this.report(
          'type',
          node,
          `"${op}" needs two numbers of one type, but ${this.text(left)} is ${describeType(a)} and ${this.text(right)} is ${describeType(b)}: write whole numbers as decimals (60.0) or convert with double(...)`,
        );
      }
      if (op === '%' && a.type === 'decimal') return this.report('type', node, '"%" (remainder) applies to whole numbers only');
      return { type: a.type, values: [] };
    }
    return this.report('not_allowed', node, `the operator ${op} is not part of the rule language`);
  }
}

/** Splits the top-level `&&` / `||` chain into its operands, each parsed on its own for explanations. */
function splitClauses(source: string, ast: ASTNode, checker: RuleChecker): { join: CompiledRule['join']; clauses: RuleClause[] } {
  const whole = (): { join: CompiledRule['join']; clauses: RuleClause[] } => {
    const text = source.trim();
    const start = source.indexOf(text);
    const run = ruleEnvironment.parse(source) as unknown as RuleRunner;
    return { join: 'single', clauses: [Object.freeze({ text, start, end: start + text.length, references: checker.referencesBetween(0, source.length), run })] };
  };
  if (ast.op !== '&&' && ast.op !== '||') return whole();

  const op = ast.op;
  const leaves: ASTNode[] = [];
  const collect = (node: ASTNode) => {
    if (node.op === op) {
      collect(node.args[0]);
      collect(node.args[1]);
    } else leaves.push(node);
  };
  collect(ast);

  const clauses: RuleClause[] = [];
  for (const leaf of leaves) {
    const { text, start, end } = balanced(source, leaf.range.start, leaf.range.end);
    let run: RuleRunner;
    try {
      run = ruleEnvironment.parse(text) as unknown as RuleRunner;
    } catch {
      // A clause's text always parses on its own; if the parser's ranges ever disagree, explain the rule as one clause rather than wrongly.
      return whole();
    }
    clauses.push(Object.freeze({ text, start, end, references: checker.referencesBetween(start, end), run }));
  }
  return { join: op === '&&' ? 'and' : 'or', clauses };
}

/**
 * The source between two offsets, widened to balance parentheses: the parser's range
 * for a node ends before a closing parenthesis it consumed, e.g. `!(a || b)`.
 */
function balanced(source: string, start: number, end: number): { text: string; start: number; end: number } {
  const depth = (text: string) => {
    let d = 0;
    let quote: string | undefined;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (!quote && ch === '/' && text[i + 1] === '/') {
        const eol = text.indexOf('\n', i);
        if (eol < 0) break;
        i = eol;
      } else if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '(' || ch === '[') d++;
      else if (ch === ')' || ch === ']') d--;
    }
    return d;
  };
  let [from, to] = [start, end];
  let open = depth(source.slice(from, to));
  // A node that starts inside a parenthesis, `(a + b) > 3`, starts at `a`.
  while (open < 0 && from > 0) {
    const ch = source[from - 1]!;
    from--;
    if (ch === '(' || ch === '[') open++;
    else if (!/\s/.test(ch)) break;
  }
  while (open > 0 && to < source.length) {
    const ch = source[to]!;
    to++;
    if (ch === ')' || ch === ']') open--;
    else if (!/\s/.test(ch)) break;
  }
  const raw = source.slice(from, to);
  const text = raw.trim();
  const at = from + raw.indexOf(text);
  return { text, start: at, end: at + text.length };
}

function position(source: string, offset: number): RulePosition {
  const before = source.slice(0, Math.max(0, Math.min(offset, source.length)));
  const lines = before.split('\n');
  return { offset, line: lines.length, column: lines.at(-1)!.length + 1 };
}

function syntaxProblem(source: string, error: unknown): RuleProblem {
  const e = error as { code?: string; range?: { start: number }; summary?: string; message?: string };
  const offset = e.range?.start ?? 0;
  if (e.code === 'limit_exceeded') {
    return { code: 'too_long', term: source.slice(0, 40), message: `the rule is too large or too deeply nested for a published rule (${e.summary ?? e.message?.split('\n')[0] ?? ''})` };
  }
  const at = position(source, offset);
  const near = source.slice(offset, offset + 20).split('\n')[0]!.trim();
  const summary = e.summary ?? e.message?.split('\n')[0] ?? 'the rule does not parse';
  return {
    code: 'syntax',
    term: near,
    message: `syntax error at line ${at.line}, column ${at.column}${near ? ` (near "${near}")` : ' (at the end)'}: ${summary}`,
    at,
  };
}

/** The value of a rule that uses no facts, as a number; undefined if it cannot be computed. */
function runConstant(run: RuleRunner): number | undefined {
  try {
    const value = run({ household: { members_with: {}, sum: {} }, cycle: { reference_date: new Date(0) } });
    return typeof value === 'bigint' || typeof value === 'number' ? Number(value) : undefined;
  } catch {
    return undefined;
  }
}
