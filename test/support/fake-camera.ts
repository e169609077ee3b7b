import { qrMatrix } from '../../src/credentials/card-pdf/qr-matrix.ts';

/** One 640×480 frame (YUV 4:2:0) of the QR code, black on white with its quiet zone, as a Y4M video. */
export function y4mOfQrCode(qrText: string): Buffer {
  const width = 640;
  const height = 480;
  const matrix = qrMatrix(qrText);
  const modules = matrix.size + 8;
  const scale = Math.floor((height - 40) / modules);
  const left = Math.floor((width - modules * scale) / 2);
  const top = Math.floor((height - modules * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (!matrix.isDark(row, col)) continue;
      for (let y = 0; y < scale; y++) {
        const start = (top + (row + 4) * scale + y) * width + left + (col + 4) * scale;
        luma.fill(16, start, start + scale);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), Buffer.from('FRAME\n'), luma, chroma, chroma]);
}
