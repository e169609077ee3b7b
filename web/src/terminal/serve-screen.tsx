import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseCardNumber } from '../../../src/credentials/codec/card-number.ts';
import { verifyCard } from '../../../src/credentials/codec/verify-card.ts';
import { cardCacheKey, fromBase64url } from '../../../src/distribution/protocol/terminal-protocol.ts';
import { ApiError } from '../api/client.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { prepareScanner, QrScanner } from '../verify/qr-scanner.tsx';
import { useVerificationLists } from '../verify/use-verification-lists.ts';
import { nowSeconds, usableStatusList } from '../verify/verification-lists.ts';
import { VerificationResult, type CheckedCard } from '../verify/verification-result.tsx';
import { DueList } from './due-list.tsx';
import { HandOverForm, type HandOverChoice } from './hand-over-form.tsx';
import { LostCard } from './lost-card.tsx';
import { ReceiptView } from './receipt-view.tsx';
import { handOver, type ShownReceipt } from './terminal-actions.ts';
import { fetchDue } from './terminal-api.ts';
import { cachedDue } from './offline-due.ts';
import type { DeviceIdentity } from './terminal-store.ts';
import type { Due } from './terminal-types.ts';
import type { TerminalVault } from './terminal-vault.ts';
import type { TerminalWork } from './use-terminal-work.ts';

type Found = { due: Due[]; source: 'server' | 'cache'; cardStatus?: string } | { due: undefined; source: 'none' };

/** Who is served: a card's number, or the token of a person found without their card. */
type Who = { cardNumber: string } | { token: string };
const cardOf = (who: Who) => ('cardNumber' in who ? who.cardNumber : undefined);

type Step =
  | { kind: 'card' }
  | { kind: 'scanning' }
  | { kind: 'lost' }
  | { kind: 'card-found'; who: Who; checked?: CheckedCard; found?: Found; error?: unknown }
  | { kind: 'hand-over'; who: Who; due: Due }
  | { kind: 'receipt'; who: Who; receipt: ShownReceipt }
  | { kind: 'already'; who: Who; redeemedAt?: string; pointCode?: string; terminalLabel?: string };

/** What is typed or scanned: the QR text of a card, or its number as printed. */
const cleanText = (text: string) => text.replace(/[\r\n\t]/g, '');

/**
 * One person at a time: the card (scanned and verified here, offline, or its number
 * typed), what is due to it (the server's answer, or the device's encrypted package
 * when there is no network), the hand-over, the receipt, and the next person.
 */
export function ServeScreen({
  device,
  vault,
  work,
  sessionLive,
  agent,
  pointName,
  onFatal,
}: {
  device: DeviceIdentity;
  vault: TerminalVault;
  work: TerminalWork;
  sessionLive: boolean;
  agent: { id: string; name: string };
  pointName: string;
  /** A revocation, or an ended session: the terminal decides what follows. */
  onFatal: (error: ApiError) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { state: lists } = useVerificationLists();
  const [step, setStep] = useState<Step>({ kind: 'card' });
  const [typed, setTyped] = useState('');
  const [typedProblem, setTypedProblem] = useState<string>();

  useEffect(() => {
    prepareScanner().catch(() => undefined);
  }, []);

  const lookUp = async (who: Who, checked?: CheckedCard) => {
    setStep({ kind: 'card-found', who, ...(checked ? { checked } : {}) });
    if (checked && !checked.result.valid) return; // a refused card is not served
    let found: Found = { due: undefined, source: 'none' };
    const cardNumber = cardOf(who);
    try {
      if (work.online && sessionLive) {
        try {
          const answer = await fetchDue(device, cardNumber === undefined ? { token: (who as { token: string }).token } : { card: cardNumber });
          found = { due: answer.due, source: 'server', ...(answer.card ? { cardStatus: answer.card.status } : {}) };
        } catch (error) {
          if (error instanceof ApiError && (error.code === 'TERMINAL_REVOKED' || error.code === 'UNAUTHENTICATED')) onFatal(error);
          // With no network, or no session any more, the device's own data answers.
          if (!(error instanceof ApiError && (error.code === 'NETWORK' || error.code === 'UNAUTHENTICATED'))) throw error;
        }
      }
      if (found.source === 'none' && work.pkg && cardNumber !== undefined) {
        const key = await cardCacheKey(fromBase64url(work.pkg.hashKey), cardNumber);
        found = { due: cachedDue(work.pkg, work.index, key, work.spends, new Date()), source: 'cache' };
      }
      setStep({ kind: 'card-found', who, ...(checked ? { checked } : {}), found });
    } catch (error) {
      setStep({ kind: 'card-found', who, ...(checked ? { checked } : {}), error });
    }
  };

  const onScanned = (text: string) => {
    const cleaned = cleanText(text);
    const number = parseCardNumber(cleaned);
    if (number.ok) return void lookUp({ cardNumber: number.cardNumber });
    if (!lists.lists) {
      setStep({ kind: 'card' });
      setTypedProblem(t('terminal.card.noLists'));
      return;
    }
    const now = nowSeconds();
    const result = verifyCard(cleaned, { trust: lists.lists.trust, statusList: usableStatusList(lists.lists, now), now });
    const checked: CheckedCard = { result, checkedAt: new Date(now * 1000).toISOString(), listsFrom: lists.lists.downloadedAt };
    void lookUp({ cardNumber: result.claims?.identity?.cardNumber ?? '' }, checked);
  };

  const submitTyped = (event: FormEvent) => {
    event.preventDefault();
    const text = cleanText(typed).trim();
    if (!text) return setTypedProblem(t('terminal.card.empty'));
    const number = parseCardNumber(text);
    if (number.ok) {
      setTypedProblem(undefined);
      return void lookUp({ cardNumber: number.cardNumber });
    }
    if (text.length > 40) {
      setTypedProblem(undefined);
      return onScanned(text); // a pasted QR text
    }
    setTypedProblem(t(`terminal.card.problems.${number.problem}`));
  };

  const confirm = (who: Who, due: Due) => async (choice: HandOverChoice) => {
    const person = 'cardNumber' in who ? { cardNumber: who.cardNumber } : { cardNumber: '', identificationToken: who.token };
    let outcome;
    try {
      outcome = await handOver(
        { due, ...person, ...choice, agent, pointName, terminalLabel: work.journal.terminalLabel ?? device.terminalId },
        device,
        vault,
        work.online && sessionLive,
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 'TERMINAL_REVOKED') onFatal(error);
      throw error;
    }
    await work.reload();
    if (outcome.kind === 'receipt' && outcome.sessionEnded) onFatal(new ApiError(401, 'UNAUTHENTICATED', 'the session ended'));
    if (outcome.kind === 'receipt') setStep({ kind: 'receipt', who, receipt: outcome.receipt });
    else {
      const { kind: _, ...where } = outcome;
      setStep({ kind: 'already', who, ...where });
    }
  };

  const next = () => {
    setTyped('');
    setTypedProblem(undefined);
    setStep({ kind: 'card' });
  };

  switch (step.kind) {
    case 'scanning':
      return <QrScanner onFound={onScanned} onClose={() => setStep({ kind: 'card' })} />;
    case 'lost':
      return <LostCard device={device} onChosen={(token, due) => setStep({ kind: 'card-found', who: { token }, found: { due, source: 'server' } })} onCancel={next} />;
    case 'hand-over':
      return <HandOverForm due={step.due} onConfirm={confirm(step.who, step.due)} onCancel={() => void lookUp(step.who)} />;
    case 'receipt':
      return <ReceiptView receipt={step.receipt} {...(cardOf(step.who) ? { cardNumber: cardOf(step.who)! } : {})} onNext={next} />;
    case 'already':
      return (
        <section className="terminal-card" data-testid="already-redeemed">
          <h2 className="verdict verify-invalid">{t('terminal.already.title')}</h2>
          <p data-testid="already-details">
            {step.redeemedAt
              ? t('terminal.already.at', { when: format.dateTime(step.redeemedAt), point: step.pointCode ?? '', terminal: step.terminalLabel ?? '' })
              : t('terminal.already.noDetails')}
          </p>
          <button type="button" className="primary big-button" onClick={next} data-testid="next-person">
            {t('terminal.receipt.next')}
          </button>
        </section>
      );
    case 'card-found': {
      // The server's word on the card (revoked, expired, holder gone) stops the hand-over.
      const refusedCard = step.found?.source === 'server' && step.found.cardStatus !== undefined && step.found.cardStatus !== 'valid';
      return (
        <div className="stack" data-testid="card-found">
          {step.checked ? (
            <VerificationResult checked={step.checked} />
          ) : 'token' in step.who ? (
            <p className="notice notice-info" data-testid="person-identified">
              {t('terminal.lost.identified')}
            </p>
          ) : (
            <p className="notice notice-info" data-testid="card-typed">
              {t('terminal.card.typedNotVerified')}
            </p>
          )}
          <ErrorMessage error={step.error} testId="due-error" />
          {refusedCard && step.found?.source === 'server' && (
            <p className="notice notice-error" role="alert" data-testid="card-status" data-status={step.found.cardStatus}>
              {t(`terminal.card.statuses.${step.found.cardStatus as 'revoked'}`)}
            </p>
          )}
          {step.found?.source === 'none' && (
            <p className="notice notice-error" data-testid="no-offline-data">
              {t('terminal.due.noData')}
            </p>
          )}
          {step.found?.due && !refusedCard && <DueList due={step.found.due} source={step.found.source} onChoose={(due) => setStep({ kind: 'hand-over', who: step.who, due })} />}
          {!step.found && !step.error && (!step.checked || step.checked.result.valid) && <p className="loading">{t('app.loading')}</p>}
          <button type="button" className="big-button" onClick={next} data-testid="next-person">
            {t('terminal.receipt.next')}
          </button>
        </div>
      );
    }
    case 'card':
      return (
        <div className="stack" data-testid="serve-card">
          <button type="button" className="primary big-button" onClick={() => setStep({ kind: 'scanning' })} disabled={!lists.lists} data-testid="scan-start">
            {t('terminal.card.scan')}
          </button>
          {!lists.lists && <p className="hint">{t('terminal.card.noLists')}</p>}
          <form onSubmit={submitTyped} noValidate className="stack">
            <div className="field">
              <label htmlFor="card-typed">{t('terminal.card.type')}</label>
              <input
                id="card-typed"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                value={typed}
                onChange={(e) => {
                  setTyped(e.target.value);
                  setTypedProblem(undefined);
                }}
                aria-invalid={typedProblem ? true : undefined}
                data-testid="card-input"
              />
              {typedProblem && (
                <p className="field-problem" data-testid="card-problem">
                  {typedProblem}
                </p>
              )}
            </div>
            <button type="submit" className="big-button" data-testid="card-submit">
              {t('terminal.card.lookUp')}
            </button>
          </form>
          <button type="button" className="link-button" onClick={() => setStep({ kind: 'lost' })} disabled={!work.online || !sessionLive} data-testid="lost-card">
            {t('terminal.lost.open')}
          </button>
        </div>
      );
  }
}
