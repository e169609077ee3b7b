import jsqrModule from 'jsqr';

/**
 * jsQR, loaded in its own chunk. It is CommonJS with `exports.default`: Node's ESM
 * view (what tsc checks) puts the function under `.default`, Vite's interop hands
 * over the function itself; either way this is the function.
 */
const jsQR: typeof jsqrModule.default = typeof jsqrModule === 'function' ? jsqrModule : jsqrModule.default;

/** The text of the QR code in an RGBA frame, or undefined when there is none. */
export function decodeQr(rgba: Uint8ClampedArray, width: number, height: number): string | undefined {
  // Cards are printed dark on light: skipping the inverted pass halves the work per frame.
  const code = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  return code?.data ? code.data : undefined;
}
