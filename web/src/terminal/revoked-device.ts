/**
 * What a revoked device does with what it holds, as data. A device is revoked because
 * it was lost or stolen, by mistake, or when it is retired; the records in its queue
 * are pickups that really happened, so they must reach a supervisor before the device
 * forgets them: the server still takes a revoked terminal's sync (as conflicts, never
 * redemptions). Nothing the server has not answered is ever deleted. Pure.
 */
import type { QueuedRecord } from './redemption-queue.ts';

export type RevokedStep =
  /** Nothing waits: delete everything, the identity and the keys included. */
  | { kind: 'wipe' }
  /** Records wait and an agent's session is live: send them all once (refused ones too: the server answers a revoked device's records by other rules). */
  | { kind: 'send' }
  /** Records the server has not answered wait for an agent to sign in online: keep them sealed, and the keys; forget the point's data. */
  | { kind: 'waitForSignIn'; waiting: number }
  /** The server answered every record but refused some, with why: keep them for a supervisor to see; only the agent's explicit word erases the device. */
  | { kind: 'keepRefused'; refused: QueuedRecord[] };

/**
 * The next step for a revoked device, given its queue, whether an agent's session is
 * live, and whether the queue was sent since the revocation was learnt.
 */
export function revokedDeviceStep(queue: readonly QueuedRecord[], o: { sessionLive: boolean; sent: boolean }): RevokedStep {
  if (queue.length === 0) return { kind: 'wipe' };
  if (o.sessionLive && !o.sent) return { kind: 'send' };
  const waiting = queue.filter((q) => !q.refused).length;
  if (waiting > 0) return { kind: 'waitForSignIn', waiting };
  return { kind: 'keepRefused', refused: [...queue] };
}
