import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * The otpauth:// URI as a QR code, drawn in the browser: the secret it carries never
 * goes to a third-party service, and the console works offline.
 */
export function TotpQrCode({ uri, alt }: { uri: string; alt: string }) {
  const [svg, setSvg] = useState<string>();
  useEffect(() => {
    let live = true;
    QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }).then(
      (text) => live && setSvg(text),
      () => live && setSvg(undefined),
    );
    return () => {
      live = false;
    };
  }, [uri]);
  if (!svg) return null;
  return (
    <img
      className="qr-code"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={alt}
      width={220}
      height={220}
      data-testid="totp-qr"
    />
  );
}
