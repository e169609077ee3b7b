import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Decoder = typeof import('./qr-decoder.ts').decodeQr;
let decoder: Promise<Decoder> | undefined;

/**
 * Starts loading the QR decoder (its own chunk): called when the page opens, so that
 * scanning works later even if the network has gone by then.
 */
export const prepareScanner = (): Promise<Decoder> => {
  decoder ??= import('./qr-decoder.ts').then((m) => m.decodeQr);
  decoder.catch(() => (decoder = undefined)); // a failed load is tried again on the next scan
  return decoder;
};

/** Frames are decoded at most this often: enough to feel instant, light on a cheap phone. */
const SCAN_INTERVAL_MS = 120;
/** Frames are scaled down to this width before decoding. */
const MAX_SCAN_WIDTH = 800;

export type CameraProblem = 'denied' | 'absent' | 'insecure' | 'failed';

/**
 * The back camera, read frame by frame until a QR code is found. The camera is
 * released as soon as a code is found, on close, and when the page goes away.
 */
export function QrScanner({ onFound, onClose }: { onFound: (text: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<CameraProblem>();
  const [live, setLive] = useState(false);
  const found = useRef(onFound);
  found.current = onFound;
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    let frame = 0;
    const stop = () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((track) => track.stop());
    };
    // Leaving the page (another app, a locked screen) also ends the scan.
    const onHidden = () => {
      if (document.visibilityState === 'hidden') close.current();
    };
    document.addEventListener('visibilitychange', onHidden);

    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) return setProblem(window.isSecureContext ? 'absent' : 'insecure');
      let decode: Decoder;
      try {
        decode = await prepareScanner();
      } catch {
        return setProblem('failed');
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch (failure) {
        return setProblem(failure instanceof DOMException && failure.name === 'NotAllowedError' ? 'denied' : 'absent');
      }
      const v = video.current;
      if (stopped || !v) return stop();
      v.srcObject = stream;
      await v.play().catch(() => undefined); // autoplay of a muted inline video is allowed
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) return setProblem('failed');
      setLive(true);
      let last = 0;
      const tick = (time: number) => {
        if (stopped) return;
        frame = requestAnimationFrame(tick);
        if (time - last < SCAN_INTERVAL_MS || v.readyState < v.HAVE_CURRENT_DATA || !v.videoWidth) return;
        last = time;
        const scale = Math.min(1, MAX_SCAN_WIDTH / v.videoWidth);
        canvas.width = Math.round(v.videoWidth * scale);
        canvas.height = Math.round(v.videoHeight * scale);
        context.drawImage(v, 0, 0, canvas.width, canvas.height);
        const text = decode(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
        if (text !== undefined) {
          stop();
          found.current(text);
        }
      };
      frame = requestAnimationFrame(tick);
    })();

    return () => {
      document.removeEventListener('visibilitychange', onHidden);
      stop();
    };
  }, []);

  return (
    <div className="scanner" data-testid="scanner" data-live={live}>
      {problem ? (
        <p className="notice notice-error" role="alert" data-testid="camera-problem" data-problem={problem}>
          {t(`verify.camera.problems.${problem}`)}
        </p>
      ) : (
        <>
          <div className="scanner-view">
            <video ref={video} autoPlay playsInline muted aria-label={t('verify.camera.view')} data-testid="scanner-video" />
            <span className="scanner-aim" aria-hidden="true" />
          </div>
          <p className="hint" role="status">
            {live ? t('verify.camera.aim') : t('verify.camera.starting')}
          </p>
        </>
      )}
      <button type="button" className="big-button" onClick={onClose} data-testid="scan-stop">
        {t('verify.camera.stop')}
      </button>
    </div>
  );
}
