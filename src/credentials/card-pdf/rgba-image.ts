/**
 * Decoded photos as plain RGBA pixels, and the two operations the card needs on them:
 * decoding whatever format the registry stored, and an area-average resample.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { decodeWebp } from './webp-codec.ts';

/** 8-bit RGBA, row-major, no padding. Opaque after `decodeImage`. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export type PhotoContentType = 'image/webp' | 'image/jpeg' | 'image/png';

export interface Photo {
  contentType: PhotoContentType;
  bytes: Uint8Array;
}

/**
 * A registry photo is at most 300 kB, but a small compressed file can claim a huge
 * canvas; refusing it before decoding keeps one bad photo from exhausting memory.
 */
const MAX_PIXELS = 40_000_000;

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** The format the bytes really are, whatever the stored content type says. */
export function sniffImageType(bytes: Uint8Array): PhotoContentType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;

/** Canvas size from the header, for PNG and WebP (jpeg-js checks JPEG itself). */
function declaredSize(type: PhotoContentType, b: Uint8Array): { width: number; height: number } | undefined {
  if (type === 'image/png' && b.length >= 24) return { width: u32be(b, 16), height: u32be(b, 20) };
  if (type !== 'image/webp' || b.length < 30) return undefined;
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8 ') return { width: (b[26]! | (b[27]! << 8)) & 0x3fff, height: (b[28]! | (b[29]! << 8)) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = u24le(b, 21) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return undefined;
}

/** Composites onto white in place: the card and the thumbnail have no transparency. */
function flattenOnWhite(data: Uint8Array): void {
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3]!;
    if (alpha === 255) continue;
    for (let c = 0; c < 3; c++) data[i + c] = Math.round((data[i + c]! * alpha + 255 * (255 - alpha)) / 255);
    data[i + 3] = 255;
  }
}

/**
 * Decodes a JPEG, PNG or WebP photo to opaque RGBA. The format is read from the
 * bytes. Throws an Error saying what is wrong when the image cannot be read.
 */
export async function decodeImage(photo: Photo): Promise<RgbaImage> {
  const type = sniffImageType(photo.bytes);
  if (!type) throw new Error(`photo is not a JPEG, PNG or WebP image (stored as ${photo.contentType}, ${photo.bytes.length} bytes)`);
  const size = declaredSize(type, photo.bytes);
  if (size && size.width * size.height > MAX_PIXELS) throw new Error(`photo is too large to decode (${size.width}×${size.height} pixels)`);
  let image: RgbaImage;
  try {
    if (type === 'image/jpeg') {
      image = jpeg.decode(photo.bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 512 });
    } else if (type === 'image/png') {
      const png = PNG.sync.read(Buffer.from(photo.bytes.buffer, photo.bytes.byteOffset, photo.bytes.byteLength));
      image = { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
    } else {
      image = await decodeWebp(photo.bytes);
    }
  } catch (error) {
    throw new Error(`photo could not be decoded as ${type}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (image.width < 1 || image.height < 1 || image.data.length !== image.width * image.height * 4) {
    throw new Error(`photo decoded as ${type} to an invalid ${image.width}×${image.height} image`);
  }
  flattenOnWhite(image.data);
  return image;
}

/** A rectangle of the source, in pixels; fractional edges are allowed. */
export interface Crop {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The largest centred rectangle of the given aspect ratio (width / height). */
export function centreCrop(image: { width: number; height: number }, aspect: number): Crop {
  if (image.width / image.height > aspect) {
    const width = image.height * aspect;
    return { x: (image.width - width) / 2, y: 0, width, height: image.height };
  }
  const height = image.width / aspect;
  return { x: 0, y: (image.height - height) / 2, width: image.width, height };
}

/** Per destination index, the source indices it covers and how much of each. */
function coverage(start: number, length: number, out: number): { first: number; weights: number[] }[] {
  const scale = length / out;
  return Array.from({ length: out }, (_, i) => {
    const from = start + i * scale;
    const to = from + scale;
    const first = Math.floor(from);
    const weights: number[] = [];
    for (let s = first; s < to; s++) weights.push(Math.min(to, s + 1) - Math.max(from, s));
    return { first, weights };
  });
}

/**
 * Resamples `crop` of the image to width × height by averaging the source area under
 * each destination pixel: a box filter, which is what downscaling a photo wants
 * (no aliasing) and is plain enough to read. Upscaling degenerates to nearest pixel.
 */
export function resampleArea(image: RgbaImage, crop: Crop, width: number, height: number): RgbaImage {
  const columns = coverage(crop.x, crop.width, width);
  const rows = coverage(crop.y, crop.height, height);
  const clampX = (x: number) => Math.min(image.width - 1, Math.max(0, x));
  const clampY = (y: number) => Math.min(image.height - 1, Math.max(0, y));
  const data = new Uint8Array(width * height * 4);
  for (let dy = 0; dy < height; dy++) {
    const row = rows[dy]!;
    for (let dx = 0; dx < width; dx++) {
      const column = columns[dx]!;
      let r = 0, g = 0, b = 0, a = 0, total = 0;
      for (let j = 0; j < row.weights.length; j++) {
        const sy = clampY(row.first + j);
        for (let i = 0; i < column.weights.length; i++) {
          const w = row.weights[j]! * column.weights[i]!;
          const p = (sy * image.width + clampX(column.first + i)) * 4;
          r += image.data[p]! * w;
          g += image.data[p + 1]! * w;
          b += image.data[p + 2]! * w;
          a += image.data[p + 3]! * w;
          total += w;
        }
      }
      const q = (dy * width + dx) * 4;
      data[q] = Math.round(r / total);
      data[q + 1] = Math.round(g / total);
      data[q + 2] = Math.round(b / total);
      data[q + 3] = Math.round(a / total);
    }
  }
  return { width, height, data };
}
