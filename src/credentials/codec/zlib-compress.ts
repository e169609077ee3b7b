/**
 * zlib (RFC 1950) compression for a card's few hundred bytes: LZ77 over hash chains
 * and the fixed Huffman codes of RFC 1951 §3.2.6, in one block.
 *
 * Why not fflate's zlibSync, which the decoder uses: it allocates about 170 KB of tables
 * on every call, which costs as much as the Ed25519 signature of a card; this writer
 * keeps its tables between calls and, on cards, compresses to within a few bytes of
 * zlib level 9 (a dynamic Huffman tree does not pay for itself on 300 bytes). Any
 * RFC 1950 inflater reads its output (tested against fflate and node:zlib).
 *
 * Never stored blocks, even for a face image that does not compress: MOSIP PixelPass
 * 0.6.0 cannot read them (its base45 decoder returns an Array, and pako's stored-block
 * path needs a typed array), and MOSIP's tools must read amparo's cards.
 * Synchronous and not re-entrant, like the rest of the codec.
 */
import { adler32 } from './bytes.ts';

const WINDOW = 32_768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const HASH_BITS = 12;
const MAX_CHAIN = 128;
const TOO_FAR = 4096;

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/** Length 3–258 → its length code (0–28, i.e. symbols 257–285). */
const LENGTH_CODE = new Uint8Array(MAX_MATCH + 1);
for (let code = 0; code < 29; code++) {
  const end = code < 28 ? LENGTH_BASE[code + 1]! : MAX_MATCH + 1;
  for (let length = LENGTH_BASE[code]!; length < end; length++) LENGTH_CODE[length] = code;
}
LENGTH_CODE[MAX_MATCH] = 28;

/** Huffman codes go out most significant bit first, in a stream written least significant first. */
const reverse = (code: number, bits: number) => {
  let out = 0;
  for (let i = 0; i < bits; i++) {
    out = (out << 1) | (code & 1);
    code >>= 1;
  }
  return out;
};

/** The fixed literal/length code (RFC 1951 §3.2.6), bit-reversed, and its lengths. */
const FIXED_CODE = new Uint16Array(288);
const FIXED_BITS = new Uint8Array(288);
for (let symbol = 0; symbol < 288; symbol++) {
  const [code, bits] =
    symbol < 144 ? [0x30 + symbol, 8] : symbol < 256 ? [0x190 + symbol - 144, 9] : symbol < 280 ? [symbol - 256, 7] : [0xc0 + symbol - 280, 8];
  FIXED_CODE[symbol] = reverse(code, bits);
  FIXED_BITS[symbol] = bits;
}
const DISTANCE_CODE = Uint8Array.from({ length: 30 }, (_, code) => reverse(code, 5));

function distanceCode(distance: number): number {
  let code = 0;
  while (code < 29 && DISTANCE_BASE[code + 1]! <= distance) code++;
  return code;
}

// Tables kept between calls. `base` makes old entries stale without clearing them:
// a table entry is a position plus the base of its call, so entries below this
// call's base belong to earlier calls.
const head = new Int32Array(1 << HASH_BITS);
const previous = new Int32Array(WINDOW);
let base = 1;
/** Per symbol: match length (0 for a literal) and the literal byte or the distance. */
let symbolLength = new Uint16Array(2048);
let symbolValue = new Uint16Array(2048);
let out = new Uint8Array(2048);

/** LZ77: fills the symbol tables, returns the number of symbols. */
function findMatches(data: Uint8Array): number {
  const n = data.length;
  if (base + n + WINDOW > 0x3fff_ffff) {
    head.fill(0);
    previous.fill(0);
    base = 1;
  }
  if (symbolLength.length < n) {
    symbolLength = new Uint16Array(n);
    symbolValue = new Uint16Array(n);
  }
  const lengths = symbolLength;
  const values = symbolValue;
  const callBase = base;
  const mask = (1 << HASH_BITS) - 1;
  let symbols = 0;
  let i = 0;
  while (i < n) {
    let bestLength = 0;
    let bestDistance = 0;
    if (i + MIN_MATCH <= n) {
      const max = Math.min(MAX_MATCH, n - i);
      const h = ((data[i]! << 8) ^ (data[i + 1]! << 4) ^ data[i + 2]!) & mask;
      let candidate = head[h]!;
      for (let chain = MAX_CHAIN; candidate >= callBase && chain > 0; chain--) {
        const j = candidate - callBase;
        const distance = i - j;
        if (distance <= 0 || distance > WINDOW) break;
        if (data[j + bestLength] === data[i + bestLength]) {
          let length = 0;
          while (length < max && data[j + length] === data[i + length]) length++;
          if (length > bestLength) {
            bestLength = length;
            bestDistance = distance;
            if (length === max) break;
          }
        }
        candidate = previous[j & (WINDOW - 1)]!;
      }
      previous[i & (WINDOW - 1)] = head[h]!;
      head[h] = callBase + i;
    }
    // A 3-byte match far back costs as much as three literals (zlib's TOO_FAR).
    if (bestLength > MIN_MATCH || (bestLength === MIN_MATCH && bestDistance <= TOO_FAR)) {
      lengths[symbols] = bestLength;
      values[symbols++] = bestDistance;
      const end = i + bestLength;
      for (i++; i < end; i++) {
        if (i + MIN_MATCH > n) continue;
        const h = ((data[i]! << 8) ^ (data[i + 1]! << 4) ^ data[i + 2]!) & mask;
        previous[i & (WINDOW - 1)] = head[h]!;
        head[h] = callBase + i;
      }
    } else {
      lengths[symbols] = 0;
      values[symbols++] = data[i++]!;
    }
  }
  base += n + WINDOW;
  return symbols;
}

class BitWriter {
  at = 0;
  buffer = 0;
  count = 0;
  readonly out: Uint8Array;

  constructor(capacity: number) {
    if (out.length < capacity) out = new Uint8Array(capacity);
    this.out = out;
  }

  bits(value: number, count: number) {
    this.buffer |= value << this.count;
    this.count += count;
    while (this.count >= 8) {
      this.out[this.at++] = this.buffer & 0xff;
      this.buffer >>>= 8;
      this.count -= 8;
    }
  }

  align() {
    if (this.count > 0) this.out[this.at++] = this.buffer & 0xff;
    this.buffer = 0;
    this.count = 0;
  }
}

interface BlockState {
  writer: BitWriter;
  data: Uint8Array;
  /** The next byte of `data` and the next symbol to write. */
  position: number;
  symbol: number;
}

function fixedBlock(state: BlockState, to: number, final: boolean) {
  const { writer } = state;
  writer.bits(final ? 1 : 0, 1);
  writer.bits(1, 2); // BTYPE 01: fixed Huffman codes
  // The writer's state in locals, flushed inline: this loop is much of the compressor's time.
  const o = writer.out;
  const lengths = symbolLength;
  const values = symbolValue;
  let { buffer, count, at } = writer;
  let position = state.position;
  for (let s = state.symbol; s < to; s++) {
    const length = lengths[s]!;
    if (length === 0) {
      const byte = values[s]!;
      buffer |= FIXED_CODE[byte]! << count;
      count += FIXED_BITS[byte]!;
      position++;
    } else {
      // Length symbol and its extra bits (at most 8 + 5), then the distance code and its extra bits (5 + 13).
      const lengthCode = LENGTH_CODE[length]!;
      const symbolBits = FIXED_BITS[257 + lengthCode]!;
      buffer |= (FIXED_CODE[257 + lengthCode]! | ((length - LENGTH_BASE[lengthCode]!) << symbolBits)) << count;
      count += symbolBits + LENGTH_EXTRA[lengthCode]!;
      while (count >= 8) {
        o[at++] = buffer & 0xff;
        buffer >>>= 8;
        count -= 8;
      }
      const distance = values[s]!;
      const code = distanceCode(distance);
      buffer |= (DISTANCE_CODE[code]! | ((distance - DISTANCE_BASE[code]!) << 5)) << count;
      count += 5 + DISTANCE_EXTRA[code]!;
      position += length;
    }
    while (count >= 8) {
      o[at++] = buffer & 0xff;
      buffer >>>= 8;
      count -= 8;
    }
  }
  writer.buffer = buffer;
  writer.count = count;
  writer.at = at;
  writer.bits(FIXED_CODE[256]!, FIXED_BITS[256]!); // end of block
  state.position = position;
  state.symbol = to;
}

/** Returns a view into a buffer that the next call overwrites: copy it (`.slice()`) to keep it. */
export function zlibCompress(data: Uint8Array): Uint8Array {
  const symbols = findMatches(data);
  // Worst case: every byte a 9-bit literal, plus header, block header, end code and checksum.
  const writer = new BitWriter(Math.ceil((data.length * 9) / 8) + 16);
  writer.bits(0x78, 8);
  writer.bits(0x5e, 8); // deflate, 32 KB window, "fast" level (FLEVEL 1); 0x785e is a multiple of 31
  fixedBlock({ writer, data, position: 0, symbol: 0 }, symbols, true);
  writer.align();
  const checksum = adler32(data);
  writer.bits((checksum >>> 24) & 0xff, 8);
  writer.bits((checksum >>> 16) & 0xff, 8);
  writer.bits((checksum >>> 8) & 0xff, 8);
  writer.bits(checksum & 0xff, 8);
  return writer.out.subarray(0, writer.at);
}
