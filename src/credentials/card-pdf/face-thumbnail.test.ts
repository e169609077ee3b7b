import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { faceThumbnailWebp } from './face-thumbnail.ts';
import { type RgbaImage, resampleArea } from './rgba-image.ts';
import { jpegPhoto, pngPhoto, syntheticPortrait, webpPhoto } from '../../../test/support/test-photos.ts';
import { decodeWebp } from './webp-codec.ts';

const ascii = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');

/** Mean absolute difference per channel, 0–255: how far the thumbnail is from the photo it shrinks. */
function meanDifference(a: RgbaImage, b: RgbaImage): number {
  assert.equal(a.data.length, b.data.length);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) if (i % 4 !== 3) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / ((a.data.length / 4) * 3);
}

/** Luma only: a grey thumbnail is still a faithful one. */
const grey = (image: RgbaImage): RgbaImage => {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = data[i + 1] = data[i + 2] = Math.round(0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!);
    data[i + 3] = 255;
  }
  return { ...image, data };
};

/** What the thumbnail should look like, worked out independently: the centre 4:5 of the photo, sampled at each pixel's centre. */
function expectedThumbnail(source: RgbaImage): RgbaImage {
  const cropWidth = Math.min(source.width, (source.height * 4) / 5);
  const cropHeight = (cropWidth * 5) / 4;
  const left = (source.width - cropWidth) / 2;
  const top = (source.height - cropHeight) / 2;
  const data = new Uint8Array(48 * 60 * 4);
  for (let y = 0; y < 60; y++) {
    for (let x = 0; x < 48; x++) {
      const sx = Math.min(source.width - 1, Math.floor(left + ((x + 0.5) * cropWidth) / 48));
      const sy = Math.min(source.height - 1, Math.floor(top + ((y + 0.5) * cropHeight) / 60));
      data.set(source.data.subarray((sy * source.width + sx) * 4, (sy * source.width + sx) * 4 + 4), (y * 48 + x) * 4);
    }
  }
  return { width: 48, height: 60, data };
}

async function assertThumbnailOf(source: RgbaImage, thumbnail: Uint8Array) {
  assert.equal(ascii(thumbnail, 0, 4), 'RIFF');
  assert.equal(ascii(thumbnail, 8, 12), 'WEBP');
  assert.equal(ascii(thumbnail, 12, 16), 'VP8 ', 'a lossy WebP without metadata chunks');
  assert.ok(thumbnail.length <= 700, `${thumbnail.length} bytes`);
  const decoded = await decodeWebp(thumbnail);
  assert.equal(decoded.width, 48);
  assert.equal(decoded.height, 60);
  const difference = meanDifference(grey(decoded), grey(expectedThumbnail(source)));
  assert.ok(difference < 12, `thumbnail differs from the photo by ${difference.toFixed(1)} per channel`);
}

test('resampleArea averages the source area under each pixel', () => {
  // 4 × 2 → 2 × 1: each destination pixel is the mean of a 2 × 2 block.
  const values = [0, 40, 100, 200, 80, 120, 100, 0];
  const source = { width: 4, height: 2, data: new Uint8Array(values.flatMap((v) => [v, v, v, 255])) };
  const out = resampleArea(source, { x: 0, y: 0, width: 4, height: 2 }, 2, 1);
  assert.deepEqual([...out.data], [60, 60, 60, 255, 100, 100, 100, 255]);
  // A crop of one and a half pixels: weights 1 and 0.5.
  const half = resampleArea(source, { x: 1, y: 0, width: 1.5, height: 1 }, 1, 1);
  assert.equal(half.data[0], Math.round((40 + 100 * 0.5) / 1.5));
});

describe('faceThumbnailWebp', () => {
  const portrait = syntheticPortrait(400, 500, 11);

  test('makes a 48 × 60 WebP of at most 700 bytes from a JPEG, a PNG and a WebP photo', async () => {
    for (const photo of [jpegPhoto(portrait, 90), pngPhoto(portrait), await webpPhoto(portrait, 85)]) {
      await assertThumbnailOf(portrait, await faceThumbnailWebp(photo));
    }
  });

  test('centre-crops a landscape photo and enlarges a tiny one', async () => {
    const landscape = syntheticPortrait(900, 400, 5);
    await assertThumbnailOf(landscape, await faceThumbnailWebp(pngPhoto(landscape)));
    const tiny = syntheticPortrait(24, 30, 6);
    await assertThumbnailOf(tiny, await faceThumbnailWebp(pngPhoto(tiny)));
  });

  test('stays within 700 bytes on a photo that is all detail (noise)', async () => {
    const noise = syntheticPortrait(200, 250, 9);
    let state = 12345;
    for (let i = 0; i < noise.data.length; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      if (i % 4 !== 3) noise.data[i] = state >>> 24;
    }
    const thumbnail = await faceThumbnailWebp(pngPhoto(noise));
    assert.ok(thumbnail.length <= 700, `${thumbnail.length} bytes`);
    assert.equal((await decodeWebp(thumbnail)).width, 48);
  });

  test('composites a transparent PNG onto white', async () => {
    const clear = { width: 40, height: 50, data: new Uint8Array(40 * 50 * 4) };
    const decoded = await decodeWebp(await faceThumbnailWebp(pngPhoto(clear)));
    assert.ok(decoded.data.every((v) => v > 240), 'transparent pixels should turn white');
  });

  test('refuses what is not a readable image with a clear error', async () => {
    const garbage = { contentType: 'image/jpeg' as const, bytes: new TextEncoder().encode('definitely not a photo') };
    await assert.rejects(faceThumbnailWebp(garbage), /photo is not a JPEG, PNG or WebP image \(stored as image\/jpeg/);
    const png = pngPhoto(portrait);
    await assert.rejects(faceThumbnailWebp({ ...png, bytes: png.bytes.subarray(0, 200) }), /could not be decoded as image\/png/);
    const webp = await webpPhoto(portrait);
    await assert.rejects(faceThumbnailWebp({ ...webp, bytes: webp.bytes.subarray(0, webp.bytes.length - 10) }), /could not be decoded as image\/webp/);
    const huge = new Uint8Array(png.bytes);
    new DataView(huge.buffer).setUint32(16, 20_000);
    new DataView(huge.buffer).setUint32(20, 20_000);
    await assert.rejects(faceThumbnailWebp({ ...png, bytes: huge }), /too large/);
  });
});
