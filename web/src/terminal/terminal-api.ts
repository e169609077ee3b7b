/**
 * The terminal's calls to /api/terminal/*: the agent's session and CSRF token (the
 * console's client) plus the device's signature over the exact bytes sent
 * (src/distribution/protocol/terminal-protocol.ts). Enrolment alone is unsigned: the
 * device has no registered key until it succeeds.
 */
import {
  base64url,
  offlineRecordSigningText,
  requestSigningText,
  sha256Hex,
  TERMINAL_HEADERS,
  utf8,
  type RedemptionRecord,
} from '../../../src/distribution/protocol/terminal-protocol.ts';
import { apiRequest, type Method } from '../api/client.ts';
import type { DeviceIdentity } from './terminal-store.ts';
import type { DueAnswer, EnrolAnswer, IdentifyMatch, Receipt, SignedRecord, SyncResult, TerminalMe, TerminalPackage } from './terminal-types.ts';

/** How long a call may take before the terminal treats the network as gone (and queues a redemption). */
const TIMEOUT_MS = 15_000;

/** A new key pair for this device: the private key cannot be exported, not even by this app. */
export async function newDeviceKeys(): Promise<{ privateKey: CryptoKey; publicKey: string }> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: base64url(raw) };
}

const sign = async (key: CryptoKey, text: string) => base64url(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key, utf8(text) as BufferSource)));

export const signRecord = (key: CryptoKey, record: RedemptionRecord) => sign(key, offlineRecordSigningText(record));

async function signed<T>(device: DeviceIdentity, method: Method, pathWithQuery: string, body?: unknown): Promise<T> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const signedAt = new Date().toISOString();
  const signature = await sign(
    device.privateKey,
    requestSigningText({ terminalId: device.terminalId, method, pathWithQuery, signedAt, bodySha256: await sha256Hex(text) }),
  );
  return apiRequest<T>(method, pathWithQuery, {
    headers: { [TERMINAL_HEADERS.terminal]: device.terminalId, [TERMINAL_HEADERS.signedAt]: signedAt, [TERMINAL_HEADERS.signature]: signature },
    ...(body === undefined ? {} : { raw: { content: text, contentType: 'application/json' } }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
}

export const enrolDevice = (enrolmentCode: string, publicKey: string) =>
  apiRequest<EnrolAnswer>('POST', '/api/terminal/enrol', { body: { enrolmentCode, publicKey }, signal: AbortSignal.timeout(TIMEOUT_MS) });

export const fetchTerminalMe = (device: DeviceIdentity) => signed<TerminalMe>(device, 'GET', '/api/terminal/me');

export const fetchDue = (device: DeviceIdentity, card: { card: string } | { token: string }) => {
  const query = 'card' in card ? `card=${encodeURIComponent(card.card)}` : `token=${encodeURIComponent(card.token)}`;
  return signed<DueAnswer>(device, 'GET', `/api/terminal/due?${query}`);
};

export const postRedemption = (device: DeviceIdentity, signedRecord: SignedRecord) => signed<Receipt>(device, 'POST', '/api/terminal/redemptions', signedRecord);

export const fetchPackage = (device: DeviceIdentity) => signed<TerminalPackage>(device, 'GET', '/api/terminal/package');

export const postSync = (device: DeviceIdentity, records: SignedRecord[]) => signed<{ results: SyncResult[] }>(device, 'POST', '/api/terminal/sync', { records });

export const fetchReceipt = (device: DeviceIdentity, redemptionId: string) => signed<Receipt>(device, 'GET', `/api/terminal/receipts/${encodeURIComponent(redemptionId)}`);

export const identifyPerson = (device: DeviceIdentity, query: { givenNames: string; familyNames: string; birthDate?: string; reason: string }) =>
  signed<{ matches: IdentifyMatch[] }>(device, 'POST', '/api/terminal/identify', query);
