/**
 * The small, strict subset of CBOR (RFC 8949) that cards, trust and status lists
 * use: integers, byte and text strings, arrays, maps with integer or text keys,
 * tags, booleans and null. Definite lengths only, no duplicate keys, a depth limit.
 *
 * Hand-written rather than a general CBOR library because the decoder reads
 * untrusted bytes from a camera: general libraries turn some tags into objects
 * (dates, typed arrays, even constructors looked up by name), and about 200 lines
 * that accept only what the format needs are easier to audit and faster than any
 * general decoder. Encoding is deterministic (RFC 8949 §4.2.1: shortest forms,
 * map keys sorted by their encoded bytes), so the same claims give the same bytes.
 */
import { CodecError } from './codec-error.ts';

export type CborKey = number | string;
export type CborValue =
  | number
  | string
  | boolean
  | null
  | Uint8Array
  | CborValue[]
  | Map<CborKey, CborValue>
  | CborTag;

export class CborTag {
  constructor(
    readonly tag: number,
    readonly value: CborValue,
  ) {}
}

const MAX_DEPTH = 16;
// ignoreBOM: a leading U+FEFF is part of the text, not a marker to strip (decode must give back what was encoded).
const textDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const bad = (message: string) => new CodecError('bad_format', `CBOR: ${message}`);

class Reader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.offset >= this.bytes.length) throw bad('ends early');
    return this.bytes[this.offset++]!;
  }

  /** The argument of a head: the additional info or the 1, 2, 4 or 8 bytes after it. */
  argument(info: number): number {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw bad(info === 31 ? 'indefinite lengths are not accepted' : `reserved additional information ${info}`);
    if (this.offset + size > this.bytes.length) throw bad('ends early');
    let n = 0;
    for (let i = 0; i < size; i++) n = n * 256 + this.bytes[this.offset++]!;
    if (n > Number.MAX_SAFE_INTEGER) throw bad('integer beyond 2^53');
    return n;
  }

  take(length: number): Uint8Array {
    if (length > this.bytes.length - this.offset) throw bad('a string is longer than the data');
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  item(depth: number): CborValue {
    if (depth > MAX_DEPTH) throw bad('nested too deeply');
    const head = this.byte();
    const major = head >> 5;
    const info = head & 0x1f;
    switch (major) {
      case 0:
        return this.argument(info);
      case 1:
        return -1 - this.argument(info);
      case 2:
        return this.take(this.argument(info));
      case 3: {
        const length = this.argument(info);
        if (length > this.bytes.length - this.offset) throw bad('a string is longer than the data');
        const start = this.offset;
        this.offset += length;
        const ascii = asciiText(this.bytes, start, this.offset);
        if (ascii !== undefined) return ascii;
        try {
          return textDecoder.decode(this.bytes.subarray(start, this.offset));
        } catch {
          throw bad('a text string is not UTF-8');
        }
      }
      case 4: {
        const count = this.argument(info);
        if (count > this.bytes.length - this.offset) throw bad('an array is longer than the data');
        const items: CborValue[] = new Array(count);
        for (let i = 0; i < count; i++) items[i] = this.item(depth + 1);
        return items;
      }
      case 5: {
        const count = this.argument(info);
        if (count * 2 > this.bytes.length - this.offset) throw bad('a map is longer than the data');
        const map = new Map<CborKey, CborValue>();
        for (let i = 0; i < count; i++) {
          const key = this.item(depth + 1);
          if (typeof key !== 'number' && typeof key !== 'string') throw bad('a map key is neither an integer nor a text');
          if (map.has(key)) throw bad(`duplicate map key ${JSON.stringify(key)}`);
          map.set(key, this.item(depth + 1));
        }
        return map;
      }
      case 6:
        return new CborTag(this.argument(info), this.item(depth + 1));
      default:
        return this.simple(info);
    }
  }

  simple(info: number): CborValue {
    if (info === 20) return false;
    if (info === 21) return true;
    if (info === 22) return null;
    if (info === 25 || info === 26 || info === 27) {
      const size = info === 25 ? 2 : info === 26 ? 4 : 8;
      const raw = this.take(size);
      const view = new DataView(raw.buffer, raw.byteOffset, size);
      if (size === 4) return view.getFloat32(0);
      if (size === 8) return view.getFloat64(0);
      return halfToNumber(view.getUint16(0));
    }
    throw bad(`simple value ${info} is not accepted`);
  }
}

/** Short all-ASCII texts (keys, URIs, codes, most names) without a TextDecoder call, which costs more than they do. */
function asciiText(bytes: Uint8Array, start: number, end: number): string | undefined {
  if (end - start > 64) return undefined;
  let text = '';
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte > 0x7f) return undefined;
    text += String.fromCharCode(byte);
  }
  return text;
}

function halfToNumber(half: number): number {
  const exponent = (half >> 10) & 0x1f;
  const fraction = half & 0x3ff;
  const sign = half & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** Decodes exactly one item; bytes after it are an error. Byte strings are views into `bytes`. */
export function cborDecode(bytes: Uint8Array): CborValue {
  const reader = new Reader(bytes);
  const value = reader.item(0);
  if (reader.offset !== bytes.length) throw bad(`${bytes.length - reader.offset} bytes after the item`);
  return value;
}

class Writer {
  bytes = new Uint8Array(512);
  length = 0;

  ensure(extra: number) {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  head(major: number, n: number) {
    this.ensure(9);
    const m = major << 5;
    if (n < 24) this.bytes[this.length++] = m | n;
    else if (n < 0x100) {
      this.bytes[this.length++] = m | 24;
      this.bytes[this.length++] = n;
    } else if (n < 0x10000) {
      this.bytes[this.length++] = m | 25;
      this.bytes[this.length++] = n >> 8;
      this.bytes[this.length++] = n & 0xff;
    } else if (n < 0x100000000) {
      this.bytes[this.length++] = m | 26;
      this.bytes[this.length++] = n >>> 24;
      this.bytes[this.length++] = (n >>> 16) & 0xff;
      this.bytes[this.length++] = (n >>> 8) & 0xff;
      this.bytes[this.length++] = n & 0xff;
    } else {
      this.bytes[this.length++] = m | 27;
      const high = Math.floor(n / 0x100000000);
      const low = n >>> 0;
      for (const word of [high, low]) {
        this.bytes[this.length++] = word >>> 24;
        this.bytes[this.length++] = (word >>> 16) & 0xff;
        this.bytes[this.length++] = (word >>> 8) & 0xff;
        this.bytes[this.length++] = word & 0xff;
      }
    }
  }

  raw(bytes: Uint8Array) {
    this.ensure(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /**
   * A text string as UTF-8, written here rather than with TextEncoder (whose call costs
   * more than the encoding of a name). A lone surrogate becomes U+FFFD, as TextEncoder does.
   */
  text(value: string) {
    const n = value.length;
    let size = 0;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c < 0x80) size += 1;
      else if (c < 0x800) size += 2;
      else if (c >= 0xd800 && c < 0xdc00 && i + 1 < n && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        size += 4;
        i++;
      } else size += 3;
    }
    this.head(3, size);
    this.ensure(size);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < n; i++) {
      let c = value.charCodeAt(i);
      if (c < 0x80) {
        bytes[at++] = c;
      } else if (c < 0x800) {
        bytes[at++] = 0xc0 | (c >> 6);
        bytes[at++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < n && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (value.charCodeAt(++i) - 0xdc00);
        bytes[at++] = 0xf0 | (c >> 18);
        bytes[at++] = 0x80 | ((c >> 12) & 0x3f);
        bytes[at++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[at++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
        bytes[at++] = 0xe0 | (c >> 12);
        bytes[at++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[at++] = 0x80 | (c & 0x3f);
      }
    }
    this.length = at;
  }

  item(value: CborValue): void {
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new Error(`CBOR: only safe integers are encoded, not ${value}`);
      if (value >= 0) this.head(0, value);
      else this.head(1, -1 - value);
    } else if (typeof value === 'string') {
      this.text(value);
    } else if (value instanceof Uint8Array) {
      this.head(2, value.length);
      this.raw(value);
    } else if (Array.isArray(value)) {
      this.head(4, value.length);
      for (const item of value) this.item(item);
    } else if (value instanceof Map) {
      this.head(5, value.size);
      // Maps are usually built in key order already; sort only when they are not.
      const keys: Uint8Array[] = [];
      let sorted = true;
      for (const key of value.keys()) {
        const encoded = encodedKey(key);
        if (keys.length && compareBytes(keys[keys.length - 1]!, encoded) > 0) sorted = false;
        keys.push(encoded);
      }
      if (sorted) {
        let i = 0;
        for (const item of value.values()) {
          this.raw(keys[i++]!);
          this.item(item);
        }
      } else {
        const entries = [...value.values()].map((item, i) => [keys[i]!, item] as const);
        entries.sort(([a], [b]) => compareBytes(a, b));
        for (const [key, item] of entries) {
          this.raw(key);
          this.item(item);
        }
      }
    } else if (value instanceof CborTag) {
      this.head(6, value.tag);
      this.item(value.value);
    } else if (value === null) {
      this.head(7, 22);
    } else if (typeof value === 'boolean') {
      this.head(7, value ? 21 : 20);
    } else {
      throw new Error('CBOR: cannot encode this value');
    }
  }
}

/** Map keys of the formats are a few small integers and short texts: encode each once. */
const keyCache = new Map<CborKey, Uint8Array>();
function encodedKey(key: CborValue): Uint8Array {
  if (typeof key !== 'number' && typeof key !== 'string') return cborEncode(key);
  let bytes = keyCache.get(key);
  if (!bytes) {
    bytes = cborEncode(key);
    if (keyCache.size < 1024) keyCache.set(key, bytes);
  }
  return bytes;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** One writer reused across calls (encoding is synchronous); a nested call gets its own. */
const shared = new Writer();
let sharedInUse = false;

export function cborEncode(value: CborValue): Uint8Array {
  if (sharedInUse) {
    const writer = new Writer();
    writer.item(value);
    return writer.bytes.slice(0, writer.length);
  }
  sharedInUse = true;
  try {
    shared.length = 0;
    shared.item(value);
    return shared.bytes.slice(0, shared.length);
  } finally {
    sharedInUse = false;
    // Do not keep a large buffer (a status list) alive for the next small card.
    if (shared.bytes.length > 65_536) shared.bytes = new Uint8Array(512);
  }
}

/**
 * Like cborEncode, but returns a view into the reused buffer, valid only until the next
 * encoding: for bytes that are used at once and dropped (what a signature covers).
 * Never pass such a view back into an encoder: it would be overwritten while read.
 */
export function cborEncodeTransient(value: CborValue): Uint8Array {
  if (sharedInUse) return cborEncode(value);
  sharedInUse = true;
  try {
    shared.length = 0;
    shared.item(value);
    return shared.bytes.subarray(0, shared.length);
  } finally {
    sharedInUse = false;
  }
}
