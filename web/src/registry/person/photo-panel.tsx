import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { getPhoto, putPhoto } from '../../api/registry.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { photoFromFile, photoFromVideo, toUpload, type EncodedPhoto } from './photo-image.ts';

type Shown = { kind: 'loading' } | { kind: 'none' } | { kind: 'photo'; url: string } | { kind: 'failed'; error: unknown };
type Mode = { kind: 'view' } | { kind: 'camera'; stream: MediaStream } | { kind: 'preview'; photo: EncodedPhoto };

/** Keeps an object URL alive while shown, and frees it after. */
function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return setUrl(undefined);
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return url;
}

/**
 * The person's photo, for an official to recognise them: shown, taken with the
 * camera or chosen from a file, scaled down and stored as a new version.
 */
export function PhotoPanel({
  personId,
  name,
  editable,
  onPhotoKnown,
}: {
  personId: string;
  name: string;
  editable: boolean;
  /** Told whether the person has a photo once known, and again when that changes (the card panel needs it). */
  onPhotoKnown?: (hasPhoto: boolean) => void;
}) {
  const { t } = useTranslation();
  const [stored, setStored] = useState<Blob>();
  const [state, setState] = useState<'loading' | 'none' | 'photo' | 'failed'>('loading');
  const [loadError, setLoadError] = useState<unknown>();
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [cameraReady, setCameraReady] = useState(false);
  const [cameraProblem, setCameraProblem] = useState<'denied' | 'absent' | 'unreadable' | undefined>();
  const video = useRef<HTMLVideoElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const storedUrl = useObjectUrl(stored);
  const previewBlob = mode.kind === 'preview' ? mode.photo.blob : undefined;
  const previewUrl = useObjectUrl(previewBlob);
  const photoKnown = useRef(onPhotoKnown);
  photoKnown.current = onPhotoKnown;
  useEffect(() => {
    if (state === 'photo' || state === 'none') photoKnown.current?.(state === 'photo');
  }, [state]);

  useEffect(() => {
    const abort = new AbortController();
    getPhoto(personId, abort.signal).then(
      (blob) => {
        setStored(blob);
        setState('photo');
      },
      (failure: unknown) => {
        if (abort.signal.aborted) return;
        if (failure instanceof ApiError && failure.code === 'NOT_FOUND') setState('none');
        else {
          setLoadError(failure);
          setState('failed');
        }
      },
    );
    return () => abort.abort();
  }, [personId]);

  // The camera is released when leaving it, and when leaving the page.
  const stream = mode.kind === 'camera' ? mode.stream : undefined;
  useEffect(() => {
    if (!stream) return;
    if (video.current) video.current.srcObject = stream;
    return () => stream.getTracks().forEach((track) => track.stop());
  }, [stream]);

  const openCamera = async () => {
    setError(undefined);
    setSaved(false);
    setCameraProblem(undefined);
    if (!navigator.mediaDevices?.getUserMedia) return setCameraProblem('absent');
    try {
      const media = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
      setCameraReady(false);
      setMode({ kind: 'camera', stream: media });
    } catch (failure) {
      setCameraProblem(failure instanceof DOMException && failure.name === 'NotAllowedError' ? 'denied' : 'absent');
    }
  };

  const capture = async () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    try {
      const photo = await photoFromVideo(v);
      setMode({ kind: 'preview', photo });
    } catch {
      setCameraProblem('unreadable');
    }
  };

  const chooseFile = async (chosen: File | undefined) => {
    if (!chosen) return;
    setError(undefined);
    setSaved(false);
    setCameraProblem(undefined);
    try {
      setMode({ kind: 'preview', photo: await photoFromFile(chosen) });
    } catch {
      setCameraProblem('unreadable');
    } finally {
      if (file.current) file.current.value = '';
    }
  };

  const save = async () => {
    if (mode.kind !== 'preview') return;
    setWorking(true);
    setError(undefined);
    try {
      await putPhoto(personId, await toUpload(mode.photo));
      setStored(mode.photo.blob);
      setState('photo');
      setMode({ kind: 'view' });
      setSaved(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(false);
    }
  };

  const shown: Shown =
    state === 'photo' && storedUrl ? { kind: 'photo', url: storedUrl } : state === 'failed' ? { kind: 'failed', error: loadError } : state === 'none' ? { kind: 'none' } : { kind: 'loading' };

  return (
    <section className="card photo-card" aria-labelledby="photo-heading" data-testid="photo-panel">
      <h2 id="photo-heading">{t('registry.photo.title')}</h2>
      {mode.kind === 'view' && (
        <div className="photo-frame">
          {shown.kind === 'photo' && <img src={shown.url} alt={t('registry.photo.alt', { name })} data-testid="photo" />}
          {shown.kind === 'none' && (
            <p className="photo-placeholder" data-testid="no-photo">
              {t('registry.photo.none')}
            </p>
          )}
          {shown.kind === 'loading' && <p className="photo-placeholder">{t('app.loading')}</p>}
          {shown.kind === 'failed' && <ProblemMessage error={shown.error} testId="photo-load-error" />}
        </div>
      )}
      {mode.kind === 'camera' && (
        <div className="photo-frame camera">
          <video
            ref={video}
            autoPlay
            playsInline
            muted
            onLoadedData={() => setCameraReady(true)}
            aria-label={t('registry.photo.cameraView')}
            data-testid="camera"
          />
        </div>
      )}
      {mode.kind === 'preview' && previewUrl && (
        <div className="photo-frame">
          <img src={previewUrl} alt={t('registry.photo.previewAlt')} data-testid="photo-preview" />
          <p className="hint">{t('registry.photo.size', { kb: Math.ceil(mode.photo.blob.size / 1024), type: mode.photo.contentType.replace('image/', '').toUpperCase() })}</p>
        </div>
      )}
      <div aria-live="polite">
        {saved && (
          <p className="notice notice-ok" data-testid="photo-saved">
            {t('registry.photo.saved')}
          </p>
        )}
        {cameraProblem && (
          <p className="notice notice-error" role="alert" data-testid="photo-problem">
            {t(`registry.photo.problems.${cameraProblem}`)}
          </p>
        )}
        <ProblemMessage error={error} testId="photo-error" />
      </div>
      {editable && (
        <div className="actions">
          {mode.kind === 'view' && (
            <>
              <button type="button" onClick={openCamera} data-testid="photo-camera">
                {t('registry.photo.takePhoto')}
              </button>
              <label className="button-like">
                {t('registry.photo.upload')}
                <input ref={file} type="file" accept="image/*" className="visually-hidden" onChange={(e) => void chooseFile(e.target.files?.[0])} data-testid="photo-file" />
              </label>
            </>
          )}
          {mode.kind === 'camera' && (
            <>
              <button type="button" className="primary" onClick={capture} disabled={!cameraReady} data-testid="photo-capture">
                {t('registry.photo.capture')}
              </button>
              <button type="button" onClick={() => setMode({ kind: 'view' })} data-testid="photo-cancel">
                {t('registry.cancel')}
              </button>
            </>
          )}
          {mode.kind === 'preview' && (
            <>
              <button type="button" className="primary" onClick={save} disabled={working} data-testid="photo-save">
                {working ? t('registry.saving') : t('registry.photo.use')}
              </button>
              <button type="button" onClick={() => setMode({ kind: 'view' })} disabled={working} data-testid="photo-cancel">
                {t('registry.cancel')}
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}
