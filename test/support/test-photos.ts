/**
 * Synthetic portrait photos for the tests and the benchmark: no real person's face
 * is needed, or allowed, to check that a photo survives into a card.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { Photo, RgbaImage } from '../../src/credentials/card-pdf/rgba-image.ts';
import { encodeWebp } from '../../src/credentials/card-pdf/webp-codec.ts';

/** A head-and-shoulders drawing over a gradient, with seeded sensor-like noise. */
export function syntheticPortrait(width = 400, height = 500, seed = 1): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  let state = seed >>> 0 || 1;
  const noise = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) % 13) - 6;
  };
  const inEllipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number) =>
    ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      let color = [150 + 60 * v, 170 + 40 * v, 200 - 30 * u];
      if (inEllipse(u, v, 0.5, 1.05, 0.45, 0.3)) color = [40, 60 + 40 * u, 120];
      else if (inEllipse(u, v, 0.5, 0.36, 0.26, 0.26)) color = [45, 30, 25];
      if (inEllipse(u, v, 0.5, 0.45, 0.2, 0.25)) color = [220 - 40 * u, 170 - 30 * u, 140 - 20 * u];
      if (inEllipse(u, v, 0.42, 0.42, 0.035, 0.02) || inEllipse(u, v, 0.58, 0.42, 0.035, 0.02)) color = [30, 30, 35];
      if (inEllipse(u, v, 0.5, 0.58, 0.07, 0.02)) color = [170, 60, 60];
      const p = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) data[p + c] = Math.max(0, Math.min(255, Math.round(color[c]! + noise())));
      data[p + 3] = 255;
    }
  }
  return { width, height, data };
}

export function pngPhoto(image: RgbaImage): Photo {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  return { contentType: 'image/png', bytes: new Uint8Array(PNG.sync.write(png)) };
}

export function jpegPhoto(image: RgbaImage, quality = 85): Photo {
  return { contentType: 'image/jpeg', bytes: new Uint8Array(jpeg.encode({ ...image, data: Buffer.from(image.data) }, quality).data) };
}

export async function webpPhoto(image: RgbaImage, quality = 80): Promise<Photo> {
  return { contentType: 'image/webp', bytes: await encodeWebp(image, { quality }) };
}
