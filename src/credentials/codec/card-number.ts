/**
 * Card numbers: ten random symbols and a check symbol, shown as XXXX-XXXX-XXX.
 *
 * The 27 symbols leave out those that are read or typed as one another: 0, O, 1,
 * I, L, B, S, U and Z are out (8, 5, 2 and V stay). The check symbol makes the
 * weighted sum Σ dᵢ·2ⁱ ≡ 0 (mod 27): 2 and 2−1 are units mod 27, so a changed
 * symbol changes the sum (its weight is invertible) and so does a swap of two
 * different neighbours (the difference of neighbouring weights, 2ⁱ, is invertible)
 * — every single typo and every adjacent swap is caught (tested exhaustively).
 */
export const CARD_ALPHABET = '23456789ACDEFGHJKMNPQRTVWXY';
const N = CARD_ALPHABET.length;
export const CARD_RANDOM_LENGTH = 10;
const VALUE = new Map([...CARD_ALPHABET].map((c, i) => [c, i]));
/** Typed look-alikes that map to exactly one symbol. */
const LOOK_ALIKES: Record<string, string> = { B: '8', S: '5', Z: '2', U: 'V' };

function weightedSum(values: number[]): number {
  let sum = 0;
  let weight = 1;
  for (let i = values.length - 1; i >= 0; i--) {
    sum = (sum + values[i]! * weight) % N;
    weight = (weight * 2) % N;
  }
  return sum;
}

/** The check symbol for a body: the one that brings the weighted sum to 0. */
export function checkSymbol(body: string): string {
  const values = [...body].map((c) => VALUE.get(c)!);
  // The check symbol sits at weight 1 after the body shifts by one position (×2).
  const sum = (weightedSum(values) * 2) % N;
  return CARD_ALPHABET[(N - sum) % N]!;
}

export function newCardNumber(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  let body = '';
  const buffer = new Uint8Array(16);
  while (body.length < CARD_RANDOM_LENGTH) {
    random(buffer);
    for (const byte of buffer) {
      // Rejection sampling: 243 = 9 × 27 keeps every symbol equally likely.
      if (byte < 243 && body.length < CARD_RANDOM_LENGTH) body += CARD_ALPHABET[byte % N];
    }
  }
  return body + checkSymbol(body);
}

export type CardNumberCheck = { ok: true; cardNumber: string } | { ok: false; problem: 'length' | 'character' | 'check' };

/** Accepts what a person types (lower case, spaces, dashes, a few look-alikes) and checks it. */
export function parseCardNumber(input: string): CardNumberCheck {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const normalised = [...compact].map((c) => LOOK_ALIKES[c] ?? c).join('');
  if (normalised.length !== CARD_RANDOM_LENGTH + 1) return { ok: false, problem: 'length' };
  if ([...normalised].some((c) => !VALUE.has(c))) return { ok: false, problem: 'character' };
  const values = [...normalised].map((c) => VALUE.get(c)!);
  return weightedSum(values) === 0 ? { ok: true, cardNumber: normalised } : { ok: false, problem: 'check' };
}

/** XXXX-XXXX-XXX, for reading aloud and printing. */
export const formatCardNumber = (cardNumber: string) =>
  `${cardNumber.slice(0, 4)}-${cardNumber.slice(4, 8)}-${cardNumber.slice(8)}`;
