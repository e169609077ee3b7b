import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../support/databases.ts';
import { createPostgresDatabase, runCli } from '../support/cli.ts';

/** `amparo cards …`, `amparo verify` and `amparo keys rotate`, as an operator runs them. */
for (const engine of testEngines()) {
  describe(`amparo cards and verify (${engine})`, () => {
    let dataDir: string;
    let env: Record<string, string>;
    let cards: string[][];
    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'amparo-cards-'));
      env = { AMPARO_MODE: 'test', ...(engine === 'pglite' ? {} : { DATABASE_URL: await createPostgresDatabase() }) };
      const seeded = await cli('seed', '--households', '20', '--duplicates', '0');
      assert.equal(seeded.code, 0, seeded.stderr);
      assert.match(seeded.stdout, /cards issued/);
      const exported = await cli('cards', 'export', '--limit', '3');
      assert.equal(exported.code, 0, exported.stderr);
      cards = exported.stdout.trim().split('\n').map((line) => line.split('\t'));
    });
    after(() => rmSync(dataDir, { recursive: true, force: true }));
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], env);

    it('exports card_number<TAB>qr_text lines, and verify exits 0 only for a valid card', async () => {
      assert.equal(cards.length, 3);
      for (const [number, text] of cards) {
        assert.match(number!, /^[23456789ACDEFGHJKMNPQRTVWXY]{11}$/);
        assert.match(text!, /^[0-9A-Z $%*+\-./:]+$/);
      }
      const valid = await cli('verify', cards[0]![1]!);
      assert.equal(valid.code, 0, valid.stderr);
      assert.match(valid.stdout, /^valid /);
      const tampered = cards[0]![1]!.slice(0, 40) + (cards[0]![1]![40] === 'A' ? 'B' : 'A') + cards[0]![1]!.slice(41);
      const refused = await cli('verify', tampered);
      assert.equal(refused.code, 1);
      assert.match(refused.stdout, /^invalid: (bad_format|bad_signature)/);
      assert.equal((await cli('verify', 'HELLO WORLD')).code, 1);
    });

    it('revokes and reissues; the revoked card no longer verifies', async () => {
      const [number, text] = cards[1]!;
      const revoked = await cli('cards', 'revoke', number!, '--reason', 'stolen');
      assert.equal(revoked.code, 0, revoked.stderr);
      const check = await cli('verify', text!);
      assert.equal(check.code, 1);
      assert.match(check.stdout, /invalid: revoked/);
      const again = await cli('cards', 'reissue', number!, '--reason', 'lost');
      assert.equal(again.code, 1, 'a revoked card cannot be reissued');
      assert.match(again.stderr, /already revoked/);

      const [other] = cards[2]!;
      const reissued = await cli('cards', 'reissue', other!.toLowerCase(), '--reason', 'damaged');
      assert.equal(reissued.code, 0, reissued.stderr);
      const newText = reissued.stdout.trim().split('\t')[1]!;
      assert.equal((await cli('verify', newText)).code, 0);
      assert.equal((await cli('verify', cards[2]![1]!)).code, 1);
      assert.equal((await cli('cards', 'revoke', 'XXXX-XXXX-XX', '--reason', 'lost')).code, 1, 'a malformed number is refused');
    });

    it('writes a printable PDF and rotates the issuer key without breaking old cards', async () => {
      const out = join(dataDir, 'card.pdf');
      const pdf = await cli('cards', 'pdf', cards[0]![0]!, '--out', out);
      assert.equal(pdf.code, 0, pdf.stderr);
      assert.equal(readFileSync(out).subarray(0, 5).toString('latin1'), '%PDF-');
      const rotated = await cli('keys', 'rotate');
      assert.equal(rotated.code, 0, rotated.stderr);
      assert.match(rotated.stdout, /issuer key rotated: \S+ retired, \S+ current/);
      assert.equal((await cli('verify', cards[0]![1]!)).code, 0, 'a card signed by the retired key still verifies');
    });
  });
}
