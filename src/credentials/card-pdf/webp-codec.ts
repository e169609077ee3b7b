/**
 * WebP through @jsquash/webp (libwebp compiled to wasm, Apache-2.0).
 *
 * Its Emscripten glue finds the .wasm file by fetching a URL next to the script,
 * which Node cannot do for `file:` URLs. So the wasm modules are read from
 * node_modules and compiled here, once per process, and handed to the package's
 * `init`. The published .d.ts omits `init`'s first parameter (a compiled
 * WebAssembly.Module), which the JavaScript accepts; hence the casts below.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import decode, { init as initDecoder } from '@jsquash/webp/decode.js';
import encode, { init as initEncoder } from '@jsquash/webp/encode.js';
import type { EncodeOptions } from '@jsquash/webp/meta.js';

type InitWithModule = (module: WebAssembly.Module) => unknown;

/** 8-bit RGBA pixels: the shape of `RgbaImage`, spelt out because rgba-image.ts imports this file. */
interface RgbaPixels {
  width: number;
  height: number;
  data: Uint8Array;
}

const require = createRequire(import.meta.url);
const compileWasm = async (file: string) => WebAssembly.compile(await readFile(require.resolve(`@jsquash/webp/codec/${file}`)));

let decoderReady: Promise<void> | undefined;
let encoderReady: Promise<void> | undefined;

const readyToDecode = () =>
  (decoderReady ??= (async () => {
    // `init` stores the module's start-up promise; `decode` awaits it.
    (initDecoder as unknown as InitWithModule)(await compileWasm('dec/webp_dec.wasm'));
  })());

const readyToEncode = () =>
  (encoderReady ??= (async () => {
    // The encoder's `init` picks its SIMD glue when the runtime validates SIMD wasm,
    // which is exactly when the SIMD binary compiles; both must be the same build.
    const module = await compileWasm('enc/webp_enc_simd.wasm').catch(() => compileWasm('enc/webp_enc.wasm'));
    await (initEncoder as unknown as InitWithModule)(module);
  })());

/** Decodes a WebP file to RGBA pixels. Throws an Error on anything libwebp cannot read. */
export async function decodeWebp(bytes: Uint8Array): Promise<RgbaPixels> {
  await readyToDecode();
  // The codec wants an ArrayBuffer of its own, not a view into a larger (pooled) buffer.
  const image = await decode(new Uint8Array(bytes).buffer);
  return { width: image.width, height: image.height, data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
}

/** Encodes RGBA pixels as WebP. Options are libwebp's WebPConfig fields. */
export async function encodeWebp(image: RgbaPixels, options: Partial<EncodeOptions>): Promise<Uint8Array> {
  await readyToEncode();
  const data = new Uint8ClampedArray(image.data);
  const pixels = { data, width: image.width, height: image.height, colorSpace: 'srgb' } satisfies ImageData;
  return new Uint8Array(await encode(pixels, options));
}
