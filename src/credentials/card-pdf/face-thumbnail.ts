/**
 * The small face image carried inside the QR (Claim 169 key 62), so that an agent
 * offline can compare the holder with the photo the registry took.
 *
 * Every byte of it costs QR modules (a byte becomes 1.5 base45 characters), so it is
 * small on purpose: 48 × 60 pixels, lossy WebP, at most 700 bytes: enough for a
 * person to compare a face at a glance, and a QR that a phone still reads off a card.
 */
import { centreCrop, decodeImage, type Photo, type RgbaImage, resampleArea } from './rgba-image.ts';
import { encodeWebp } from './webp-codec.ts';

export const THUMBNAIL_WIDTH = 48;
export const THUMBNAIL_HEIGHT = 60;
export const THUMBNAIL_MAX_BYTES = 700;

/**
 * Tried in order until one fits: colour first, then grey, whose flat chroma planes
 * cost almost nothing and leave the bytes to the detail of the face. It starts at
 * quality 60 even when more would fit: above that a 48 × 60 face gains little that an
 * agent can see, and every byte makes the QR denser.
 */
const ATTEMPTS: { grey: boolean; quality: number }[] = [
  ...[60, 50, 40, 30, 25].map((quality) => ({ grey: false, quality })),
  ...[50, 40, 30, 20, 10, 5, 0].map((quality) => ({ grey: true, quality })),
];

function toGrey(image: RgbaImage): RgbaImage {
  const data = new Uint8Array(image.data);
  for (let i = 0; i < data.length; i += 4) {
    const luma = Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
    data[i] = data[i + 1] = data[i + 2] = luma;
  }
  return { ...image, data };
}

/**
 * A 48 × 60 lossy WebP of the photo, centre-cropped to 4:5, of at most 700 bytes,
 * with no metadata. Throws an Error when the photo cannot be decoded, or (never seen
 * in practice) when even the lowest quality does not fit.
 */
export async function faceThumbnailWebp(photo: Photo): Promise<Uint8Array> {
  const image = await decodeImage(photo);
  const crop = centreCrop(image, THUMBNAIL_WIDTH / THUMBNAIL_HEIGHT);
  const small = resampleArea(image, crop, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
  let grey: RgbaImage | undefined;
  let smallest = Infinity;
  for (const attempt of ATTEMPTS) {
    const pixels = attempt.grey ? (grey ??= toGrey(small)) : small;
    // method 6: libwebp's slowest and tightest search, affordable at 48 × 60.
    const webp = await encodeWebp(pixels, { quality: attempt.quality, method: 6 });
    if (webp.length <= THUMBNAIL_MAX_BYTES) return webp;
    smallest = Math.min(smallest, webp.length);
  }
  throw new Error(`face thumbnail does not fit in ${THUMBNAIL_MAX_BYTES} bytes (smallest ${smallest})`);
}
