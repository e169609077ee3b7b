import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { reissueCard, revokeCard } from '../../api/cards.ts';
import type { CardView, ReissueReason, RevocationReason } from '../../api/contracts.ts';
import { ApiError } from '../../api/client.ts';
import { ProblemMessage } from '../problem-message.tsx';

// Every reason the server accepts, in the order offered; `satisfies` makes a reason
// added to (or removed from) src/credentials/schemas.ts a type error here.
const REISSUE_REASONS = Object.keys({ lost: 1, stolen: 1, damaged: 1, renewal: 1, data_changed: 1 } satisfies Record<ReissueReason, 1>) as ReissueReason[];
const REVOCATION_REASONS = Object.keys({
  lost: 1,
  stolen: 1,
  damaged: 1,
  renewal: 1,
  data_changed: 1,
  deceased: 1,
  duplicate: 1,
  fraud: 1,
  other: 1,
} satisfies Record<RevocationReason, 1>) as RevocationReason[];

/** The longest note the server keeps (RevokeCardInput). */
const NOTE_MAX = 500;

/** A refusal because the card changed since the list was read (another official revoked or replaced it). */
const changedMeanwhile = (error: unknown) => error instanceof ApiError && (error.code === 'RULE_VIOLATION' || error.code === 'NOT_FOUND');

/**
 * A new card in place of this one, for a reason; the server revokes this one in the
 * same transaction, so the two are never valid together.
 */
export function ReissueCardForm({
  card,
  hasPhoto,
  onDone,
  onCancel,
}: {
  card: CardView;
  hasPhoto: boolean | undefined;
  onDone: (card: CardView, reason: ReissueReason) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<ReissueReason | ''>(card.status === 'expired' ? 'renewal' : '');
  const [withFace, setWithFace] = useState(card.withFace && hasPhoto !== false);
  const [showProblems, setShowProblems] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const id = `reissue-${card.cardNumber}`;
  const reasonMissing = showProblems && reason === '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (reason === '') return document.getElementById(`${id}-reason`)?.focus();
    setWorking(true);
    setError(undefined);
    try {
      onDone(await reissueCard(card.cardNumber, { reason, withFace: withFace && hasPhoto === true }), reason);
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  return (
    <form className="card-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`} data-testid="reissue-form">
      <h3 id={`${id}-heading`}>{t('cards.reissue.title', { number: card.formatted })}</h3>
      <p className="hint">{t('cards.reissue.intro')}</p>
      <div className="field field-narrow">
        <label htmlFor={`${id}-reason`}>{t('cards.reason')}</label>
        <select
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value as ReissueReason | '')}
          aria-invalid={reasonMissing || undefined}
          aria-describedby={reasonMissing ? `${id}-reason-problem` : undefined}
          data-testid="reissue-reason"
        >
          <option value="">{t('cards.chooseReason')}</option>
          {REISSUE_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`cards.issueReasons.${r}`)}
            </option>
          ))}
        </select>
        {reasonMissing && (
          <p className="field-problem" id={`${id}-reason-problem`} data-testid="reissue-reason-problem">
            {t('cards.reasonRequired')}
          </p>
        )}
      </div>
      <label className={`check${hasPhoto ? '' : ' disabled-choice'}`}>
        <input type="checkbox" checked={withFace} disabled={!hasPhoto || working} onChange={(e) => setWithFace(e.target.checked)} data-testid="reissue-with-face" />
        <span>{t('cards.withFace')}</span>
      </label>
      <p className="hint">{hasPhoto ? t('cards.withFaceHint') : t('cards.needsPhoto')}</p>
      <ProblemMessage error={error} testId="reissue-error" explanation={changedMeanwhile(error) ? t('cards.changedMeanwhile') : undefined} />
      <div className="actions">
        <button type="submit" className="primary" disabled={working} data-testid="reissue-submit">
          {working ? t('registry.saving') : t('cards.reissue.submit')}
        </button>
        <button type="button" onClick={onCancel} disabled={working}>
          {t('registry.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * Revokes the card, in two steps: the reason (and a note), then a confirmation that
 * says what follows. A revocation cannot be undone.
 */
export function RevokeCardForm({ card, onDone, onCancel }: { card: CardView; onDone: (card: CardView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<RevocationReason | ''>('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [showProblems, setShowProblems] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const id = `revoke-${card.cardNumber}`;
  const reasonMissing = showProblems && reason === '';
  // "Other" says nothing by itself: it needs a note.
  const noteMissing = showProblems && reason === 'other' && note.trim().length < 3;

  const next = (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (reason === '') return document.getElementById(`${id}-reason`)?.focus();
    if (reason === 'other' && note.trim().length < 3) return document.getElementById(`${id}-note`)?.focus();
    setConfirming(true);
  };

  const revoke = async () => {
    if (reason === '') return;
    setWorking(true);
    setError(undefined);
    try {
      const trimmed = note.trim();
      onDone(await revokeCard(card.cardNumber, { reason, ...(trimmed ? { note: trimmed } : {}) }));
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  if (confirming && reason !== '') {
    return (
      <div className="card-form confirm" role="alertdialog" aria-labelledby={`${id}-confirm`} aria-describedby={`${id}-confirm-text`} data-testid="revoke-confirm">
        <h3 id={`${id}-confirm`}>{t('cards.revoke.confirmTitle', { number: card.formatted })}</h3>
        <p id={`${id}-confirm-text`}>
          {t('cards.revoke.confirmText', { reason: t(`cards.revocationReasons.${reason}`) })}
        </p>
        <ProblemMessage error={error} testId="revoke-error" explanation={changedMeanwhile(error) ? t('cards.changedMeanwhile') : undefined} />
        <div className="actions">
          <button type="button" className="danger-solid" onClick={revoke} disabled={working} autoFocus data-testid="revoke-confirm-yes">
            {working ? t('registry.saving') : t('cards.revoke.confirm')}
          </button>
          <button type="button" onClick={() => setConfirming(false)} disabled={working} data-testid="revoke-confirm-back">
            {t('cards.revoke.back')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="card-form" onSubmit={next} noValidate aria-labelledby={`${id}-heading`} data-testid="revoke-form">
      <h3 id={`${id}-heading`}>{t('cards.revoke.title', { number: card.formatted })}</h3>
      <p className="hint">{t('cards.revoke.intro')}</p>
      <div className="field field-narrow">
        <label htmlFor={`${id}-reason`}>{t('cards.reason')}</label>
        <select
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value as RevocationReason | '')}
          aria-invalid={reasonMissing || undefined}
          aria-describedby={reasonMissing ? `${id}-reason-problem` : undefined}
          data-testid="revoke-reason"
        >
          <option value="">{t('cards.chooseReason')}</option>
          {REVOCATION_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`cards.revocationReasons.${r}`)}
            </option>
          ))}
        </select>
        {reasonMissing && (
          <p className="field-problem" id={`${id}-reason-problem`} data-testid="revoke-reason-problem">
            {t('cards.reasonRequired')}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>
          {t('cards.revoke.note')} {reason !== 'other' && <span className="required-mark">{t('cards.optional')}</span>}
        </label>
        <textarea
          id={`${id}-note`}
          rows={2}
          maxLength={NOTE_MAX}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={noteMissing || undefined}
          aria-describedby={`${id}-note-hint${noteMissing ? ` ${id}-note-problem` : ''}`}
          data-testid="revoke-note"
        />
        <p className="hint" id={`${id}-note-hint`}>
          {t('cards.revoke.noteHint')}
        </p>
        {noteMissing && (
          <p className="field-problem" id={`${id}-note-problem`} data-testid="revoke-note-problem">
            {t('cards.revoke.noteRequired')}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="danger" data-testid="revoke-next">
          {t('cards.revoke.next')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('registry.cancel')}
        </button>
      </div>
    </form>
  );
}
