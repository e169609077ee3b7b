import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { distributionFixture, recordFor, redeemOnline, terminalRequest, type Fixture } from '../../../test/distribution/fixtures.ts';
import { issueIdentificationToken, personOfToken } from './identification-token.ts';
import { MasterKeyBox } from '../../keys/master-key-box.ts';

describe('identification tokens (pure)', () => {
  const box = new MasterKeyBox(Buffer.alloc(32, 3));
  it('stand for the person at one point for 15 minutes, and are opaque', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    const token = issueIdentificationToken(box, '0b8f7e6a-1111-4222-8333-944445555666', 'PDA-AN-01', now);
    assert.ok(!Buffer.from(token, 'base64url').toString('latin1').includes('0b8f7e6a'), 'the person id does not travel in clear');
    assert.equal(personOfToken(box, token, 'PDA-AN-01', now + 14 * 60_000), '0b8f7e6a-1111-4222-8333-944445555666');
    assert.equal(personOfToken(box, token, 'PDA-AN-01', now + 16 * 60_000), undefined);
    assert.equal(personOfToken(box, token, 'PDA-AN-02', now), undefined);
    assert.equal(personOfToken(new MasterKeyBox(Buffer.alloc(32, 4)), token, 'PDA-AN-01', now), undefined);
    assert.equal(personOfToken(box, token.slice(0, -2) + (token.endsWith('AA') ? 'AB' : 'AA'), 'PDA-AN-01', now), undefined);
  });
});

for (const engine of testEngines()) {
  describe(`identification without a card (${engine})`, () => {
    let t: TestApp;
    let f: Fixture;
    before(async () => {
      t = await testApp(engine);
      f = await distributionFixture(t);
    });
    after(() => t.close());

    const identify = (body: unknown, terminal = f.terminal) => terminalRequest(t, terminal, 'POST', '/api/terminal/identify', body);

    it('needs a written reason', async () => {
      const r = await identify({ givenNames: 'Carmen', familyNames: 'Rondón', reason: 'perdió' });
      assert.equal(r.statusCode, 400);
    });

    it("finds the person in the point's region by name, with a token that shows what is due and redeems without a card; audited with the reason", async () => {
      const r = await identify({ givenNames: 'Carmen Elena', familyNames: 'Rondon Perez', reason: 'le robaron la cartera con el carnet' });
      assert.equal(r.statusCode, 200, r.body);
      const { matches } = r.json();
      assert.equal(matches.length, 1);
      assert.deepEqual([matches[0].name, matches[0].birthYear], ['Carmen Elena Rondón Pérez', 1985]);
      assert.deepEqual(matches[0].due.map((d: { program: { code: string } }) => d.program.code).sort(), ['test-food', 'test-fuel']);

      const due = await terminalRequest(t, f.terminal, 'GET', `/api/terminal/due?token=${encodeURIComponent(matches[0].token)}`);
      assert.equal(due.statusCode, 200, due.body);
      assert.equal(due.json().card, undefined);
      const food = due.json().due.find((d: { program: { code: string } }) => d.program.code === 'test-food');
      const record = { ...recordFor(f.terminal, food, { card: '', quantity: '1', amount: '25000.00' }), identificationToken: matches[0].token };
      const redeemed = await redeemOnline(t, f.terminal, record);
      assert.equal(redeemed.statusCode, 201, redeemed.body);
      const row = await t.ctx.db.selectFrom('redemption').selectAll().where('id', '=', record.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.card_number, row.identified_by], [null, 'official_search']);

      const elsewhere = await terminalRequest(t, f.elsewhere, 'GET', `/api/terminal/due?token=${encodeURIComponent(matches[0].token)}`);
      assert.equal(elsewhere.statusCode, 404, 'a token is good only at the point it was made for');
      const audit = await t.ctx.db.selectFrom('audit_entry').selectAll().where('action', '=', 'distribution.identified_without_card').execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.subject_type, 'person');
      assert.equal((audit[0]!.detail as { reason: string }).reason, 'le robaron la cartera con el carnet');
    });

    it('finds nobody for a name not in the region, and says so in the audit log too', async () => {
      const r = await identify({ givenNames: 'Nadie', familyNames: 'Desconocido', reason: 'no trae el carnet consigo' });
      assert.deepEqual(r.json(), { matches: [] });
      const audit = await t.ctx.db.selectFrom('audit_entry').selectAll().where('action', '=', 'distribution.identified_without_card').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.equal((audit.detail as { matches: number }).matches, 0);
    });
  });
}
