import type { PhotoUpload } from '../../api/contracts.ts';

/** Long side of a stored photo: enough to recognise a face, small enough for a card and a weak network. */
export const PHOTO_SIZE = 240;
/** Budget of one encoded photo. */
export const PHOTO_MAX_BYTES = 60_000;
const QUALITIES = [0.85, 0.75, 0.6, 0.45, 0.3];

export interface EncodedPhoto {
  blob: Blob;
  contentType: PhotoUpload['contentType'];
}

/** Draws the source scaled so that its long side is PHOTO_SIZE (never enlarged). */
export function scaledCanvas(source: CanvasImageSource, width: number, height: number): HTMLCanvasElement {
  const scale = Math.min(1, PHOTO_SIZE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas;
}

const toBlob = (canvas: HTMLCanvasElement, type: string, quality: number) =>
  new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality));

/**
 * WebP when the browser can write it (it says so by the type of what it returns),
 * else JPEG; the best quality that fits the budget.
 */
export async function encodePhoto(canvas: HTMLCanvasElement): Promise<EncodedPhoto> {
  for (const type of ['image/webp', 'image/jpeg'] as const) {
    for (const quality of QUALITIES) {
      const blob = await toBlob(canvas, type, quality);
      if (!blob || blob.type !== type) break; // this browser cannot write the type: try the next one
      if (blob.size <= PHOTO_MAX_BYTES) return { blob, contentType: type };
    }
  }
  throw new Error('the photo could not be made small enough');
}

/** A picture file (any size the browser can read) as a stored photo. */
export async function photoFromFile(file: File): Promise<EncodedPhoto> {
  const bitmap = await createImageBitmap(file);
  try {
    return await encodePhoto(scaledCanvas(bitmap, bitmap.width, bitmap.height));
  } finally {
    bitmap.close();
  }
}

/** The current frame of a playing camera as a stored photo. */
export function photoFromVideo(video: HTMLVideoElement): Promise<EncodedPhoto> {
  return encodePhoto(scaledCanvas(video, video.videoWidth, video.videoHeight));
}

export async function toUpload(photo: EncodedPhoto): Promise<PhotoUpload> {
  const bytes = new Uint8Array(await photo.blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { contentType: photo.contentType, dataBase64: btoa(binary) };
}
