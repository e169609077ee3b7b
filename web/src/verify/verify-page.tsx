import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { verifyCard } from '../../../src/credentials/codec/verify-card.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { CONSOLE_HOME, LOGIN_PATH } from '../console/console-pages.ts';
import { Link } from '../router/link.tsx';
import { ListsPanel } from './lists-panel.tsx';
import { prepareScanner, QrScanner } from './qr-scanner.tsx';
import { useVerificationLists } from './use-verification-lists.ts';
import { nowSeconds, usableStatusList } from './verification-lists.ts';
import { VerificationResult, type CheckedCard } from './verification-result.tsx';

/**
 * What a reader or a paste adds around the code's text: line breaks and tabs are
 * never part of base45 (a space is, so spaces are kept).
 */
const cleanText = (text: string) => text.replace(/[\r\n\t]/g, '');

/**
 * The public card verifier, for a phone: no login, and once the lists are downloaded
 * no network either. The card is checked here, in the browser, by the same codec the
 * server uses; nothing about the card is sent anywhere.
 */
export function VerifyPage({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const { state, refresh, trustOfferedAnchor } = useVerificationLists();
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [checked, setChecked] = useState<CheckedCard>();
  const [anchorTrusted, setAnchorTrusted] = useState(false);
  const lists = state.lists;

  // The decoder chunk loads now, while there is network, so that scanning works offline later.
  useEffect(() => {
    prepareScanner().catch(() => undefined);
  }, []);

  const verify = (qrText: string) => {
    const cleaned = cleanText(qrText);
    if (!cleaned.trim()) {
      setEmpty(true);
      return;
    }
    if (!lists) return;
    const now = nowSeconds();
    setChecked({
      result: verifyCard(cleaned, { trust: lists.trust, statusList: usableStatusList(lists, now), now }),
      checkedAt: new Date(now * 1000).toISOString(),
      listsFrom: lists.downloadedAt,
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    verify(text);
  };

  const onScanned = (scanned: string) => {
    setScanning(false);
    setText(scanned);
    setEmpty(false);
    verify(scanned);
  };

  const onTrust = (typed: string) => {
    const trusted = trustOfferedAnchor(typed);
    setAnchorTrusted(trusted);
    return trusted;
  };

  return (
    <div className="public-page verify-page">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="public-header verify-header">
        <Link to={signedIn ? CONSOLE_HOME : LOGIN_PATH} className="brand" data-testid="brand">
          {t('app.name')}
        </Link>
        <LanguageSwitch />
      </header>
      <main id="main" className="verify-main" data-testid="verify-page">
        <PageHeading title={t('verify.title')} testId="verify-title" />
        <ListsPanel state={state} onRefresh={() => void refresh()} onTrustAnchor={onTrust} />
        {anchorTrusted && !state.problem && (
          <p className="notice notice-ok" role="status" data-testid="anchor-trusted">
            {t('verify.anchor.trusted')}
          </p>
        )}

        {checked && <VerificationResult checked={checked} />}

        <section className="verify-input" aria-label={t('verify.input.label')}>
          {scanning ? (
            <QrScanner onFound={onScanned} onClose={() => setScanning(false)} />
          ) : (
            <button
              type="button"
              className="primary big-button"
              onClick={() => {
                setChecked(undefined);
                setScanning(true);
              }}
              disabled={!lists}
              data-testid="scan-start"
            >
              {t('verify.camera.start')}
            </button>
          )}
          <form onSubmit={submit} noValidate className="verify-form">
            <div className="field">
              <label htmlFor="verify-text">{t('verify.input.label')}</label>
              <textarea
                id="verify-text"
                rows={4}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  setEmpty(false);
                  setChecked(undefined);
                }}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                aria-invalid={empty || undefined}
                aria-describedby={empty ? 'verify-text-hint verify-text-problem' : 'verify-text-hint'}
                data-testid="verify-text"
              />
              <p className="hint" id="verify-text-hint">
                {t('verify.input.hint')}
              </p>
              {empty && (
                <p className="field-problem" id="verify-text-problem" data-testid="verify-text-problem">
                  {t('verify.input.empty')}
                </p>
              )}
            </div>
            <button type="submit" className="primary big-button" disabled={!lists} data-testid="verify-submit">
              {t('verify.input.submit')}
            </button>
            {!lists && (
              <p className="hint" data-testid="verify-needs-lists">
                {t('verify.input.needsLists')}
              </p>
            )}
          </form>
        </section>

        <footer className="verify-footer">
          <p className="muted small">{t('verify.intro')}</p>
          <p className="small">
            <Link to={signedIn ? CONSOLE_HOME : LOGIN_PATH} data-testid="verify-console-link">
              {signedIn ? t('verify.toConsole') : t('verify.signIn')}
            </Link>
          </p>
        </footer>
      </main>
    </div>
  );
}
