import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { freshDatabase, testEngines, type TestDatabase } from '../../test/support/databases.ts';
import type { Schema } from '../db/schema.ts';
import { ACCOUNT_KINDS, accountCode, parseAccount } from './chart.ts';
import { post } from './post.ts';
import { collectionPosting } from './posting-templates.ts';
import { reverse } from './reverse.ts';

/**
 * What the database refuses whatever the application does: these cases write raw SQL,
 * as an intruder or a buggy script would, and expect the database to say no.
 */

const CASH = 'point:PDA-AN-01:cash';
const COLLECTED = 'program:food-box:cycle:2026-12:collected';
type Line = [account: string, currency: string, side: 'debit' | 'credit', amount: string];

const balanced: Line[] = [
  [CASH, 'VES', 'debit', '10.00'],
  [COLLECTED, 'VES', 'credit', '10.00'],
];

for (const engine of testEngines()) {
  describe(`ledger in the database (${engine})`, () => {
    let database: TestDatabase;
    const db = () => database.db;
    const count = async (table: 'ledger_posting' | 'ledger_line') => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db())).rows[0]!.n);

    /** Writes a posting and its lines with plain INSERTs, one statement each, in one transaction. */
    async function rawPosting(lines: Line[], options: { lineCount?: number; kind?: string; reverses?: string; before?: (tx: Kysely<Schema>) => Promise<void> } = {}) {
      const id = randomUUID();
      await db().transaction().execute(async (tx) => {
        await options.before?.(tx);
        await sql`INSERT INTO ledger_posting (id, idempotency_key, request_hash, kind, line_count, effective_at, reverses, point_code)
          VALUES (${id}::uuid, ${`raw:${id}`}, ${Buffer.alloc(32)}, ${options.kind ?? 'collection'}, ${options.lineCount ?? lines.length}, now(), ${options.reverses ?? null}::uuid, 'PDA-AN-01')`.execute(tx);
        let n = 0;
        for (const [account, currency, side, amount] of lines) {
          await sql`INSERT INTO ledger_account (code, currency, type) VALUES (${account}, ${currency}, ${account.startsWith('program:') ? 'income' : 'asset'}) ON CONFLICT DO NOTHING`.execute(tx);
          await sql`INSERT INTO ledger_line (posting_id, line_no, line_count, account, currency, side, amount)
            VALUES (${id}::uuid, ${++n}, ${options.lineCount ?? lines.length}, ${account}, ${currency}, ${side}, ${amount}::numeric)`.execute(tx);
        }
      });
      return id;
    }

    before(async () => {
      database = await freshDatabase(engine);
    });
    after(() => database.close());

    it('accepts a balanced posting written by hand', async () => {
      const id = await rawPosting(balanced);
      assert.equal(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ledger_line WHERE posting_id = ${id}::uuid`.execute(db())).rows[0]!.n), 2);
    });

    it('refuses to commit a posting that does not balance, in total or in one currency', async () => {
      const [postings, lines] = [await count('ledger_posting'), await count('ledger_line')];
      await assert.rejects(rawPosting([[CASH, 'VES', 'debit', '10.00'], [COLLECTED, 'VES', 'credit', '9.99']]), /does not balance: VES debits 10\.00, credits 9\.99/);
      await assert.rejects(
        rawPosting([[CASH, 'VES', 'debit', '10.00'], [COLLECTED, 'USD', 'credit', '10.00']]),
        /does not balance: USD debits 0(\.00)?, credits 10\.00; VES debits 10\.00, credits 0(\.00)?/,
      );
      await assert.rejects(rawPosting([[CASH, 'VES', 'debit', '10.00'], [CASH, 'VES', 'debit', '10.00']]), /does not balance/);
      assert.deepEqual([await count('ledger_posting'), await count('ledger_line')], [postings, lines]);
    });

    it('refuses a posting with missing lines, with none, or with one', async () => {
      await assert.rejects(rawPosting(balanced.slice(0, 1), { lineCount: 2 }), /declares 2 lines but has 1/);
      await assert.rejects(rawPosting([], { lineCount: 2 }), /declares 2 lines but has 0/);
      await assert.rejects(rawPosting(balanced.slice(0, 1)), /line_count|check constraint/);
    });

    it('checks at once too: with constraints made immediate, a posting must arrive with its lines in one statement', async () => {
      await assert.rejects(
        rawPosting(balanced, { before: (tx) => sql`SET CONSTRAINTS ALL IMMEDIATE`.execute(tx).then(() => undefined) }),
        /declares 2 lines but has 0/,
      );
      await db().transaction().execute(async (tx) => {
        await sql`SET CONSTRAINTS ALL IMMEDIATE`.execute(tx);
        await post(tx, collectionPosting({ idempotencyKey: randomUUID(), cycle: { id: randomUUID(), programCode: 'food-box', period: '2026-12' }, point: 'PDA-AN-01', currency: 'VES', amount: '3.00', method: 'cash' }));
      });
    });

    it('never lets a line join a posting after the fact', async () => {
      const id = await rawPosting(balanced);
      const addLine = (lineNo: number, lineCount: number) =>
        sql`INSERT INTO ledger_line (posting_id, line_no, line_count, account, currency, side, amount) VALUES (${id}::uuid, ${lineNo}, ${lineCount}, ${CASH}, 'VES', 'debit', 1.00)`.execute(db());
      await assert.rejects(addLine(3, 2), /check constraint/);
      await assert.rejects(addLine(3, 3), /foreign key/);
      await assert.rejects(addLine(2, 2), /duplicate key|unique/);
    });

    it('takes only positive amounts with exactly two places', async () => {
      for (const amount of ['0.005', '5', '5.1', '0.00', '-10.00', '10000000000000000.00']) {
        await assert.rejects(rawPosting([[CASH, 'VES', 'debit', amount], [COLLECTED, 'VES', 'credit', amount]]), /check constraint/, amount);
      }
    });

    it('posts only to accounts of the chart, opened in the line\'s currency', async () => {
      await assert.rejects(
        sql`INSERT INTO ledger_account (code, currency, type) VALUES ('point:PDA-AN-01:vault', 'VES', 'asset')`.execute(db()),
        /check constraint/,
      );
      await assert.rejects(sql`INSERT INTO ledger_account (code, currency, type) VALUES (${CASH}, 'VES', 'income')`.execute(db()), /check constraint|duplicate/);
      // Lines in a currency their accounts were never opened in.
      const id = randomUUID();
      await assert.rejects(
        db().transaction().execute(async (tx) => {
          await sql`INSERT INTO ledger_posting (id, idempotency_key, request_hash, kind, line_count, effective_at) VALUES (${id}::uuid, ${id}, ${Buffer.alloc(32)}, 'deposit', 2, now())`.execute(tx);
          await sql`INSERT INTO ledger_line (posting_id, line_no, line_count, account, currency, side, amount) VALUES
            (${id}::uuid, 1, 2, 'treasury:main', 'USD', 'debit', 4.00),
            (${id}::uuid, 2, 2, ${CASH}, 'USD', 'credit', 4.00)`.execute(tx);
        }),
        /uses accounts that are not open: point:PDA-AN-01:cash in USD, treasury:main in USD/,
      );
    });

    it('knows the same chart as the service: each kind of account with its type, and no other', async () => {
      const samples = [accountCode.pointCash('PDA-X.1'), accountCode.pointMobile('PDA-X.1'), accountCode.pointDiscrepancy('PDA-X.1'), accountCode.programCollected('food-box', '2026-W01'), accountCode.treasury('central')];
      assert.deepEqual(new Set(samples.map((c) => parseAccount(c, 'code').kind)), new Set(Object.keys(ACCOUNT_KINDS)));
      for (const code of samples) {
        const { type } = parseAccount(code, 'code');
        for (const other of ['asset', 'liability', 'income', 'expense'].filter((t) => t !== type)) {
          await assert.rejects(sql`INSERT INTO ledger_account (code, currency, type) VALUES (${code}, 'XAM', ${other})`.execute(db()), /check constraint/, `${code} as ${other}`);
        }
        await sql`INSERT INTO ledger_account (code, currency, type) VALUES (${code}, 'XAM', ${type})`.execute(db());
      }
    });

    it('refuses UPDATE, DELETE and TRUNCATE of postings, lines and accounts', async () => {
      const id = await rawPosting(balanced);
      await assert.rejects(sql`UPDATE ledger_line SET amount = 11.00 WHERE posting_id = ${id}::uuid`.execute(db()), /append-only: UPDATE refused/);
      await assert.rejects(sql`UPDATE ledger_posting SET memo = 'editado' WHERE id = ${id}::uuid`.execute(db()), /append-only: UPDATE refused/);
      await assert.rejects(sql`DELETE FROM ledger_line WHERE posting_id = ${id}::uuid`.execute(db()), /append-only: DELETE refused/);
      await assert.rejects(sql`DELETE FROM ledger_posting WHERE id = ${id}::uuid`.execute(db()), /append-only: DELETE refused/);
      await assert.rejects(sql`UPDATE ledger_account SET type = 'income' WHERE code = ${CASH}`.execute(db()), /append-only: UPDATE refused/);
      await assert.rejects(sql`DELETE FROM ledger_account WHERE code = ${CASH}`.execute(db()), /append-only: DELETE refused/);
      for (const table of ['ledger_line', 'ledger_posting', 'ledger_account']) {
        await assert.rejects(sql`TRUNCATE ${sql.table(table)} CASCADE`.execute(db()), /append-only: TRUNCATE refused/, table);
      }
      const { rows } = await sql<{ amount: string }>`SELECT amount::text FROM ledger_line WHERE posting_id = ${id}::uuid ORDER BY line_no`.execute(db());
      assert.deepEqual(rows.map((r) => r.amount), ['10.00', '10.00']);
    });

    it('holds a reversal to the opposite lines, once, and never of a reversal', async () => {
      const original = await rawPosting(balanced);
      const mirror: Line[] = [
        [CASH, 'VES', 'credit', '10.00'],
        [COLLECTED, 'VES', 'debit', '10.00'],
      ];
      await assert.rejects(rawPosting(mirror, { kind: 'collection', reverses: original }), /check constraint/);
      await assert.rejects(rawPosting(mirror, { kind: 'reversal' }), /check constraint/);
      await assert.rejects(
        rawPosting([[CASH, 'VES', 'credit', '9.00'], [COLLECTED, 'VES', 'debit', '9.00']], { kind: 'reversal', reverses: original }),
        /must have exactly the opposite lines of the posting/,
      );
      await assert.rejects(rawPosting(balanced, { kind: 'reversal', reverses: original }), /must have exactly the opposite lines/);
      const reversal = await rawPosting(mirror, { kind: 'reversal', reverses: original });
      await assert.rejects(rawPosting(mirror, { kind: 'reversal', reverses: original }), /duplicate key|unique/);
      await assert.rejects(rawPosting(balanced, { kind: 'reversal', reverses: reversal }), /is a reversal and cannot be reversed/);
      await assert.rejects(
        reverse(db(), reversal, { idempotencyKey: randomUUID(), reason: 'deshacer', by: { officialId: null } }),
        /is itself a reversal/,
      );
    });
  });
}
