/**
 * The module matrix of the card's QR code, computed by the `qrcode` package.
 *
 * The card's text is base45 (RFC 9285), whose 45 characters are exactly QR's
 * alphanumeric set: encoded as one alphanumeric segment it costs 5.5 bits per
 * character instead of 8 in byte mode, which is why base45 exists. Error correction
 * M (15 %) survives a worn or laminated card without growing the symbol much.
 */
import QRCode from 'qrcode';

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** QR version, 1–40. */
  version: number;
  isDark(row: number, col: number): boolean;
}

const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]+$/;

/**
 * Throws an Error when the text is empty, has a character outside QR's alphanumeric
 * set (which `qrcode` would not catch in an explicit segment), or does not fit in a
 * version 40 symbol.
 */
export function qrMatrix(text: string): QrMatrix {
  if (!ALPHANUMERIC.test(text)) {
    const bad = [...text].find((c) => !ALPHANUMERIC.test(c));
    throw new Error(text.length === 0 ? 'QR text is empty' : `QR text has a character outside the alphanumeric set: ${JSON.stringify(bad)}`);
  }
  const code = QRCode.create([{ data: text, mode: 'alphanumeric' }], { errorCorrectionLevel: 'M' });
  const { size } = code.modules;
  return {
    size,
    version: code.version,
    isDark: (row, col) => row >= 0 && col >= 0 && row < size && col < size && code.modules.get(row, col) !== 0,
  };
}
