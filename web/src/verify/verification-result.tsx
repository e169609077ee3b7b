import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCardNumber } from '../../../src/credentials/codec/card-number.ts';
import type { CardVerification } from '../../../src/credentials/codec/verify-card.ts';
import { useFormat } from '../i18n/use-format.ts';
import { useCalendarDate } from '../registry/birth-date-text.tsx';

/** Claim 169 gender codes (1 male, 2 female, 3 other) to the catalogue's words. */
const SEX = { 1: 'male', 2: 'female', 3: 'other' } as const;

export interface CheckedCard {
  result: CardVerification;
  /** When it was checked, and with the lists of when (ISO 8601). */
  checkedAt: string;
  listsFrom: string;
}

/** The face image the card carries (WebP), as an object URL while shown. */
function useFaceUrl(face: Uint8Array | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!face) return setUrl(undefined);
    const made = URL.createObjectURL(new Blob([face.slice()], { type: 'image/webp' }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [face]);
  return url;
}

/**
 * VALID or NOT VALID, in large letters and colour, with the reason in words. What
 * the card says of its holder is shown only when its signature checked (it is
 * authentic), also when it is refused for another reason, so that the agent sees
 * whose card it is; before that, nothing read from the card can be trusted.
 */
export function VerificationResult({ checked }: { checked: CheckedCard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const calendar = useCalendarDate();
  const { result } = checked;
  const claims = result.claims;
  const identity = claims?.identity;
  const faceUrl = useFaceUrl(identity?.faceWebp);
  const heading = useRef<HTMLHeadingElement>(null);

  // A new result takes the focus (screen readers read it) and comes into view.
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [checked]);

  const date = (seconds: number) => format.date(new Date(seconds * 1000).toISOString());

  return (
    <section
      className={`verify-result ${result.valid ? 'verify-valid' : 'verify-invalid'}`}
      aria-labelledby="verify-verdict"
      data-testid="verify-result"
      data-valid={result.valid}
      data-reason={result.valid ? undefined : result.reason}
    >
      <h2 id="verify-verdict" className="verdict" tabIndex={-1} ref={heading} data-testid="verify-verdict">
        <span className="verdict-mark" aria-hidden="true">
          {result.valid ? '✓' : '✗'}
        </span>{' '}
        {result.valid ? t('verify.result.valid') : t('verify.result.invalid')}
      </h2>
      {!result.valid && (
        <p className="verdict-reason" data-testid="verify-reason">
          {t(`verify.reasons.${result.reason}`)}
        </p>
      )}
      {identity && claims && (
        <div className="holder" data-testid="verify-holder">
          {!result.valid && <p className="holder-note">{t('verify.result.authenticButRefused')}</p>}
          <p className="holder-name">
            <span className="visually-hidden">{t('verify.result.name')}: </span>
            <span data-testid="verify-name">{identity.fullName}</span>
          </p>
          {faceUrl && (
            <figure className="holder-face">
              <img src={faceUrl} alt={t('verify.result.faceAlt')} data-testid="verify-face" />
              <figcaption className="hint">{t('verify.result.compareFace')}</figcaption>
            </figure>
          )}
          <dl className="facts holder-facts">
            <dt>{t('verify.result.cardNumber')}</dt>
            <dd className="holder-number" data-testid="verify-card-number">
              {formatCardNumber(identity.cardNumber)}
            </dd>
            <dt>{t('verify.result.birthDate')}</dt>
            <dd data-testid="verify-birth-date">{identity.birthDate ? calendar(identity.birthDate) : <span className="muted">{t('verify.result.notOnCard')}</span>}</dd>
            <dt>{t('verify.result.sex')}</dt>
            <dd data-testid="verify-sex">{identity.gender ? t(`verify.sex.${SEX[identity.gender]}`) : <span className="muted">{t('verify.result.notOnCard')}</span>}</dd>
            <dt>{t('verify.result.expires')}</dt>
            <dd data-testid="verify-expires">{date(claims.expiresAt)}</dd>
            <dt>{t('verify.result.issued')}</dt>
            <dd>{date(claims.issuedAt)}</dd>
          </dl>
        </div>
      )}
      {!identity && !result.valid && <p className="holder-note">{t('verify.result.nothingShown')}</p>}
      <p className="checked-at small" data-testid="verify-checked-at">
        {t('verify.result.checkedAt', { time: format.dateTime(checked.checkedAt), lists: format.dateTime(checked.listsFrom) })}
      </p>
    </section>
  );
}
