import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * A card's QR code drawn here, as printed: the base45 text as one alphanumeric
 * segment (base45's 45 characters are QR's alphanumeric set), error correction M.
 * Large enough on screen for a phone to scan it.
 */
export function CardQrCode({ text, alt, testId }: { text: string; alt: string; testId: string }) {
  const [svg, setSvg] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    QRCode.toString([{ data: text, mode: 'alphanumeric' }], { type: 'svg', margin: 4, errorCorrectionLevel: 'M' }).then(
      (made) => live && setSvg(made),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [text]);
  if (failed) return null;
  if (!svg) return <div className="card-qr card-qr-pending" />;
  return <img className="card-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={alt} data-testid={testId} />;
}
