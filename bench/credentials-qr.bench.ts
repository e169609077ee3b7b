import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { qrMatrix } from '../src/credentials/card-pdf/qr-matrix.ts';
import { type PrintableCard, renderCardPdf } from '../src/credentials/card-pdf/render-card.ts';
import type { Benchmark } from './lib/types.ts';

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** ~450 characters of base45, the size of a signed Claim 169 credential without a face. */
function credentialSizedText(): string {
  const bytes = Buffer.concat([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => createHash('sha256').update(`bench ${i}`).digest())).subarray(0, 300);
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    for (let k = 0; k < 3; k++, n = Math.floor(n / 45)) out += BASE45[n % 45];
  }
  return out;
}

/** Runs `fn` back to back for `durationMs` and returns operations per second. */
async function perSecond(fn: () => unknown, durationMs: number): Promise<number> {
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    await fn();
    count++;
    elapsed = performance.now() - start;
  }
  return (count * 1000) / elapsed;
}

/**
 * credentials.qr_render — a whole printable card (layout, fonts, QR as vector paths,
 * PDF serialisation; no photo) per second, against the raw `QRCode.create` of the same
 * text alone, in the same process: how much the card costs beyond making the symbol.
 */
export const credentialsQrBench: Benchmark = {
  name: 'credentials.qr_render',
  description: 'ID-1 card PDF (no photo) per second vs QRCode.create of the same text',
  async run(env) {
    const qrText = credentialSizedText();
    const card: PrintableCard = {
      cardNumber: 'K7M4-9QXR-T2',
      givenNames: 'María José',
      familyNames: 'Núñez Ibáñez',
      birthDate: '1984-04-18',
      sex: 'Femenino',
      photo: null,
      qrText,
      issuedOn: '2025-06-01',
      expiresOn: '2030-05-31',
      issuerName: 'Registro Social Nacional',
    };
    const raw = () => QRCode.create([{ data: qrText, mode: 'alphanumeric' }], { errorCorrectionLevel: 'M' });
    const durationMs = env.quick ? 1_500 : 6_000;

    let pdfBytes = 0;
    for (let i = 0; i < (env.quick ? 5 : 20); i++) {
      pdfBytes = (await renderCardPdf(card)).length;
      raw();
    }
    // Alternate halves so that drift on a shared machine hits both alike.
    const half = durationMs / 2;
    const base = [await perSecond(raw, half)];
    const ours = [await perSecond(() => renderCardPdf(card), half)];
    base.push(await perSecond(raw, half));
    ours.push(await perSecond(() => renderCardPdf(card), half));
    const value = (ours[0]! + ours[1]!) / 2;
    const baseline = (base[0]! + base[1]!) / 2;

    const matrix = qrMatrix(qrText);
    return [
      {
        name: 'credentials.qr_render',
        value: Math.round(value),
        unit: 'cards/s',
        baseline: Math.round(baseline),
        ratio: value / baseline,
        notes: `${qrText.length} base45 chars → QR version ${matrix.version}, ${matrix.size}×${matrix.size} modules (+4 quiet zone), level M; PDF ${pdfBytes} bytes; ${(1000 / value).toFixed(1)} ms per card`,
      },
    ];
  },
};
