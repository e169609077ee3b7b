import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCardNumber } from '../../../../src/credentials/codec/card-number.ts';
import { cardPdfPath, issueCard, listCards } from '../../api/cards.ts';
import { ApiError } from '../../api/client.ts';
import type { CardStatus, CardView, RevocationReason } from '../../api/contracts.ts';
import { Loading } from '../../components/loading.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { CardQrCode } from './card-qr-code.tsx';
import { ReissueCardForm, RevokeCardForm } from './card-forms.tsx';

type CardAction = 'qr' | 'print' | 'reissue' | 'revoke';

/**
 * What a card in each status allows, as the server decides (src/credentials/issue-card.ts):
 * a revoked card is final; an expired one is not revoked yet, so it is renewed by a
 * reissue (a new first card is refused while it exists).
 */
const CARD_ACTIONS = {
  valid: ['qr', 'print', 'reissue', 'revoke'],
  expired: ['reissue'],
  revoked: [],
} as const satisfies Record<CardStatus, readonly CardAction[]>;

const allows = (card: CardView, action: CardAction) => (CARD_ACTIONS[card.status] as readonly CardAction[]).includes(action);

type Open = { card: string; panel: 'qr' | 'reissue' | 'revoke' } | undefined;
type Notice = { kind: 'issued'; number: string } | { kind: 'reissued'; number: string; old: string } | { kind: 'revoked'; number: string };

/** The server's "already has a card" answer names that card. */
const conflictingCard = (error: unknown) => {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return undefined;
  const details = error.details as { cardNumber?: unknown } | undefined;
  return typeof details?.cardNumber === 'string' ? formatCardNumber(details.cardNumber) : undefined;
};

/**
 * The person's identity cards, newest first, and what a registrar does with them:
 * issue the first one, show its QR code, print it, reissue it, revoke it.
 * `hasPhoto` is undefined while the photo panel has not said yet.
 */
export function CardsPanel({ personId, personActive, hasPhoto }: { personId: string; personActive: boolean; hasPhoto: boolean | undefined }) {
  const { t } = useTranslation();
  const [cards, setCards] = useState<CardView[]>();
  const [loadError, setLoadError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [open, setOpen] = useState<Open>();
  const [notice, setNotice] = useState<Notice>();
  const [withFace, setWithFace] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [issueError, setIssueError] = useState<unknown>();
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    setLoadError(undefined);
    listCards(personId, abort.signal).then(setCards, (failure: unknown) => !abort.signal.aborted && setLoadError(failure));
    return () => abort.abort();
  }, [personId, attempt]);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  useEffect(() => {
    if (hasPhoto === false) setWithFace(false);
  }, [hasPhoto]);

  // A card that is not revoked (valid, or expired awaiting renewal) is replaced by a reissue, not a new card.
  const mayIssue = personActive && cards !== undefined && cards.every((c) => c.status === 'revoked');

  const issue = async () => {
    setIssuing(true);
    setIssueError(undefined);
    setNotice(undefined);
    try {
      const card = await issueCard(personId, { withFace: withFace && hasPhoto === true });
      setCards((list) => [card, ...(list ?? [])]);
      setOpen({ card: card.cardNumber, panel: 'qr' });
      setNotice({ kind: 'issued', number: card.formatted });
    } catch (failure) {
      setIssueError(failure);
      // Someone else issued one meanwhile: show it.
      if (conflictingCard(failure)) setAttempt((n) => n + 1);
    } finally {
      setIssuing(false);
    }
  };

  const reissued = (old: CardView, card: CardView, reason: RevocationReason) => {
    setCards((list) =>
      [card, ...(list ?? [])].map((c) =>
        c.cardNumber === old.cardNumber
          ? { ...c, status: 'revoked' as const, revokedAt: card.issuedAt, revokedByName: card.issuedByName, revocationReason: reason, revocationNote: null }
          : c,
      ),
    );
    setOpen({ card: card.cardNumber, panel: 'qr' });
    setNotice({ kind: 'reissued', number: card.formatted, old: old.formatted });
  };

  const revoked = (card: CardView) => {
    setCards((list) => (list ?? []).map((c) => (c.cardNumber === card.cardNumber ? card : c)));
    setOpen(undefined);
    setNotice({ kind: 'revoked', number: card.formatted });
  };

  const conflict = conflictingCard(issueError);

  return (
    <section className="card cards-panel" aria-labelledby="cards-heading" data-testid="cards-panel">
      <h2 id="cards-heading">{t('cards.title')}</h2>
      {notice && (
        <p className="notice notice-ok" role="status" tabIndex={-1} ref={noticeRef} data-testid="cards-notice" data-kind={notice.kind}>
          {t(`cards.notices.${notice.kind}`, { number: notice.number, old: notice.kind === 'reissued' ? notice.old : '' })}
        </p>
      )}
      <ProblemMessage error={loadError} testId="cards-error" />
      {loadError !== undefined && (
        <button type="button" onClick={() => setAttempt((n) => n + 1)} data-testid="cards-retry">
          {t('app.retry')}
        </button>
      )}
      {!cards && loadError === undefined && <Loading />}
      {cards && cards.length === 0 && (
        <p className="muted" data-testid="no-cards">
          {t('cards.none')}
        </p>
      )}
      {cards && cards.length > 0 && (
        <ol className="card-list" data-testid="card-list">
          {cards.map((card) => (
            <CardItem
              key={card.cardNumber}
              card={card}
              open={open?.card === card.cardNumber ? open.panel : undefined}
              onOpen={(panel) => {
                setNotice(undefined);
                setOpen(panel ? { card: card.cardNumber, panel } : undefined);
              }}
              hasPhoto={hasPhoto}
              personActive={personActive}
              onReissued={(made, reason) => reissued(card, made, reason)}
              onRevoked={revoked}
            />
          ))}
        </ol>
      )}
      {mayIssue && (
        <div className="issue-card" data-testid="issue-form">
          <h3>{t('cards.issue.title')}</h3>
          <label className={`check${hasPhoto ? '' : ' disabled-choice'}`}>
            <input type="checkbox" checked={withFace} disabled={!hasPhoto || issuing} onChange={(e) => setWithFace(e.target.checked)} aria-describedby="issue-face-hint" data-testid="issue-with-face" />
            <span>{t('cards.withFace')}</span>
          </label>
          <p className="hint" id="issue-face-hint">
            {hasPhoto ? t('cards.withFaceHint') : t('cards.needsPhoto')}
          </p>
          <ProblemMessage
            error={issueError}
            testId="issue-error"
            explanation={conflict ? t('cards.issue.alreadyHasCard', { number: conflict }) : undefined}
          />
          <div className="actions">
            <button type="button" className="primary" onClick={issue} disabled={issuing} data-testid="issue-card">
              {issuing ? t('cards.issue.working') : t('cards.issue.submit')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

interface CardItemProps {
  card: CardView;
  open: 'qr' | 'reissue' | 'revoke' | undefined;
  onOpen: (panel: 'qr' | 'reissue' | 'revoke' | undefined) => void;
  hasPhoto: boolean | undefined;
  personActive: boolean;
  onReissued: (card: CardView, reason: RevocationReason) => void;
  onRevoked: (card: CardView) => void;
}

function CardItem({ card, open, onOpen, hasPhoto, personActive, onReissued, onRevoked }: CardItemProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [copied, setCopied] = useState(false);
  // A reissue makes a new card for the person: not for a removed or merged record (the server refuses it too).
  const may = (action: CardAction) => allows(card, action) && (action !== 'reissue' || personActive);
  const issued = card.issueReason === 'first' ? t('cards.issueReasons.first') : t('cards.replacement', { reason: t(`cards.issueReasons.${card.issueReason}`), number: card.replaces ? formatCardNumber(card.replaces) : '' });

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(card.qrText);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard here (an insecure page, say): the text can still be selected
    }
  };

  return (
    <li className={`card-item card-item-${card.status}`} data-testid="card" data-card-number={card.cardNumber} data-status={card.status}>
      <div className="card-item-head">
        <span className="card-number" data-testid="card-number">
          {card.formatted}
        </span>
        <span className={`badge badge-card-${card.status}`} data-testid="card-status">
          {t(`cards.statuses.${card.status}`)}
        </span>
        {card.withFace && <span className="mark">{t('cards.withFaceMark')}</span>}
      </div>
      <dl className="facts card-facts">
        <dt>{t('cards.issued')}</dt>
        <dd data-testid="card-issued">
          {t('cards.when', { date: format.date(card.issuedAt), name: card.issuedByName })} <span className="muted">({issued})</span>
        </dd>
        <dt>{card.status === 'expired' ? t('cards.expired') : t('cards.expires')}</dt>
        <dd data-testid="card-expires">{format.date(card.expiresAt)}</dd>
        {card.status === 'revoked' && card.revokedAt && (
          <>
            <dt>{t('cards.revoked')}</dt>
            <dd data-testid="card-revoked">
              {t('cards.when', { date: format.date(card.revokedAt), name: card.revokedByName ?? '—' })}
              {card.revocationReason && (
                <>
                  {' — '}
                  <span data-testid="card-revocation-reason" data-reason={card.revocationReason}>
                    {t(`cards.revocationReasons.${card.revocationReason}`)}
                  </span>
                </>
              )}
              {card.revocationNote && <span className="card-note"> “{card.revocationNote}”</span>}
            </dd>
          </>
        )}
      </dl>
      {(may('qr') || may('print') || may('reissue') || may('revoke')) && (
        <div className="actions card-actions">
          {may('qr') && (
            <button type="button" aria-expanded={open === 'qr'} onClick={() => onOpen(open === 'qr' ? undefined : 'qr')} data-testid="card-show-qr">
              {open === 'qr' ? t('cards.hideQr') : t('cards.showQr')}
            </button>
          )}
          {may('print') && (
            <>
              <a className="button-like" href={cardPdfPath(card.cardNumber)} target="_blank" rel="noopener" data-testid="card-print">
                {t('cards.print')}
              </a>
              <a className="button-like" href={cardPdfPath(card.cardNumber)} download={`card-${card.cardNumber}.pdf`} data-testid="card-download">
                {t('cards.download')}
              </a>
            </>
          )}
          {may('reissue') && (
            <button type="button" aria-expanded={open === 'reissue'} onClick={() => onOpen('reissue')} data-testid="card-reissue">
              {t('cards.reissue.open')}
            </button>
          )}
          {may('revoke') && (
            <button type="button" className="danger" aria-expanded={open === 'revoke'} onClick={() => onOpen('revoke')} data-testid="card-revoke">
              {t('cards.revoke.open')}
            </button>
          )}
        </div>
      )}
      {open === 'qr' && may('qr') && (
        <div className="card-qr-panel" data-testid="card-qr-panel">
          <CardQrCode text={card.qrText} alt={t('cards.qrAlt', { number: card.formatted })} testId="card-qr" />
          <details className="qr-text">
            <summary>{t('cards.qrText')}</summary>
            <textarea readOnly rows={4} value={card.qrText} className="mono" onFocus={(e) => e.target.select()} data-testid="card-qr-text" />
            <button type="button" onClick={copy} data-testid="card-copy-qr">
              {copied ? t('cards.copied') : t('cards.copy')}
            </button>
          </details>
        </div>
      )}
      {open === 'reissue' && may('reissue') && (
        <ReissueCardForm card={card} hasPhoto={hasPhoto} onDone={onReissued} onCancel={() => onOpen(undefined)} />
      )}
      {open === 'revoke' && may('revoke') && <RevokeCardForm card={card} onDone={onRevoked} onCancel={() => onOpen(undefined)} />}
    </li>
  );
}
