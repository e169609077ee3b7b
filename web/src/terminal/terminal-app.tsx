import { useCallback, useEffect, useRef, useState } from 'react';
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
import { clearCache, readDevice, readQueue, type DeviceIdentity } from './terminal-store.ts';
import { settleRevokedDevice, type RevokedOutcome } from './terminal-actions.ts';
import { RevokedRefused } from './revoked-refused.tsx';
import type { QueuedRecord } from './redemption-queue.ts';
import { TerminalVault, type Journal } from './terminal-vault.ts';
import { useTerminalWork } from './use-terminal-work.ts';
import { useSession } from '../session/session.tsx';
import './terminal.css';

type Phase =
  | { kind: 'loading' }
  /** Revoked, and nothing is left on the device; `sent`: the records that reached the server on the way out. */
  | { kind: 'revoked'; sent: number }
  /** Revoked: sending what waits before deleting it. */
  | { kind: 'revokedSending' }
  /** Revoked: the server answered every record but refused these; they stay until the agent erases the device. */
  | { kind: 'revokedRefused'; refused: QueuedRecord[] }
  /** `revokedWaiting`: a revoked device whose records (so many) wait for an online sign-in to be sent. */
  | { kind: 'signIn'; device?: DeviceIdentity; knownUsername?: string; revokedWaiting?: number }
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

  // A revocation is handled once, however many requests learn of it at the same time.
  const settling = useRef(false);
  const settleRevoked = useCallback(async (device: DeviceIdentity, unlocked: { vault: TerminalVault; journal: Journal } | undefined, sessionLive: boolean) => {
    if (settling.current) return;
    settling.current = true;
    setPhase({ kind: 'revokedSending' });
    let outcome: RevokedOutcome;
    try {
      outcome = await settleRevokedDevice(device, unlocked, sessionLive);
    } catch {
      // The device's storage failed: nothing was deleted that had not been answered; count what waits.
      outcome = { kind: 'waiting', waiting: (await readQueue().catch(() => [])).length };
    } finally {
      settling.current = false;
    }
    if (outcome.kind === 'wiped') setPhase({ kind: 'revoked', sent: outcome.sent });
    else if (outcome.kind === 'refused') setPhase({ kind: 'revokedRefused', refused: outcome.refused });
    else setPhase({ kind: 'signIn', device, revokedWaiting: outcome.waiting, ...(unlocked ? { knownUsername: unlocked.journal.agent.username } : {}) });
  }, []);

  useEffect(() => {
    installTerminalApp();
    Promise.all([readDevice('identity'), readDevice('revoked'), readQueue()]).then(
      ([device, revoked, queue]) => {
        // Revoked with nothing left to send (the wipe was interrupted): finish it.
        if (device && revoked && queue.length === 0) return void settleRevoked(device, undefined, false);
        setPhase({ kind: 'signIn', ...(device ? { device } : {}), ...(device && revoked ? { revokedWaiting: queue.length } : {}) });
      },
      () => setPhase({ kind: 'signIn' }),
    );
  }, [settleRevoked]);

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
    // A device known to be revoked serves no one: it only sends what it kept.
    if (await readDevice('revoked')) return settleRevoked(device, { vault, journal }, sessionLive);
    setPhase({ kind: 'ready', device, vault, journal, sessionLive });
  }, [settleRevoked]);

  const onSignedIn = useCallback(
    async (signedIn: SignedIn) => {
      const device = await readDevice('identity');
      if (device) return start(device, signedIn);
      if (signedIn.kind === 'online') return setPhase({ kind: 'enrol', signedIn });
    },
    [start],
  );

  const current = useRef(phase);
  current.current = phase;
  const onFatal = useCallback(
    (error: ApiError) => {
      const p = current.current;
      if (error.code === 'TERMINAL_REVOKED' && p.kind === 'ready') {
        // The server checked the session before it refused the terminal: send the queue, then forget.
        void settleRevoked(p.device, { vault: p.vault, journal: p.journal }, true);
      } else if (error.code !== 'TERMINAL_REVOKED') {
        setPhase((q) => (q.kind === 'ready' ? { ...q, sessionLive: false } : q));
      }
    },
    [settleRevoked],
  );

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
          <p className="notice notice-error" role="alert" data-testid="terminal-revoked" data-sent={phase.sent}>
            {t('terminal.revoked')}
            {phase.sent > 0 && <> {t('terminal.revokedSent', { count: phase.sent })}</>}
          </p>
        )}
        {phase.kind === 'revokedSending' && (
          <p className="notice notice-info" role="status" data-testid="terminal-revoked-sending">
            {t('terminal.revokedSending')}
          </p>
        )}
        {phase.kind === 'revokedRefused' && <RevokedRefused refused={phase.refused} onErased={() => setPhase({ kind: 'revoked', sent: 0 })} />}
        {phase.kind === 'signIn' && (
          <>
            {!phase.device && <p className="notice notice-info" data-testid="terminal-not-enrolled">{t('terminal.enrol.needed')}</p>}
            {phase.revokedWaiting !== undefined && (
              <p className="notice notice-error" role="alert" data-testid="terminal-revoked-pending" data-waiting={phase.revokedWaiting}>
                {t('terminal.revokedPending', { count: phase.revokedWaiting })}
              </p>
            )}
            {phase.device && phase.revokedWaiting === undefined && <p className="muted" data-testid="terminal-point">{t('terminal.point', { name: phase.device.point.name, code: phase.device.point.code })}</p>}
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
