/**
 * Printable ID cards: one card on an ID-1 page (85.6 × 54 mm, ISO/IEC 7810) for a
 * card printer, or sheets of A4 with crop marks for a print shop.
 *
 * Everything is vector except the photo: the QR is filled rectangles built from the
 * module matrix, so it stays crisp at any printer resolution. Text uses the PDF
 * standard fonts (no font files to ship), whose WinAnsi encoding covers Spanish.
 */
import {
  clip,
  concatTransformationMatrix,
  endPath,
  fill,
  PDFDocument,
  type PDFFont,
  type PDFImage,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  type RGB,
  setFillingRgbColor,
  StandardFonts,
} from 'pdf-lib';
import { PNG } from 'pngjs';
import { qrMatrix, type QrMatrix } from './qr-matrix.ts';
import { centreCrop, decodeImage, type Photo, resampleArea, sniffImageType } from './rgba-image.ts';

export interface PrintableCard {
  /** Already formatted for humans, e.g. "K7M4-9QXR-T2". */
  cardNumber: string;
  givenNames: string;
  familyNames: string;
  /** Already formatted for display, e.g. "1984-04-18" or "1970 (aprox.)"; null leaves the field out. */
  birthDate: string | null;
  /** Display text; null leaves the field out. */
  sex: string | null;
  photo: Photo | null;
  /** Base45 text: only characters of the QR alphanumeric set. */
  qrText: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** YYYY-MM-DD */
  expiresOn: string;
  /** e.g. "Registro Social Nacional" */
  issuerName: string;
}

const PT_PER_MM = 72 / 25.4;
const mm = (value: number) => value * PT_PER_MM;

/** ISO/IEC 7810 ID-1, in millimetres. */
const CARD_WIDTH = 85.6;
const CARD_HEIGHT = 54;

/**
 * The card's layout, in millimetres from the card's top-left corner. The text column
 * runs between the photo and the QR; the card number takes the bottom band under
 * both; the dates sit under the QR.
 */
const LAYOUT = {
  margin: 3,
  headerHeight: 7.5,
  photo: { x: 3, top: 9.5, width: 21, height: 26.25 },
  /** The QR symbol with its 4-module quiet zone: ~27 mm of modules for a version 13 code. */
  qr: { x: CARD_WIDTH - 2 - 31, top: 8.5, size: 31 },
  text: { x: 26.5, right: CARD_WIDTH - 2 - 31 - 0.5, top: 9.8 },
  number: { labelTop: 44.6, baseline: 51.6 },
  dates: { top: 40.2 },
} as const;

/** Resolution a PNG or WebP photo is resampled to: a card printer's. */
const PHOTO_DPI = 300;
const QUIET_ZONE_MODULES = 4;

const INK = rgb(0.1, 0.1, 0.12);
const LABEL_ES = rgb(0.3, 0.32, 0.36);
const LABEL_EN = rgb(0.5, 0.52, 0.56);
const BAND = rgb(0.11, 0.24, 0.43);
const WHITE = rgb(1, 1, 1);

const LABEL_SIZE = 4.6;
const NAME_SIZE = { max: 8.5, min: 5 };
/** Room for a name's value: two lines at the largest size, more lines when smaller. */
const NAME_BLOCK_HEIGHT = 2 * NAME_SIZE.max * 1.12;

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

async function embedFonts(pdf: PDFDocument): Promise<Fonts> {
  const [regular, bold, mono] = await Promise.all([
    pdf.embedFont(StandardFonts.Helvetica),
    pdf.embedFont(StandardFonts.HelveticaBold),
    pdf.embedFont(StandardFonts.CourierBold),
  ]);
  return { regular, bold, mono };
}

const charsetCache = new WeakMap<PDFFont, Set<number>>();
const charset = (font: PDFFont) => {
  let set = charsetCache.get(font);
  if (!set) charsetCache.set(font, (set = new Set(font.getCharacterSet())));
  return set;
};

/**
 * What the font can draw: accents of Spanish and most Latin scripts are kept; a
 * letter outside WinAnsi loses its diacritic when that is enough (ő → o, ł → l),
 * otherwise becomes "?". Never throws, unlike pdf-lib on an unencodable character.
 */
function toWinAnsi(text: string, font: PDFFont): string {
  const supported = charset(font);
  let out = '';
  for (const char of text.normalize('NFC').replace(/\s+/g, ' ').trim()) {
    if (supported.has(char.codePointAt(0)!)) {
      out += char;
      continue;
    }
    const base = FALLBACK[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '');
    // A lone combining mark that did not compose is dropped, not shown as "?".
    if (base.length === 0) continue;
    out += [...base].every((c) => supported.has(c.codePointAt(0)!)) ? base : '?';
  }
  return out;
}

const advanceCache = new WeakMap<PDFFont, Map<string, number>>();

/**
 * The width pdf-lib will draw. Its own `widthOfTextAtSize` subtracts kerning that
 * `drawText` does not apply ("TA" measures narrower than it prints), so fitting by it
 * lets text overrun; this sums the advances of the characters one by one.
 */
function textWidth(text: string, font: PDFFont, size: number): number {
  let advances = advanceCache.get(font);
  if (!advances) advanceCache.set(font, (advances = new Map()));
  let width = 0;
  for (const char of text) {
    let advance = advances.get(char);
    if (advance === undefined) advances.set(char, (advance = font.widthOfTextAtSize(char, 1)));
    width += advance;
  }
  return width * size;
}

/** Latin letters that Unicode does not decompose into a WinAnsi base letter. */
const FALLBACK: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŧ: 'T', ŧ: 't' };

const ELLIPSIS = '…';

/** Cuts the text so that it and an ellipsis fit the width. */
function truncate(text: string, font: PDFFont, size: number, width: number): string {
  if (textWidth(text, font, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(chars.join('').trimEnd() + ELLIPSIS, font, size) > width) chars.pop();
  return chars.join('').trimEnd() + ELLIPSIS;
}

/** Greedy word wrap; a word wider than the line is broken between characters. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => textWidth(s, font, size) <= width;
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const char of word) {
      if (line && !fits(line + char)) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The largest size at which the text wraps into the block; at the smallest size, the
 * lines that fit with the last one cut short. The result never exceeds width × height.
 */
function fitBlock(text: string, font: PDFFont, width: number, height: number, sizes: { max: number; min: number }) {
  for (let size = sizes.max; size >= sizes.min; size -= 0.25) {
    const lines = wrap(text, font, size, width);
    if (lines.length * size * 1.12 <= height + 1e-6) return { size, lines };
  }
  const size = sizes.min;
  const room = Math.max(1, Math.floor(height / (size * 1.12)));
  const lines = wrap(text, font, size, width);
  if (lines.length <= room) return { size, lines };
  const kept = lines.slice(0, room);
  kept[room - 1] = truncate(`${kept[room - 1]} ${lines[room]}`, font, size, width);
  return { size, lines: kept };
}

/** The largest size at which one line fits, cut with an ellipsis at the smallest. */
function fitLine(text: string, font: PDFFont, width: number, sizes: { max: number; min: number }) {
  let size = sizes.max;
  while (size > sizes.min && textWidth(text, font, size) > width) size -= 0.25;
  return { size, text: truncate(text, font, size, width) };
}

/** Draws on one card whose bottom-left corner is at (originX, originY) points. */
class CardPainter {
  constructor(
    private readonly page: PDFPage,
    private readonly fonts: Fonts,
    private readonly originX: number,
    private readonly originY: number,
  ) {}

  /** Page x of a distance from the card's left edge, in mm. */
  x(fromLeft: number) {
    return this.originX + mm(fromLeft);
  }

  /** Page y of a distance from the card's top edge, in mm. */
  y(fromTop: number) {
    return this.originY + mm(CARD_HEIGHT - fromTop);
  }

  text(text: string, font: PDFFont, size: number, x: number, baseline: number, color: RGB) {
    if (text) this.page.drawText(text, { x, y: baseline, font, size, color });
  }

  /** "Apellidos / Surnames": Spanish first, English smaller and lighter. Returns the label's height in points. */
  label(es: string, en: string, x: number, top: number, width: number): number {
    const { bold, regular } = this.fonts;
    const baseline = top - LABEL_SIZE * 0.75;
    const spanish = truncate(toWinAnsi(es.toUpperCase(), bold), bold, LABEL_SIZE, width);
    this.text(spanish, bold, LABEL_SIZE, x, baseline, LABEL_ES);
    const used = textWidth(spanish, bold, LABEL_SIZE);
    const gap = textWidth(' ', regular, LABEL_SIZE);
    const english = truncate(toWinAnsi(`/ ${en}`, regular), regular, LABEL_SIZE * 0.92, width - used - gap);
    if (!english.endsWith(ELLIPSIS)) this.text(english, regular, LABEL_SIZE * 0.92, x + used + gap, baseline, LABEL_EN);
    return LABEL_SIZE + 1;
  }

  /** The coloured band with the issuer's name; `bleed` mm past the top and sides for a cut sheet. */
  header(issuerName: string, bleed: number) {
    const height = mm(LAYOUT.headerHeight);
    this.page.drawRectangle({
      x: this.x(-bleed),
      y: this.y(LAYOUT.headerHeight),
      width: mm(CARD_WIDTH + 2 * bleed),
      height: height + mm(bleed),
      color: BAND,
    });
    const font = this.fonts.bold;
    const fitted = fitLine(toWinAnsi(issuerName, font), font, mm(CARD_WIDTH - 2 * LAYOUT.margin), { max: 9, min: 5 });
    const baseline = this.y(LAYOUT.headerHeight) + (height - fitted.size * 0.72) / 2;
    this.text(fitted.text, font, fitted.size, this.x(LAYOUT.margin), baseline, WHITE);
  }

  /** Fills a rectangle (page points) clipped to it, then outlines it. */
  private clipped(box: { x: number; y: number; width: number; height: number }, draw: () => void) {
    this.page.pushOperators(pushGraphicsState(), rectangle(box.x, box.y, box.width, box.height), clip(), endPath());
    draw();
    this.page.pushOperators(popGraphicsState());
    this.page.drawRectangle({ ...box, borderColor: rgb(0.7, 0.71, 0.74), borderWidth: 0.3 });
  }

  /** The photo covering its 4:5 box, centre-cropped; a neutral silhouette without one. */
  photo(image: PDFImage | null) {
    const { photo } = LAYOUT;
    const box = { x: this.x(photo.x), y: this.y(photo.top + photo.height), width: mm(photo.width), height: mm(photo.height) };
    this.clipped(box, () => {
      if (image) {
        const scale = Math.max(box.width / image.width, box.height / image.height);
        const width = image.width * scale;
        const height = image.height * scale;
        this.page.drawImage(image, { x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2, width, height });
        return;
      }
      const shade = rgb(0.78, 0.79, 0.81);
      this.page.drawRectangle({ ...box, color: rgb(0.93, 0.93, 0.94) });
      const cx = box.x + box.width / 2;
      this.page.drawEllipse({ x: cx, y: box.y + box.height * 0.6, xScale: box.width * 0.2, yScale: box.width * 0.23, color: shade });
      this.page.drawEllipse({ x: cx, y: box.y, xScale: box.width * 0.4, yScale: box.height * 0.3, color: shade });
    });
  }

  /** The QR symbol and its white quiet zone as one vector path of dark runs. */
  qr(matrix: QrMatrix) {
    const { qr } = LAYOUT;
    const left = this.x(qr.x);
    const bottom = this.y(qr.top + qr.size);
    const side = mm(qr.size);
    const module = side / (matrix.size + 2 * QUIET_ZONE_MODULES);
    this.page.drawRectangle({ x: left, y: bottom, width: side, height: side, color: WHITE });
    // One path filled once: adjacent modules merge, with no hairline seams between
    // them. Drawn in module units (y up from the symbol's bottom-left) through one
    // transformation, so the path is small integers: short to write and to deflate.
    const origin = QUIET_ZONE_MODULES * module;
    const operators = [
      pushGraphicsState(),
      concatTransformationMatrix(module, 0, 0, module, left + origin, bottom + origin),
      setFillingRgbColor(0, 0, 0),
    ];
    for (let row = 0; row < matrix.size; row++) {
      const y = matrix.size - 1 - row;
      for (let col = 0; col < matrix.size; ) {
        if (!matrix.isDark(row, col)) {
          col++;
          continue;
        }
        const start = col;
        while (col < matrix.size && matrix.isDark(row, col)) col++;
        operators.push(rectangle(start, y, col - start, 1));
      }
    }
    operators.push(fill(), popGraphicsState());
    this.page.pushOperators(...operators);
    return module;
  }

  /** Names, birth and sex down the text column. */
  fields(card: PrintableCard) {
    const { text } = LAYOUT;
    const { bold } = this.fonts;
    const x = this.x(text.x);
    const width = mm(text.right - text.x);
    let top = this.y(text.top);
    const block = (es: string, en: string, value: string, height: number) => {
      top -= this.label(es, en, x, top, width);
      const fitted = fitBlock(toWinAnsi(value, bold), bold, width, height, NAME_SIZE);
      for (const line of fitted.lines) {
        this.text(line, bold, fitted.size, x, top - fitted.size * 0.78, INK);
        top -= fitted.size * 1.12;
      }
      top -= 2.6;
    };
    block('Apellidos', 'Surnames', card.familyNames, NAME_BLOCK_HEIGHT);
    block('Nombres', 'Given names', card.givenNames, NAME_BLOCK_HEIGHT);
    // One line each: 8.5 pt fits a date; a long display text shrinks to fit.
    if (card.birthDate !== null) block('Nacimiento', 'Birth', card.birthDate, NAME_SIZE.max * 1.12);
    if (card.sex !== null) block('Sexo', 'Sex', card.sex, NAME_SIZE.max * 1.12);
  }

  /** The card number in large monospaced capitals across the bottom band. */
  number(cardNumber: string) {
    const x = this.x(LAYOUT.margin);
    const width = mm(LAYOUT.text.right - LAYOUT.margin);
    this.label('N.º de tarjeta', 'Card number', x, this.y(LAYOUT.number.labelTop), width);
    const font = this.fonts.mono;
    const fitted = fitLine(toWinAnsi(cardNumber, font), font, width, { max: 15, min: 6 });
    this.text(fitted.text, font, fitted.size, x, this.y(LAYOUT.number.baseline), INK);
  }

  /** Issue and expiry dates under the QR, aligned with its modules. */
  dates(card: PrintableCard, module: number) {
    const x = this.x(LAYOUT.qr.x) + QUIET_ZONE_MODULES * module;
    const width = this.x(CARD_WIDTH - 1.5) - x;
    const font = this.fonts.bold;
    let top = this.y(LAYOUT.dates.top);
    for (const [es, en, value] of [
      ['Emitida', 'Issued', card.issuedOn],
      ['Válida hasta', 'Valid until', card.expiresOn],
    ] as const) {
      top -= this.label(es, en, x, top, width);
      const fitted = fitLine(toWinAnsi(value, font), font, width, { max: 7, min: 5 });
      this.text(fitted.text, font, fitted.size, x, top - fitted.size * 0.78, INK);
      top -= fitted.size * 1.12 + 1.6;
    }
  }
}

/**
 * Embeds the photo: a JPEG as it is (pdf-lib passes it through untouched); PNG and
 * WebP (which pdf-lib cannot embed) decoded, cropped to the photo box and resampled
 * to a card printer's resolution, then embedded as PNG, so that a large photo does
 * not weigh megabytes in every card of a sheet. Throws an Error on an unreadable photo.
 */
async function embedPhoto(pdf: PDFDocument, photo: Photo): Promise<PDFImage> {
  if (sniffImageType(photo.bytes) === 'image/jpeg') {
    try {
      return await pdf.embedJpg(photo.bytes);
    } catch (error) {
      throw new Error(`card photo could not be embedded as JPEG: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const image = await decodeImage(photo);
  const { width, height } = LAYOUT.photo;
  const crop = centreCrop(image, width / height);
  const scale = Math.min(1, ((width / 25.4) * PHOTO_DPI) / crop.width);
  const resized = resampleArea(image, crop, Math.max(1, Math.round(crop.width * scale)), Math.max(1, Math.round(crop.height * scale)));
  const png = new PNG({ width: resized.width, height: resized.height });
  png.data = Buffer.from(resized.data.buffer, resized.data.byteOffset, resized.data.byteLength);
  return pdf.embedPng(PNG.sync.write(png, { colorType: 2, inputColorType: 6 }));
}

async function newDocument(): Promise<{ pdf: PDFDocument; fonts: Fonts }> {
  // No creation dates or producer stamped in: the same cards give the same bytes.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle('Tarjeta de identidad / Identity card');
  pdf.setCreator('amparo');
  pdf.setProducer('amparo');
  return { pdf, fonts: await embedFonts(pdf) };
}

async function drawCard(pdf: PDFDocument, fonts: Fonts, page: PDFPage, card: PrintableCard, originX: number, originY: number, bleed: number) {
  const matrix = qrMatrix(card.qrText);
  const image = card.photo ? await embedPhoto(pdf, card.photo) : null;
  const painter = new CardPainter(page, fonts, originX, originY);
  painter.header(card.issuerName, bleed);
  painter.photo(image);
  painter.fields(card);
  painter.number(card.cardNumber);
  const module = painter.qr(matrix);
  painter.dates(card, module);
}

/**
 * One card on one page of exactly ID-1 size, for a card printer. Throws an Error when
 * the QR text is not alphanumeric or too long, or the photo cannot be read.
 */
export async function renderCardPdf(card: PrintableCard): Promise<Uint8Array> {
  const { pdf, fonts } = await newDocument();
  const page = pdf.addPage([mm(CARD_WIDTH), mm(CARD_HEIGHT)]);
  await drawCard(pdf, fonts, page, card, 0, 0, 0);
  return pdf.save();
}

/** A4 in mm, and how the cards are laid on it for a guillotine. */
const SHEET = {
  width: 210,
  height: 297,
  /** Space between neighbouring cards, cut away; the colour band bleeds half of it. */
  gutter: 3,
  /** The least paper around the grid: the crop marks live there. */
  minMargin: 6,
  mark: { offset: 2, length: 4, width: 0.25 },
} as const;

/** Columns, rows and the grid's top-left corner (mm from the page's top-left). */
function sheetGrid() {
  const { width, height, gutter, minMargin } = SHEET;
  const columns = Math.floor((width - 2 * minMargin + gutter) / (CARD_WIDTH + gutter));
  const rows = Math.floor((height - 2 * minMargin + gutter) / (CARD_HEIGHT + gutter));
  const gridWidth = columns * CARD_WIDTH + (columns - 1) * gutter;
  const gridHeight = rows * CARD_HEIGHT + (rows - 1) * gutter;
  return { columns, rows, left: (width - gridWidth) / 2, top: (height - gridHeight) / 2, gridWidth, gridHeight };
}

/** Thin marks in the margins, in line with every edge of the cards on the page. */
function cropMarks(page: PDFPage, grid: ReturnType<typeof sheetGrid>, usedColumns: number, usedRows: number) {
  const { mark, gutter } = SHEET;
  const line = (x1: number, top1: number, x2: number, top2: number) =>
    page.drawLine({
      start: { x: mm(x1), y: mm(SHEET.height - top1) },
      end: { x: mm(x2), y: mm(SHEET.height - top2) },
      thickness: SHEET.mark.width,
      color: rgb(0, 0, 0),
    });
  const bottom = grid.top + grid.gridHeight;
  const right = grid.left + grid.gridWidth;
  for (let c = 0; c < usedColumns; c++) {
    for (const x of [grid.left + c * (CARD_WIDTH + gutter), grid.left + c * (CARD_WIDTH + gutter) + CARD_WIDTH]) {
      line(x, grid.top - mark.offset, x, grid.top - mark.offset - mark.length);
      line(x, bottom + mark.offset, x, bottom + mark.offset + mark.length);
    }
  }
  for (let r = 0; r < usedRows; r++) {
    for (const top of [grid.top + r * (CARD_HEIGHT + gutter), grid.top + r * (CARD_HEIGHT + gutter) + CARD_HEIGHT]) {
      line(grid.left - mark.offset, top, grid.left - mark.offset - mark.length, top);
      line(right + mark.offset, top, right + mark.offset + mark.length, top);
    }
  }
}

/**
 * A4 sheets with as many ID-1 cards as fit (2 × 5), in reading order, separated by
 * a gutter and with crop marks in the margins, for a print shop. Throws an Error on
 * an empty list or on a card that `renderCardPdf` would refuse.
 */
export async function renderCardSheetPdf(cards: PrintableCard[]): Promise<Uint8Array> {
  if (cards.length === 0) throw new Error('no cards to print');
  const { pdf, fonts } = await newDocument();
  const grid = sheetGrid();
  const perPage = grid.columns * grid.rows;
  for (let first = 0; first < cards.length; first += perPage) {
    const onPage = cards.slice(first, first + perPage);
    const page = pdf.addPage([mm(SHEET.width), mm(SHEET.height)]);
    for (const [i, card] of onPage.entries()) {
      const column = i % grid.columns;
      const row = Math.floor(i / grid.columns);
      const left = grid.left + column * (CARD_WIDTH + SHEET.gutter);
      const top = grid.top + row * (CARD_HEIGHT + SHEET.gutter);
      await drawCard(pdf, fonts, page, card, mm(left), mm(SHEET.height - top - CARD_HEIGHT), SHEET.gutter / 2);
    }
    cropMarks(page, grid, Math.min(onPage.length, grid.columns), Math.ceil(onPage.length / grid.columns));
  }
  return pdf.save();
}
