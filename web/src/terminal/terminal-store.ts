/**
 * The terminal's IndexedDB: the device's identity (its non-extractable Ed25519 private
 * key as a CryptoKey, which IndexedDB stores without ever exposing its bytes), the
 * wrapped cache keys, and sealed (encrypted) values: the package, the journal, the
 * queue of signed records and the device's own pickups. Nothing here is in clear but
 * the terminal id, the point and the wrapped keys.
 */
import type { Sealed, WrappedKey } from './vault-crypto.ts';

/** A wrapping of the cache key, found by the username typed at sign-in. */
export type StoredWrapping = WrappedKey & { username: string };
import type { PointSummary } from './terminal-types.ts';

const DB_NAME = 'amparo-terminal';
const VERSION = 1;
const DEVICE = 'device';
const QUEUE = 'queue';
const SPENDS = 'spends';

export interface DeviceIdentity {
  terminalId: string;
  privateKey: CryptoKey;
  /** base64url raw public key, as enrolled. */
  publicKey: string;
  point: PointSummary;
  enrolledAt: string;
}

/** A queued record as stored: sealed, with the time it was queued in clear for ordering. */
export interface QueueRow {
  id: string;
  queuedAt: string;
  sealed: Sealed;
}

export interface SpendRow {
  id: string;
  sealed: Sealed;
}

type DeviceKey = 'identity' | 'wrappings' | 'package' | 'journal' | 'revoked';
export interface DeviceValues {
  identity: DeviceIdentity;
  wrappings: StoredWrapping[];
  package: Sealed;
  journal: Sealed;
  /** Set when the server answered TERMINAL_REVOKED while records still waited: the device serves no one any more, it only sends them. */
  revoked: { learnedAt: string };
}

let opening: Promise<IDBDatabase> | undefined;

function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(DEVICE)) db.createObjectStore(DEVICE);
      if (!db.objectStoreNames.contains(QUEUE)) db.createObjectStore(QUEUE, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(SPENDS)) db.createObjectStore(SPENDS, { keyPath: 'id' });
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab deleting the database (a revocation) closes this connection.
      db.onversionchange = () => {
        db.close();
        opening = undefined;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  });
  opening.catch(() => (opening = undefined));
  return opening;
}

const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });

const result = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

export async function readDevice<K extends DeviceKey>(key: K): Promise<DeviceValues[K] | undefined> {
  const db = await openDb();
  return (await result(db.transaction(DEVICE).objectStore(DEVICE).get(key))) as DeviceValues[K] | undefined;
}

export async function writeDevice<K extends DeviceKey>(key: K, value: DeviceValues[K]): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(DEVICE, 'readwrite');
  tx.objectStore(DEVICE).put(value, key);
  await done(tx);
}

export async function removeDevice(keys: DeviceKey[]): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(DEVICE, 'readwrite');
  for (const key of keys) tx.objectStore(DEVICE).delete(key);
  await done(tx);
}

/** The record and the pickup it makes, in one transaction: both are kept, or neither. Resolves once durable. */
export async function addQueuedRecord(row: QueueRow, spend: SpendRow): Promise<void> {
  const db = await openDb();
  const tx = db.transaction([QUEUE, SPENDS], 'readwrite', { durability: 'strict' });
  tx.objectStore(QUEUE).put(row);
  tx.objectStore(SPENDS).put(spend);
  await done(tx);
}

export async function readQueue(): Promise<QueueRow[]> {
  const db = await openDb();
  return (await result(db.transaction(QUEUE).objectStore(QUEUE).getAll())) as QueueRow[];
}

/** Removes settled records and rewrites the spends they made, in one transaction. */
export async function settleQueued(removeIds: string[], rewrite: QueueRow[], spends: SpendRow[]): Promise<void> {
  const db = await openDb();
  const tx = db.transaction([QUEUE, SPENDS], 'readwrite', { durability: 'strict' });
  for (const id of removeIds) tx.objectStore(QUEUE).delete(id);
  for (const row of rewrite) tx.objectStore(QUEUE).put(row);
  for (const spend of spends) tx.objectStore(SPENDS).put(spend);
  await done(tx);
}

export async function readSpends(): Promise<SpendRow[]> {
  const db = await openDb();
  return (await result(db.transaction(SPENDS).objectStore(SPENDS).getAll())) as SpendRow[];
}

export async function writeSpends(put: SpendRow[], remove: string[]): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(SPENDS, 'readwrite');
  for (const spend of put) tx.objectStore(SPENDS).put(spend);
  for (const id of remove) tx.objectStore(SPENDS).delete(id);
  await done(tx);
}

/** Everything the device holds except its identity: the cache, the queue, the keys (cycle over, or the agent left for good). */
export async function clearCache(): Promise<void> {
  const db = await openDb();
  const tx = db.transaction([DEVICE, QUEUE, SPENDS], 'readwrite');
  tx.objectStore(DEVICE).delete('wrappings');
  tx.objectStore(DEVICE).delete('package');
  tx.objectStore(DEVICE).delete('journal');
  tx.objectStore(QUEUE).clear();
  tx.objectStore(SPENDS).clear();
  await done(tx);
}

/**
 * A revoked device that still holds records: the point's package and the pickups are
 * deleted at once; the queue (sealed), the identity that signs its sync and the
 * wrapped keys that open it stay until the server has every record.
 */
export async function forgetOfflineData(learnedAt: Date): Promise<void> {
  const db = await openDb();
  const tx = db.transaction([DEVICE, SPENDS], 'readwrite', { durability: 'strict' });
  tx.objectStore(DEVICE).put({ learnedAt: learnedAt.toISOString() }, 'revoked');
  tx.objectStore(DEVICE).delete('package');
  tx.objectStore(SPENDS).clear();
  await done(tx);
}

/** Deletes the whole database, identity included (the device was revoked and nothing of it waits). */
export async function wipeDevice(): Promise<void> {
  const db = await openDb().catch(() => undefined);
  db?.close();
  opening = undefined;
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve(); // deleted once the other tabs close their connections
  });
}
