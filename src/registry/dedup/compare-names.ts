import { memoisePair } from './memo.ts';
import { spanishPhonetic } from './spanish-phonetic.ts';
import { jaroWinkler, typingDistance } from './string-similarity.ts';

/**
 * How two lists of name tokens agree, from strongest to weakest:
 * - `equal`: the same tokens (after normalisation), possibly in another order;
 * - `sound_alike`: the same tokens up to spelling that sounds the same (Yépez/Llépez);
 * - `similar`: every token matches a token of the other side, some with a typo;
 * - `subset`: one side's tokens all match, the other has more ("María" / "María José",
 *   a dropped second family name) or only an initial;
 * - `partial`: some tokens match, and both sides have one that does not
 *   ("María José" / "María Fernanda" — typically sisters);
 * - `different`: no token matches.
 */
export type NameAgreement = 'equal' | 'sound_alike' | 'similar' | 'subset' | 'partial' | 'different';

export interface NameComparison {
  agreement: NameAgreement;
  /**
   * The matching tokens are in another order ("José María" / "María José"); with
   * `partial`, also a shared token in another place ("Hernández Rojas" / "González Hernández").
   */
  reordered: boolean;
  /**
   * With `subset`: the first token of the longer side has no match ("Isabel" /
   * "Camila Isabel"). People drop their second name, seldom their first, so this is
   * more often a sibling than a slip.
   */
  firstMissing: boolean;
  /** The tokens taken for the same name, one pair per match (left side's token first). */
  matched: readonly (readonly [string, string])[];
}

/** At or above this two tokens are taken for the same name. */
export const TOKEN_MATCH = 0.85;
const NO_MATCH = 0.84;
/** Two slips pass only if Jaro-Winkler agrees: Gabriel/Gabrdl 0.91 passes, Carolina/Catalina 0.87 does not. */
const TWO_SLIPS = 0.88;
const SOUND_ALIKE = 0.97;
/** A typo never scores as high as the same sound, so `similar` and `sound_alike` stay apart. */
const TYPO_MAX = 0.96;
const INITIAL = 0.9;
/** Long names are cut so that the assignment search stays small; nobody has seven given names that all matter. */
const MAX_TOKENS = 5;

/**
 * Similarity of two normalised tokens, 0..1; at least TOKEN_MATCH means "the same name".
 * Same sound scores 0.97; otherwise a match needs few keystrokes of difference (one
 * slip in a name of 4 letters or more, two in a name of 6 or more that Jaro-Winkler
 * also finds close) — Jaro-Winkler alone rewards a shared beginning too much
 * (Marisol/María is 0.87) and edit distance alone a shared ending (Alberto/Roberto). A single letter is an
 * initial and matches any token that starts with it. Variants that differ by a
 * gendered ending, or a longer name that starts with the other (Daniel/Daniela,
 * Mario/María, Carlos/Carla, Rosa/Rosalba), are different names — siblings and twins
 * are often named that way — so they score 0.
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  // Ordered, because the computation is symmetric: one cache entry per pair.
  return a < b ? cachedSimilarity(a, b) : cachedSimilarity(b, a);
}

const cachedSimilarity = memoisePair(uncachedSimilarity);

function uncachedSimilarity(a: string, b: string): number {
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? INITIAL : 0;
  if (isVariantName(a, b)) return 0;
  const pa = spanishPhonetic(a);
  const pb = spanishPhonetic(b);
  if (pa === pb) return SOUND_ALIKE;
  const similarity = Math.max(jaroWinkler(a, b), jaroWinkler(pa, pb));
  const slips = Math.min(typingDistance(a, b), typingDistance(pa, pb));
  const shortest = Math.min(a.length, b.length);
  const withinSlips = (slips <= 1 && shortest >= 4) || (slips <= 2 && shortest >= 6 && similarity >= TWO_SLIPS);
  return withinSlips ? Math.min(Math.max(similarity, TOKEN_MATCH), TYPO_MAX) : Math.min(similarity, NO_MATCH);
}

function isVariantName(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.startsWith(short) && long.length - short.length >= 1) {
    const tail = long.slice(short.length);
    return tail.length >= 2 || tail === 'a' || tail === 'o';
  }
  return genderStem(a) === genderStem(b);
}

function genderStem(token: string): string {
  return token.replace(/(os|as|o|a)$/, '');
}

/**
 * Compares two lists of normalised tokens by the best one-to-one assignment of tokens
 * (so order does not matter), or null when either list is empty (no evidence).
 * Symmetric: compareNameTokens(a, b) and compareNameTokens(b, a) agree.
 */
export function compareNameTokens(a: readonly string[], b: readonly string[]): NameComparison | null {
  if (a.length === 0 || b.length === 0) return null;
  const left = a.slice(0, MAX_TOKENS);
  const right = b.slice(0, MAX_TOKENS);
  if (left.length !== right.length && spanishPhonetic(left.join('')) === spanishPhonetic(right.join(''))) {
    // A compound written as one word on one side ("Mariajosé", "Delacruz" stays apart: its particle was typed).
    return { agreement: 'sound_alike', reordered: false, firstMissing: false, matched: [] };
  }
  const sims = left.map((x) => right.map((y) => tokenSimilarity(x, y)));
  const pairs = bestAssignment(sims);
  if (pairs.length === 0) return { agreement: 'different', reordered: false, firstMissing: false, matched: [] };
  const matched = pairs.map((p) => [left[p.i]!, right[p.j]!] as const);
  const reordered = pairs.some((p, k) => k > 0 && p.j < pairs[k - 1]!.j);
  const hasInitial = pairs.some((p) => left[p.i]!.length === 1 || right[p.j]!.length === 1);
  const complete = pairs.length === left.length && pairs.length === right.length;
  if (complete && !hasInitial) {
    const weakest = Math.min(...pairs.map((p) => p.sim));
    const agreement = weakest === 1 ? 'equal' : weakest >= SOUND_ALIKE ? 'sound_alike' : 'similar';
    return { agreement, reordered, firstMissing: false, matched };
  }
  if (pairs.length === left.length || pairs.length === right.length) {
    const firstMissing =
      pairs.length < left.length ? !pairs.some((p) => p.i === 0) : pairs.length < right.length ? !pairs.some((p) => p.j === 0) : false;
    return { agreement: 'subset', reordered, firstMissing, matched };
  }
  // The names they share stand in other places: "Hernández Rojas" / "González Hernández" is one family's father and another's mother.
  return { agreement: 'partial', reordered: reordered || pairs.some((p) => p.i !== p.j), firstMissing: false, matched };
}

interface Pair {
  i: number;
  j: number;
  sim: number;
}

/** Exhaustive search over assignments of at most 5×5 tokens (ties: `disorder`); returns pairs sorted by `i`. */
function bestAssignment(sims: number[][]): Pair[] {
  let best: Pair[] = [];
  let bestTotal = 0;
  const used = new Array<boolean>(sims[0]?.length ?? 0).fill(false);
  const current: Pair[] = [];
  const visit = (i: number, total: number) => {
    if (i === sims.length) {
      if (total > bestTotal + 1e-9 || (Math.abs(total - bestTotal) < 1e-9 && disorder(current) < disorder(best))) {
        best = current.slice();
        bestTotal = total;
      }
      return;
    }
    visit(i + 1, total);
    const row = sims[i]!;
    for (let j = 0; j < row.length; j++) {
      const sim = row[j]!;
      if (used[j] || sim < TOKEN_MATCH) continue;
      used[j] = true;
      current.push({ i, j, sim });
      visit(i + 1, total + sim);
      current.pop();
      used[j] = false;
    }
  };
  visit(0, 0);
  return best;
}

/** Among equally good assignments, the one with fewest inversions, then fewest tokens out of place: the same whichever side comes first. */
function disorder(pairs: readonly Pair[]): number {
  let displaced = 0;
  for (const p of pairs) if (p.i !== p.j) displaced++;
  return inversions(pairs) * 100 + displaced;
}

function inversions(pairs: readonly Pair[]): number {
  let n = 0;
  for (let k = 1; k < pairs.length; k++) if (pairs[k]!.j < pairs[k - 1]!.j) n++;
  return n;
}
