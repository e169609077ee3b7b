import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import jsQRModule, { type QRCode } from 'jsqr';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { qrMatrix } from './qr-matrix.ts';
import { type PrintableCard, renderCardPdf, renderCardSheetPdf } from './render-card.ts';
import { jpegPhoto, pngPhoto, syntheticPortrait, webpPhoto } from '../../../test/support/test-photos.ts';

/**
 * The cards are checked the way a verifier meets them: printed at 300 dpi (poppler's
 * pdftoppm stands in for the printer) and read back by a QR decoder (jsQR).
 */
const run = promisify(execFile);
// jsqr is CommonJS: under NodeNext its default export is `module.exports`, which holds the function as `default`.
const jsQR = jsQRModule.default;
const PT_PER_MM = 72 / 25.4;
const DPI = 300;

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** RFC 9285: two bytes become three characters, a last odd byte two. */
function base45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 < bytes.length) {
      let n = bytes[i]! * 256 + bytes[i + 1]!;
      for (let k = 0; k < 3; k++, n = Math.floor(n / 45)) out += BASE45[n % 45];
    } else {
      out += BASE45[bytes[i]! % 45]! + BASE45[Math.floor(bytes[i]! / 45)]!;
    }
  }
  return out;
}

/** Deterministic pseudo-random bytes, so that a failure reproduces. */
function bytesFrom(seed: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < length; i += 32) {
    out.set(block.subarray(0, Math.min(32, length - i)), i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/** ~450 characters, about what a signed Claim 169 credential without a face image takes. */
const qrTextFor = (seed: string) => base45(bytesFrom(seed, 300));

let work: string;
let portrait: PrintableCard['photo'];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'card-pdf-'));
  portrait = await webpPhoto(syntheticPortrait(400, 500, 7));
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

const card = (overrides: Partial<PrintableCard> = {}): PrintableCard => ({
  cardNumber: 'K7M4-9QXR-T2',
  givenNames: 'María José',
  familyNames: 'Núñez Ibáñez',
  birthDate: '1984-04-18',
  sex: 'Femenino',
  photo: portrait,
  qrText: qrTextFor('card'),
  issuedOn: '2025-06-01',
  expiresOn: '2030-05-31',
  issuerName: 'Registro Social Nacional',
  ...overrides,
});

let files = 0;
async function writePdf(pdf: Uint8Array): Promise<string> {
  const path = join(work, `${++files}.pdf`);
  await writeFile(path, pdf);
  return path;
}

/** One page of the PDF as pdftoppm rasterises it. */
async function rasterise(pdf: Uint8Array, page = 1): Promise<PNG> {
  const input = await writePdf(pdf);
  const output = join(work, `${files}-page${page}`);
  await run('pdftoppm', ['-r', String(DPI), '-png', '-singlefile', '-f', String(page), '-l', String(page), input, output]);
  return PNG.sync.read(await readFile(`${output}.png`));
}

/** Decodes the QR found in a vertical strip of the image (all of it by default). */
function readQr(image: PNG, fromX = 0, toX = image.width): QRCode | null {
  const width = toX - fromX;
  const strip = new Uint8ClampedArray(width * image.height * 4);
  for (let y = 0; y < image.height; y++) {
    strip.set(image.data.subarray((y * image.width + fromX) * 4, (y * image.width + toX) * 4), y * width * 4);
  }
  return jsQR(strip, width, image.height, { inversionAttempts: 'dontInvert' });
}

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word drawn on page 1, with its box in points from the top-left (poppler's pdftotext). */
async function words(pdf: Uint8Array): Promise<Word[]> {
  const { stdout } = await run('pdftotext', ['-bbox', '-f', '1', '-l', '1', await writePdf(pdf), '-']);
  return [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5]!,
  }));
}

const overlaps = (a: Omit<Word, 'text'>, b: Omit<Word, 'text'>) => a.xMin < b.xMax && b.xMin < a.xMax && a.yMin < b.yMax && b.yMin < a.yMax;

async function pageSizes(pdf: Uint8Array) {
  return (await PDFDocument.load(pdf)).getPages().map((page) => page.getSize());
}

const assertClose = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= 0.1, `${what}: ${actual} pt, expected ${expected} pt ± 0.1`);

describe('renderCardPdf', () => {
  test('one ID-1 page whose QR, printed at 300 dpi, reads back as the exact text', async () => {
    const subject = card();
    assert.ok(subject.qrText.length >= 440 && subject.qrText.length <= 460);
    const pdf = await renderCardPdf(subject);
    const sizes = await pageSizes(pdf);
    assert.equal(sizes.length, 1);
    assertClose(sizes[0]!.width, 85.6 * PT_PER_MM, 'width');
    assertClose(sizes[0]!.height, 54 * PT_PER_MM, 'height');
    const decoded = readQr(await rasterise(pdf));
    assert.ok(decoded, 'no QR found on the card');
    assert.equal(decoded.data, subject.qrText);
  });

  test('prints the QR at least 24 mm wide', async () => {
    const decoded = readQr(await rasterise(await renderCardPdf(card())));
    assert.ok(decoded);
    const widthMm = ((decoded.location.topRightCorner.x - decoded.location.topLeftCorner.x) / DPI) * 25.4;
    assert.ok(widthMm >= 24, `QR symbol is ${widthMm.toFixed(1)} mm wide`);
  });

  test('shows the holder and the card in words', async () => {
    const text = (await words(await renderCardPdf(card()))).map((w) => w.text).join(' ');
    for (const expected of ['Registro Social Nacional', 'Núñez Ibáñez', 'María José', '1984-04-18', 'Femenino', 'K7M4-9QXR-T2', '2030-05-31', 'Apellidos'.toUpperCase(), 'Surnames']) {
      assert.ok(text.includes(expected), `"${expected}" missing from: ${text}`);
    }
  });

  test('embeds JPEG and PNG photos too', async () => {
    const image = syntheticPortrait(300, 420, 3);
    for (const photo of [jpegPhoto(image), pngPhoto(image)]) {
      const decoded = readQr(await rasterise(await renderCardPdf(card({ photo }))));
      assert.equal(decoded?.data, card().qrText, photo.contentType);
    }
  });

  test('renders without a photo, birth date or sex', async () => {
    const subject = card({ photo: null, birthDate: null, sex: null, qrText: qrTextFor('no photo') });
    const pdf = await renderCardPdf(subject);
    assert.equal(readQr(await rasterise(pdf))?.data, subject.qrText);
    const text = (await words(pdf)).map((w) => w.text).join(' ');
    assert.ok(!text.includes('SEXO') && !text.includes('NACIMIENTO'), text);
  });

  test('keeps very long names inside the card, clear of each other and of the QR', async () => {
    const subject = card({
      givenNames: 'María de los Ángeles Guadalupe Inmaculada Concepción del Santísimo Sacramento Esperanza',
      familyNames: 'Fernández de Córdoba y Figueroa de la Cerda Álvarez de Toledo Hurtado de Mendoza Przybyszewska',
      birthDate: '1970 (aprox.), lugar de nacimiento declarado por un testigo',
      sex: 'No declarado por la persona en el momento del registro',
      issuerName: 'Registro Social Nacional de Protección Social y Ciudadanía del Ministerio de Desarrollo',
      cardNumber: 'K7M4-9QXR-T2-EXTRA-LONG-NUMBER',
      qrText: qrTextFor('long names'),
    });
    const pdf = await renderCardPdf(subject);
    const [size] = await pageSizes(pdf);
    const decoded = readQr(await rasterise(pdf));
    assert.equal(decoded?.data, subject.qrText);
    const corners = Object.values(decoded!.location).map((p) => ({ x: (p.x / DPI) * 72, y: (p.y / DPI) * 72 }));
    const qr = {
      xMin: Math.min(...corners.map((p) => p.x)),
      xMax: Math.max(...corners.map((p) => p.x)),
      yMin: Math.min(...corners.map((p) => p.y)),
      yMax: Math.max(...corners.map((p) => p.y)),
    };
    const drawn = await words(pdf);
    assert.ok(drawn.length > 20);
    for (const [i, word] of drawn.entries()) {
      assert.ok(word.xMin >= 1 && word.yMin >= 1 && word.xMax <= size!.width - 1 && word.yMax <= size!.height - 1, `"${word.text}" runs off the card`);
      assert.ok(!overlaps(word, qr), `"${word.text}" is drawn over the QR`);
      for (const other of drawn.slice(i + 1)) assert.ok(!overlaps(word, other), `"${word.text}" overlaps "${other.text}"`);
    }
  });

  test('draws characters outside WinAnsi as their nearest letter instead of failing', async () => {
    const pdf = await renderCardPdf(card({ familyNames: 'Łukasiewicz Őry 李', givenNames: 'Nguyê\u0303n Ngọc\u0302\u0301 Anh\u0007' }));
    const text = (await words(pdf)).map((w) => w.text).join(' ');
    assert.ok(text.includes('Lukasiewicz Ory ?'), text);
    assert.ok(text.includes('Nguyen Ngoc Anh?'), text);
  });

  test('refuses QR text outside the alphanumeric set and an unreadable photo', async () => {
    await assert.rejects(renderCardPdf(card({ qrText: 'not base45' })), /alphanumeric/);
    await assert.rejects(renderCardPdf(card({ photo: { contentType: 'image/webp', bytes: new Uint8Array(64).fill(7) } })), /not a JPEG, PNG or WebP/);
  });
});

describe('renderCardSheetPdf', () => {
  test('lays 12 cards on two A4 pages; the cards on page 2 read back', async () => {
    const cards = Array.from({ length: 12 }, (_, i) => card({ qrText: qrTextFor(`sheet ${i}`), photo: i % 2 ? portrait : null }));
    const pdf = await renderCardSheetPdf(cards);
    const sizes = await pageSizes(pdf);
    assert.equal(sizes.length, 2);
    for (const size of sizes) {
      assertClose(size.width, 210 * PT_PER_MM, 'A4 width');
      assertClose(size.height, 297 * PT_PER_MM, 'A4 height');
    }
    // Page 2 holds cards 11 and 12, side by side: each half of the page has one QR.
    const page = await rasterise(pdf, 2);
    const half = Math.floor(page.width / 2);
    assert.equal(readQr(page, 0, half)?.data, cards[10]!.qrText);
    assert.equal(readQr(page, half, page.width)?.data, cards[11]!.qrText);
  });

  test('refuses an empty print run', async () => {
    await assert.rejects(renderCardSheetPdf([]), /no cards/);
  });
});

describe('qrMatrix', () => {
  test('encodes base45 in alphanumeric mode: 450 characters fit version 13 at level M', () => {
    const matrix = qrMatrix(qrTextFor('card'));
    assert.equal(matrix.version, 13);
    assert.equal(matrix.size, 17 + 4 * matrix.version);
    // Finder pattern corners are dark, the separator next to them light.
    assert.equal(matrix.isDark(0, 0), true);
    assert.equal(matrix.isDark(7, 7), false);
    assert.equal(matrix.isDark(-1, 0), false);
  });
});
