/**
 * Finds listed words in free text however they are written: any case, with or
 * without accents, in snake_case, camelCase, kebab-case or with spaces, with digits
 * for letters (r3ligion, p4rtido), with separators between letters (p.a.r.t.i.d.o,
 * pa-rti-do), with doubled letters (rreligion), with Cyrillic or Greek look-alike
 * letters, and in the usual Spanish / Portuguese / English spelling swaps (c/k,
 * g/j before e and i: relijion, politika).
 *
 * How: the text is folded (NFKD, marks removed, lower case, look-alikes mapped) and
 * cut into words at separators, at camelCase humps and around numbers (two or more
 * digits at a word's edge, five or more anywhere: voted2024; digits between letters
 * stay, as letters: r3l1g10n); three or more one-letter words in a row are joined
 * (p.a.r.t.i.d.o → partido). Repeated letters are squeezed on both sides. Then:
 *
 * - `word` rules match a run of one to four consecutive words that, joined, spell
 *   the term exactly (optionally plural: +s / +es): `raza`, `raza_s`, `color_de_piel`,
 *   `colordepiel`. Never a part of a longer word, so `racion` is not `raza`.
 * - `prefix` rules match a run of words that, joined, starts with the term: `vot`
 *   finds vote, voted, voter, voto, votante, votación — but only at the start of a
 *   word, so `devoto` is not matched; `except` lists longer words that are allowed.
 * - `inside` rules match anywhere inside one word (for distinctive stems such as
 *   `religi` in antireligioso), and like `prefix` rules at the start of a run of
 *   words (TikTok); never in the middle of a run, so that two innocent words side
 *   by side cannot spell a listed one.
 * - `pair` rules match when a word of each list appears anywhere in the same text
 *   (patria + carnet, union + member).
 * - `allow` phrases are taken out before matching (third party, credit union,
 *   patria potestad), so that their words do not count.
 *
 * Pure and synchronous; never throws on any string.
 */

export type MatchMode = 'word' | 'prefix' | 'inside';

export interface TermRule<C extends string> {
  category: C;
  /** The term as a person would write it; spaces separate the words of a phrase. */
  form: string;
  mode: MatchMode;
  /** `prefix` and `inside`: longer words that start with the term and are allowed. */
  except?: readonly string[];
}

export interface PairRule<C extends string> {
  category: C;
  first: readonly string[];
  second: readonly string[];
}

export interface TermMatch<C extends string> {
  category: C;
  /** The rule's term as listed (a stem for prefix and inside rules). */
  form: string;
  /** The words of the text that matched, exactly as written there. */
  text: string;
  start: number;
  end: number;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const MAX_WINDOW = 4;

// Letters that read like Latin ones (Cyrillic, Greek) and a few ligatures NFKD keeps.
const LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ӏ: 'l', ԛ: 'q', ԝ: 'w',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
};

// What each letter of a term may be written as: digits and symbols that read as it,
// and the spelling swaps of es/pt/en (c↔k; g↔j before e and i, as in relijion).
const READS_AS: Record<string, string> = {
  a: '[a4@]', b: '[b8]', c: '[ck]', e: '[e3]', g: '[g9j]', i: '[i1]', k: '[kc]', l: '[l1]', o: '[o0]', s: '[s5$]', t: '[t7]',
};

/** Folds one character: NFKD, marks dropped, lower case, look-alikes mapped. May be ''. */
function fold(ch: string): string {
  const base = ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  let out = '';
  for (const c of base) out += LOOKALIKES[c] ?? c;
  return out;
}

/** Folds a listed term: letters and digits only, squeezed. */
export function foldTerm(term: string): string {
  let out = '';
  for (const ch of term) out += fold(ch);
  return squeeze(out.replace(/[^\p{L}\p{N}]/gu, ''));
}

/** Collapses runs of one repeated character: rreligion → religion, comunnist → comunist. */
function squeeze(s: string): string {
  let out = '';
  for (const ch of s) if (ch !== out.at(-1)) out += ch;
  return out;
}

const pattern = (folded: string) => [...folded].map((c) => READS_AS[c] ?? c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('');

type UnitKind = 'letter' | 'digit';
interface Unit {
  f: string;
  start: number;
  end: number;
  kind: UnitKind;
  upper: boolean;
  lower: boolean;
}

/** Cuts a text into folded words with their offsets in the original text. */
export function tokenise(raw: string): Token[] {
  // One unit per character that is a letter, a digit or a leet symbol; null for separators.
  const units: (Unit | null)[] = [];
  let offset = 0;
  for (const ch of raw) {
    const f = fold(ch);
    const start = offset;
    offset += ch.length;
    if (f === '') {
      // A combining mark written apart from its letter belongs to the letter before it.
      const last = units.at(-1);
      if (last) last.end = offset;
      continue;
    }
    if (/^[\p{L}@$]+$/u.test(f)) {
      units.push({ f, start, end: offset, kind: 'letter', upper: /\p{Lu}/u.test(ch), lower: /\p{Ll}/u.test(ch) });
    } else if (/^\p{N}+$/u.test(f) && /^[0-9]+$/.test(f)) {
      units.push({ f, start, end: offset, kind: 'digit', upper: false, lower: false });
    } else {
      units.push(null);
    }
  }

  // Group into words: break at separators and at camelCase humps (votoEnElecciones,
  // PSUVMember → PSUV Member).
  const groups: Unit[][] = [];
  let current: Unit[] = [];
  const flush = () => {
    if (current.length) groups.push(current);
    current = [];
  };
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (!u) {
      flush();
      continue;
    }
    const prev = units[k - 1];
    const next = units[k + 1];
    const hump = prev && u.upper && (prev.lower || (prev.upper && next?.lower === true));
    if (hump) flush();
    current.push(u);
  }
  flush();

  // Runs of two or more digits at the edge of a word are numbers (voted2024,
  // 2024_votes), and so are long runs anywhere: cut them out. Shorter runs between
  // letters, and single digits, stay as letters in disguise (r3ligion, r3l1g10n).
  const words: Token[] = [];
  for (const group of groups) {
    let piece: Unit[] = [];
    const emit = () => {
      if (piece.length && piece.some((u) => u.kind === 'letter' || piece.length === 1)) {
        words.push({ text: piece.map((u) => u.f).join(''), start: piece[0]!.start, end: piece.at(-1)!.end });
      }
      piece = [];
    };
    for (let k = 0; k < group.length; k++) {
      const u = group[k]!;
      if (u.kind === 'digit') {
        let run = k;
        while (run < group.length && group[run]!.kind === 'digit') run++;
        const atEdge = k === 0 || run === group.length;
        if (run - k >= 5 || (run - k >= 2 && atEdge)) {
          emit();
          k = run - 1;
          continue;
        }
      }
      piece.push(u);
    }
    emit();
  }

  // p.a.r.t.i.d.o: three or more one-character words in a row are one word.
  const joined: Token[] = [];
  for (let k = 0; k < words.length; ) {
    let run = k;
    while (run < words.length && words[run]!.text.length === 1) run++;
    if (run - k >= 3) {
      joined.push({ text: words.slice(k, run).map((w) => w.text).join(''), start: words[k]!.start, end: words[run - 1]!.end });
      k = run;
    } else {
      joined.push(words[k]!);
      k++;
    }
  }
  return joined;
}

/** The spellings of a run of words that rules are tested against. */
function variants(joined: string): string[] {
  const squeezed = squeeze(joined);
  if (!/[0-9]/.test(joined)) return [squeezed];
  const lettersOnly = squeeze(joined.replace(/[0-9]/g, ''));
  return lettersOnly && lettersOnly !== squeezed ? [squeezed, lettersOnly] : [squeezed];
}

interface Compiled<C extends string> {
  regex: RegExp;
  rules: TermRule<C>[];
}

function compile<C extends string>(rules: TermRule<C>[], wrap: (alternatives: string) => string, flags = ''): Compiled<C> | undefined {
  if (!rules.length) return undefined;
  // Longest first, so a prefix match names the most specific term (protestan before protest).
  const sorted = [...rules].sort((a, b) => foldTerm(b.form).length - foldTerm(a.form).length);
  const alternatives = sorted.map((rule) => {
    const folded = foldTerm(rule.form);
    const guards = (rule.except ?? [])
      .map(foldTerm)
      .filter((e) => e.startsWith(folded) && e.length > folded.length)
      .map((e) => `(?!${pattern(e.slice(folded.length))})`)
      .join('');
    return `(${pattern(folded)}${guards})`;
  });
  return { regex: new RegExp(wrap(alternatives.join('|')), flags), rules: sorted };
}

function firstGroup<C extends string>(compiled: Compiled<C>, match: RegExpExecArray): TermRule<C> | undefined {
  for (let g = 1; g < match.length; g++) if (match[g] !== undefined) return compiled.rules[g - 1];
  return undefined;
}

const plural = '(?:e?s)?';

export interface TermMatcherSpec<C extends string> {
  rules: TermRule<C>[];
  pairs?: PairRule<C>[];
  allow?: readonly string[];
}

export class TermMatcher<C extends string> {
  private readonly word;
  private readonly prefix;
  private readonly inside;
  private readonly allow;
  private readonly pairs;

  constructor(spec: TermMatcherSpec<C>) {
    this.word = compile(spec.rules.filter((r) => r.mode === 'word'), (a) => `^(?:${a})${plural}$`);
    // An `inside` stem also starts words, including runs of words (TikTok, WhatsApp_number).
    this.prefix = compile(spec.rules.filter((r) => r.mode !== 'word'), (a) => `^(?:${a})`);
    this.inside = compile(spec.rules.filter((r) => r.mode === 'inside'), (a) => `(?:${a})`);
    const allowRules = (spec.allow ?? []).map((form) => ({ category: 'allow', form, mode: 'word' as const }));
    this.allow = compile(allowRules, (a) => `^(?:${a})${plural}$`);
    this.pairs = (spec.pairs ?? []).map((pair) => ({
      pair,
      first: compile(pair.first.map((form) => ({ category: pair.category, form, mode: 'word' as const })), (a) => `^(?:${a})${plural}$`)!,
      second: compile(pair.second.map((form) => ({ category: pair.category, form, mode: 'word' as const })), (a) => `^(?:${a})${plural}$`)!,
    }));
  }

  /**
   * Every listed term in the text, best first: the earliest, and at the same place
   * the longest term. Empty when the text is clean.
   */
  findAll(raw: string): TermMatch<C>[] {
    const tokens = tokenise(raw);
    const masked = this.maskAllowed(tokens);
    const found: TermMatch<C>[] = [];
    const add = (rule: TermRule<C>, from: number, to: number) =>
      found.push({ category: rule.category, form: rule.form, text: raw.slice(tokens[from]!.start, tokens[to]!.end), start: tokens[from]!.start, end: tokens[to]!.end });

    for (let i = 0; i < tokens.length; i++) {
      for (let j = i; j < Math.min(tokens.length, i + MAX_WINDOW); j++) {
        if (masked[j]) break;
        if (masked[i]) break;
        const joined = tokens.slice(i, j + 1).map((t) => t.text).join('');
        for (const v of variants(joined)) {
          for (const compiled of [this.word, this.prefix]) {
            if (!compiled) continue;
            const m = compiled.regex.exec(v);
            const rule = m && firstGroup(compiled, m);
            if (rule) add(rule, i, j);
          }
          if (i === j && this.inside) {
            const m = this.inside.regex.exec(v);
            const rule = m && firstGroup(this.inside, m);
            if (rule) add(rule, i, j);
          }
        }
      }
    }

    for (const { pair, first, second } of this.pairs) {
      const a = this.findWindow(tokens, masked, first.regex);
      const b = a && this.findWindow(tokens, masked, second.regex);
      if (a && b) {
        const from = Math.min(a[0], b[0]);
        const to = Math.max(a[1], b[1]);
        found.push({
          category: pair.category,
          form: `${pair.first[0]} + ${pair.second[0]}`,
          text: raw.slice(tokens[from]!.start, tokens[to]!.end),
          start: tokens[from]!.start,
          end: tokens[to]!.end,
        });
      }
    }
    return found.sort((x, y) => x.start - y.start || foldTerm(y.form).length - foldTerm(x.form).length);
  }

  /** The best match, or undefined when the text is clean. */
  find(raw: string): TermMatch<C> | undefined {
    return this.findAll(raw)[0];
  }

  private findWindow(tokens: Token[], masked: boolean[], regex: RegExp): [number, number] | undefined {
    for (let i = 0; i < tokens.length; i++) {
      for (let j = i; j < Math.min(tokens.length, i + MAX_WINDOW); j++) {
        if (masked[i] || masked[j]) break;
        const joined = tokens.slice(i, j + 1).map((t) => t.text).join('');
        if (variants(joined).some((v) => regex.test(v))) return [i, j];
      }
    }
    return undefined;
  }

  private maskAllowed(tokens: Token[]): boolean[] {
    const masked = tokens.map(() => false);
    if (!this.allow) return masked;
    for (let i = 0; i < tokens.length; i++) {
      for (let j = i; j < Math.min(tokens.length, i + MAX_WINDOW); j++) {
        const joined = tokens.slice(i, j + 1).map((t) => t.text).join('');
        if (variants(joined).some((v) => this.allow!.regex.test(v))) for (let k = i; k <= j; k++) masked[k] = true;
      }
    }
    return masked;
  }
}
