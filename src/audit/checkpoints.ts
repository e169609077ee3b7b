import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { InstallationKeys } from '../keys/service.ts';
import { SYSTEM_ACTOR, writeAudit, type AuditActor } from './write-audit.ts';
import { canonicalJson } from './chain.ts';
import { chainHeads, countEntries, findEntryAt, insertCheckpoint, listCheckpoints } from './store.ts';

export const CheckpointPayload = z.object({
  type: z.literal('amparo.audit-checkpoint'),
  issuer: z.string(),
  at: z.string(),
  count: z.number().int().nonnegative(),
  heads: z.array(z.object({ chain: z.number().int(), seq: z.number().int(), hash: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type CheckpointPayload = z.infer<typeof CheckpointPayload>;

export const parseCheckpointPayload = (text: string) => CheckpointPayload.parse(JSON.parse(text));

/**
 * Signs the current heads of every chain with the installation's checkpoint key and
 * stores the statement for publication. The checkpoint itself is audited, and that
 * entry comes after the heads it signs (it is covered by the next checkpoint).
 */
export async function makeCheckpoint(db: Db, keys: InstallationKeys, issuer: string, actor: AuditActor = SYSTEM_ACTOR) {
  const key = await keys.current('checkpoint');
  // One snapshot, so the count and the heads describe the same moment.
  const { heads, count } = await db.transaction().setIsolationLevel('repeatable read').execute(async (tx) => {
    const heads = [];
    for (const { chain, seq } of await chainHeads(tx)) {
      const row = await findEntryAt(tx, chain, Number(seq));
      if (row) heads.push({ chain, seq: row.seq, hash: row.hash.toString('hex') });
    }
    return { heads, count: await countEntries(tx) };
  });
  const at = new Date();
  const payload = canonicalJson({ type: 'amparo.audit-checkpoint', issuer, at: at.toISOString(), count, heads });
  const signature = key.sign(Buffer.from(payload));
  const { id } = await insertCheckpoint(db, { at, entry_count: count, payload, kid: key.kid, signature });
  await writeAudit(db, {
    actor,
    purpose: 'oversight',
    action: 'audit.checkpoint',
    subject: { type: 'audit_checkpoint', id: String(id) },
    summary: { count },
  });
  return { id, at, payload, kid: key.kid, signature };
}

/** True when entries were written since the newest checkpoint (beyond that checkpoint's own entry). */
export async function checkpointDue(db: Db) {
  const [latest] = await listCheckpoints(db, 1);
  const count = await countEntries(db);
  return latest ? count > Number(latest.entry_count) + 1 : count > 0;
}

export const publishedCheckpoint = (row: { id: number; at: Date; payload: string; kid: string; signature: Buffer }) => ({
  id: row.id,
  at: row.at.toISOString(),
  payload: row.payload,
  kid: row.kid,
  signature: row.signature.toString('base64url'),
});
