/**
 * Base45 (RFC 9285): bytes as text in the QR alphanumeric character set, so that a
 * QR code stores them in alphanumeric mode (5.5 bits a character instead of 8).
 */
import { CodecError } from './codec-error.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

const CODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
/** The alphabet is ASCII, so its codes read as UTF-8 are the text (much faster than String.fromCharCode). */
const ascii = new TextDecoder();

/** Reused between calls (encoding is synchronous): a fresh array of a few hundred bytes costs more than the encoding. */
let scratch = new Uint8Array(1024);

export function base45Encode(bytes: Uint8Array): string {
  const size = Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2;
  if (scratch.length < size) scratch = new Uint8Array(size);
  const codes = scratch;
  let o = 0;
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    const n = bytes[i]! * 256 + bytes[i + 1]!;
    const e = (n / 2025) | 0;
    const rest = n - e * 2025;
    const d = (rest / 45) | 0;
    codes[o++] = CODE[rest - d * 45]!;
    codes[o++] = CODE[d]!;
    codes[o++] = CODE[e]!;
  }
  if (i < bytes.length) {
    const n = bytes[i]!;
    const d = (n / 45) | 0;
    codes[o++] = CODE[n - d * 45]!;
    codes[o++] = CODE[d]!;
  }
  return ascii.decode(codes.subarray(0, size));
}

function digit(text: string, at: number): number {
  const code = text.charCodeAt(at);
  const value = code < 128 ? VALUE[code]! : -1;
  if (value < 0) throw new CodecError('bad_format', `"${text[at]}" at position ${at + 1} is not a base45 character`);
  return value;
}

export function base45Decode(text: string): Uint8Array {
  const rest = text.length % 3;
  if (rest === 1) throw new CodecError('bad_format', 'base45 text has a length of 3n+1');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (rest === 2 ? 1 : 0));
  let o = 0;
  let i = 0;
  for (; i + 2 < text.length; i += 3) {
    const n = digit(text, i) + digit(text, i + 1) * 45 + digit(text, i + 2) * 2025;
    if (n > 0xffff) throw new CodecError('bad_format', `base45 triplet at position ${i + 1} is out of range`);
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (rest === 2) {
    const n = digit(text, i) + digit(text, i + 1) * 45;
    if (n > 0xff) throw new CodecError('bad_format', `base45 pair at position ${i + 1} is out of range`);
    out[o] = n;
  }
  return out;
}
