import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { logOut } from '../api/auth.ts';
import { ApiError } from '../api/client.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { Loading } from '../components/loading.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { EnrolScreen } from './enrol-screen.tsx';
import { installTerminalApp } from './install-terminal.ts';
import { ServeScreen } from './serve-screen.tsx';
import { SyncPanel } from './sync-panel.tsx';
import { TerminalSignIn, type SignedIn } from './terminal-sign-in.tsx';
import { clearCache, readDevice, wipeDevice, type DeviceIdentity } from './terminal-store.ts';
import { TerminalVault, type Journal } from './terminal-vault.ts';
import { useTerminalWork } from './use-terminal-work.ts';
import { useSession } from '../session/session.tsx';
import './terminal.css';

type Phase =
  | { kind: 'loading' }
  | { kind: 'revoked' }
  | { kind: 'signIn'; device?: DeviceIdentity; knownUsername?: string }
  | { kind: 'enrol'; signedIn: Extract<SignedIn, { kind: 'online' }> }
  | { kind: 'blocked'; waiting: number }
  | { kind: 'ready'; device: DeviceIdentity; vault: TerminalVault; journal: Journal; sessionLive: boolean };

/**
 * The distribution terminal (/terminal): installable, works offline. The device is
 * enrolled once (its own key pair); each agent signs in, which also unlocks the
 * encrypted cache; then one person after another is served, online or from the cache.
 */
export function TerminalApp() {
  const { t } = useTranslation();
  const { state: session } = useSession();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const signedInAgent = session.status === 'signed_in' && session.me.role === 'distribution_agent' ? session.me : undefined;

  useEffect(() => {
    installTerminalApp();
    readDevice('identity').then(
      (device) => setPhase({ kind: 'signIn', ...(device ? { device } : {}) }),
      () => setPhase({ kind: 'signIn' }),
    );
  }, []);

  const start = useCallback(async (device: DeviceIdentity, signedIn: SignedIn) => {
    let vault: TerminalVault;
    let sessionLive = false;
    let agent: Journal['agent'];
    if (signedIn.kind === 'session') {
      vault = signedIn.vault;
      sessionLive = true;
      agent = { id: signedIn.me.id, name: signedIn.me.displayName, username: signedIn.me.username };
    } else if (signedIn.kind === 'online') {
      const outcome = await TerminalVault.establish({ id: signedIn.me.id, username: signedIn.me.username }, signedIn.password);
      if (outcome.kind === 'blocked') return setPhase({ kind: 'blocked', waiting: outcome.waiting });
      vault = outcome.vault;
      sessionLive = true;
      agent = { id: signedIn.me.id, name: signedIn.me.displayName, username: signedIn.me.username };
    } else {
      vault = signedIn.vault;
      const kept = await vault.readJournal();
      if (kept?.agent.id !== vault.agentId) throw new Error('an unlocked vault without its journal');
      agent = kept.agent;
    }
    const kept = await vault.readJournal();
    const journal: Journal = { conflicts: [], ...kept, agent };
    await vault.writeJournal(journal);
    setPhase({ kind: 'ready', device, vault, journal, sessionLive });
  }, []);

  const onSignedIn = useCallback(
    async (signedIn: SignedIn) => {
      const device = await readDevice('identity');
      if (device) return start(device, signedIn);
      if (signedIn.kind === 'online') return setPhase({ kind: 'enrol', signedIn });
    },
    [start],
  );

  const onFatal = useCallback((error: ApiError) => {
    if (error.code === 'TERMINAL_REVOKED') {
      void wipeDevice().finally(() => setPhase({ kind: 'revoked' }));
    } else {
      setPhase((p) => (p.kind === 'ready' ? { ...p, sessionLive: false } : p));
    }
  }, []);

  const lock = useCallback(async (forGood: boolean) => {
    if (forGood) await clearCache();
    await logOut().catch(() => undefined);
    const device = await readDevice('identity');
    setPhase({ kind: 'signIn', ...(device ? { device } : {}) });
  }, []);

  return (
    <div className="terminal" data-testid="terminal" data-phase={phase.kind}>
      <header className="terminal-header">
        <span className="brand">{t('terminal.name')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="terminal-main">
        <PageHeading title={t('terminal.title')} testId="terminal-title" />
        {phase.kind === 'loading' && <Loading />}
        {phase.kind === 'revoked' && (
          <p className="notice notice-error" role="alert" data-testid="terminal-revoked">
            {t('terminal.revoked')}
          </p>
        )}
        {phase.kind === 'signIn' && (
          <>
            {!phase.device && <p className="notice notice-info" data-testid="terminal-not-enrolled">{t('terminal.enrol.needed')}</p>}
            {phase.device && <p className="muted" data-testid="terminal-point">{t('terminal.point', { name: phase.device.point.name, code: phase.device.point.code })}</p>}
            <TerminalSignIn
              onSignedIn={onSignedIn}
              {...(phase.knownUsername ? { knownUsername: phase.knownUsername } : {})}
              {...(signedInAgent ? { session: signedInAgent } : {})}
            />
          </>
        )}
        {phase.kind === 'enrol' && <EnrolScreen onEnrolled={(device) => start(device, phase.signedIn)} />}
        {phase.kind === 'blocked' && (
          <div className="stack">
            <p className="notice notice-error" role="alert" data-testid="terminal-blocked">
              {t('terminal.blocked', { count: phase.waiting })}
            </p>
            <button type="button" className="big-button" onClick={() => void lock(false)} data-testid="terminal-sign-out">
              {t('terminal.signOut')}
            </button>
          </div>
        )}
        {phase.kind === 'ready' && (
          <Working
            key={phase.vault.agentId}
            phase={phase}
            onFatal={onFatal}
            onLock={lock}
            onSignInAgain={() => setPhase({ kind: 'signIn', device: phase.device, knownUsername: phase.journal.agent.username })}
          />
        )}
      </main>
    </div>
  );
}

function Working({
  phase,
  onFatal,
  onLock,
  onSignInAgain,
}: {
  phase: Extract<Phase, { kind: 'ready' }>;
  onFatal: (error: ApiError) => void;
  onLock: (forGood: boolean) => Promise<void>;
  onSignInAgain: () => void;
}) {
  const { t } = useTranslation();
  const work = useTerminalWork(phase.device, phase.vault, phase.journal, phase.sessionLive, onFatal);
  const { journal } = work;
  return (
    <div className="stack">
      <div className="terminal-status" data-testid="terminal-status" data-online={work.online}>
        <p>
          <strong data-testid="terminal-point">{t('terminal.point', { name: phase.device.point.name, code: phase.device.point.code })}</strong>
          {journal.terminalLabel ? ` · ${journal.terminalLabel}` : ''}
        </p>
        <p>
          <span data-testid="terminal-agent">{journal.agent.name}</span> ·{' '}
          <span className={work.online ? 'online-badge' : 'offline-badge'} data-testid="terminal-network">
            {work.online ? t('terminal.online') : t('terminal.offline')}
          </span>
        </p>
        <p className="small muted" data-testid="package-status">
          {work.pkg ? t('terminal.package.kept', { count: work.pkg.entitlements.length }) : t('terminal.package.none')}
        </p>
      </div>
      <ServeScreen
        device={phase.device}
        vault={phase.vault}
        work={work}
        sessionLive={phase.sessionLive}
        agent={journal.agent}
        pointName={phase.device.point.name}
        onFatal={onFatal}
      />
      <SyncPanel work={work} sessionLive={phase.sessionLive} onSignInAgain={onSignInAgain} />
      <div className="terminal-actions no-print">
        <button type="button" className="big-button" onClick={() => void onLock(false)} data-testid="terminal-sign-out">
          {t('terminal.signOut')}
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => void onLock(true)}
          disabled={work.queue.length > 0}
          title={work.queue.length > 0 ? t('terminal.forgetWaits') : undefined}
          data-testid="terminal-forget"
        >
          {t('terminal.forget')}
        </button>
      </div>
    </div>
  );
}
