import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { signedIn } from '../../test/support/officials.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../regions/load-regions.ts';
import { cborDecode } from './codec/cbor.ts';
import { decodeCardText } from './codec/credential.ts';
import { decodeStatusListToken, statusAt } from './codec/status-list.ts';
import { trustStoreFrom, type TrustListDocument } from './codec/trust-list.ts';
import { nodeVerifier } from './node-ed25519.ts';

const household = (region: string, given: string, family = 'de la Cruz Rodríguez', birth = '1984-04-18') => ({
  regionCode: region,
  address: { street: 'Calle Real', number: '12' },
  members: [
    {
      relationship: 'head',
      givenNames: given,
      familyNames: family,
      sex: 'F',
      birthDate: { value: birth },
      phone: '+58 412 5550199',
      evidence: [{ kind: 'document', type: 'national_id', number: `V-${birth.replaceAll('-', '')}` }],
    },
  ],
});

for (const engine of testEngines()) {
  describe(`cards (${engine})`, () => {
    let t: TestApp;
    let registrar: Awaited<ReturnType<typeof signedIn>>;
    let personId: string;
    before(async () => {
      t = await testApp(engine);
      await loadRegions(t.ctx.db, DEMO_REGIONS_CSV);
      registrar = await signedIn(t, 'registrar', { regions: ['AN'] });
      const enrolled = await registrar.post('/api/registry/households', household('AN-01-01', 'María José'));
      assert.equal(enrolled.statusCode, 201, enrolled.body);
      personId = enrolled.json().personIds[0];
    });
    after(() => t.close());

    const verify = async (text: string) => (await t.app.inject({ method: 'POST', url: '/api/cards/verify', payload: { text } })).json();
    const auditActions = async () =>
      (await sql<{ action: string }>`SELECT action FROM audit_entry ORDER BY id`.execute(t.ctx.db)).rows.map((r) => r.action);

    it('issues a card whose QR verifies and carries no database key, address or phone', async () => {
      const issued = await registrar.post(`/api/registry/persons/${personId}/cards`, {});
      assert.equal(issued.statusCode, 201, issued.body);
      const card = issued.json();
      assert.match(card.formatted, /^[23456789ACDEFGHJKMNPQRTVWXY]{4}-[23456789ACDEFGHJKMNPQRTVWXY]{4}-[23456789ACDEFGHJKMNPQRTVWXY]{3}$/);
      assert.equal(card.status, 'valid');
      assert.ok(card.qrText.length < 500, `QR text of ${card.qrText.length} characters`);

      const result = await verify(card.qrText);
      assert.equal(result.valid, true, JSON.stringify(result));
      assert.equal(result.card.fullName, 'María José de la Cruz Rodríguez');
      assert.equal(result.card.birthDate, '1984-04-18');
      assert.equal(result.card.cardNumber, card.cardNumber);

      const payload = new TextDecoder('latin1').decode(decodeCardText(card.qrText).payload);
      for (const secret of [personId, 'Calle Real', '5550199', 'V-19840418']) assert.ok(!payload.includes(secret), `${secret} is not in the QR`);
      assert.ok((await auditActions()).includes('card.issued'));
    });

    it('refuses a second card while one is valid, and reissues revoking the old one in one act', async () => {
      const [current] = (await registrar.get(`/api/registry/persons/${personId}/cards`)).json().cards;
      const again = await registrar.post(`/api/registry/persons/${personId}/cards`, {});
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.details.cardNumber, current.cardNumber);

      const reissued = await registrar.post(`/api/cards/${current.formatted.toLowerCase()}/reissue`, { reason: 'lost' });
      assert.equal(reissued.statusCode, 201, reissued.body);
      assert.equal(reissued.json().replaces, current.cardNumber);
      const cards = (await registrar.get(`/api/registry/persons/${personId}/cards`)).json().cards;
      assert.deepEqual(cards.map((c: { status: string }) => c.status), ['valid', 'revoked']);
      assert.equal(cards[1].revocationReason, 'lost');

      assert.equal((await verify(current.qrText)).reason, 'revoked', 'the lost card is refused');
      assert.equal((await verify(reissued.json().qrText)).valid, true);
      const twice = await registrar.post(`/api/cards/${current.cardNumber}/reissue`, { reason: 'lost' });
      assert.equal(twice.statusCode, 422, 'a revoked card cannot be reissued again');
    });

    it('revokes a card; the public status list has its bit set and is signed by the trust anchor', async () => {
      const [card] = (await registrar.get(`/api/registry/persons/${personId}/cards`)).json().cards;
      const revoked = await registrar.post(`/api/cards/${card.cardNumber}/revoke`, { reason: 'fraud', note: 'tarjeta alterada' });
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.equal(revoked.json().status, 'revoked');
      assert.equal((await registrar.post(`/api/cards/${card.cardNumber}/revoke`, { reason: 'fraud' })).statusCode, 422);

      const trustResponse = await t.app.inject({ method: 'GET', url: '/.well-known/amparo/trust-list.json' });
      assert.equal(trustResponse.statusCode, 200);
      const trust = trustStoreFrom(trustResponse.json() as TrustListDocument, nodeVerifier);
      const statusResponse = await t.app.inject({ method: 'GET', url: '/.well-known/amparo/status-list' });
      assert.equal(statusResponse.headers['content-type'], 'application/statuslist+cwt');
      const list = decodeStatusListToken(new Uint8Array(statusResponse.rawPayload), trust.verifyAnchor);
      assert.equal(statusAt(list, card.statusIndex), 1);
      assert.equal((await verify(card.qrText)).reason, 'revoked');
      const actions = await auditActions();
      assert.ok(actions.includes('card.reissued') && actions.includes('card.revoked'));
    });

    it('a rotated key keeps verifying its cards; new cards are signed by the new key', async () => {
      const other = await registrar.post('/api/registry/households', household('AN-01-02', 'Carmen Teresa', 'Marcano Gil', '1990-07-21'));
      assert.equal(other.statusCode, 201, other.body);
      const otherId = other.json().personIds[0];
      const before = (await registrar.post(`/api/registry/persons/${otherId}/cards`, {})).json();
      const rotated = await t.ctx.keys.rotate('issuer');
      assert.equal(rotated.retired, before.kid);
      const after = (await registrar.post(`/api/cards/${before.cardNumber}/reissue`, { reason: 'damaged' })).json();
      assert.equal(after.kid, rotated.current);
      const trust = (await t.app.inject({ method: 'GET', url: '/.well-known/amparo/trust-list.json' })).json() as TrustListDocument;
      assert.deepEqual(trust.keys.map((k) => [k.kid, k.state]).sort(), [[before.kid, 'retired'], [rotated.current, 'current']].sort());
      const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
      assert.deepEqual(jwks.keys.map((k: { kid: string }) => k.kid).sort(), [before.kid, rotated.current].sort());
      assert.equal((await verify(after.qrText)).valid, true);
    });

    it('finds the holder by card number, old cards included, and says when a number has a typo', async () => {
      const cards = (await registrar.get(`/api/registry/persons/${personId}/cards`)).json().cards;
      for (const card of cards) {
        const found = await registrar.get(`/api/registry/search?card=${encodeURIComponent(card.formatted.toLowerCase())}`);
        assert.equal(found.statusCode, 200, found.body);
        assert.deepEqual(found.json().results.map((r: { personId: string }) => r.personId), [personId]);
      }
      const number: string = cards[0].cardNumber;
      const alphabet = '23456789ACDEFGHJKMNPQRTVWXY';
      const typo = number.slice(0, 5) + alphabet[(alphabet.indexOf(number[5]!) + 1) % alphabet.length] + number.slice(6);
      const refused = await registrar.get(`/api/registry/search?card=${typo}`);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.json().error.message, /typo/);
      const elsewhere = await signedIn(t, 'registrar', { regions: ['SE'] });
      assert.deepEqual((await elsewhere.get(`/api/registry/search?card=${number}`)).json().results, []);
    });

    it('keeps officials to their regions and roles', async () => {
      const elsewhere = await signedIn(t, 'registrar', { regions: ['SE'] });
      assert.equal((await elsewhere.get(`/api/registry/persons/${personId}/cards`)).statusCode, 404);
      assert.equal((await elsewhere.post(`/api/registry/persons/${personId}/cards`, {})).statusCode, 404);
      const analyst = await signedIn(t, 'analyst');
      assert.equal((await analyst.get(`/api/registry/persons/${personId}/cards`)).statusCode, 403);
      const bad = await registrar.post('/api/cards/ABCD-EFGH-JKM/revoke', { reason: 'lost' });
      assert.equal(bad.statusCode, 400, 'a card number with a wrong check symbol is a validation error');
    });

    it('never deletes a card nor changes one except to revoke it', async () => {
      const [card] = (await registrar.get(`/api/registry/persons/${personId}/cards`)).json().cards;
      await assert.rejects(sql`DELETE FROM card WHERE card_number = ${card.cardNumber}`.execute(t.ctx.db), /never deleted/);
      await assert.rejects(sql`UPDATE card SET revoked_at = NULL, revocation_reason = NULL WHERE card_number = ${card.cardNumber}`.execute(t.ctx.db), /never changes/);
      const valid = (await registrar.get(`/api/registry/persons/${personId}/cards`)).json().cards.find((c: { status: string }) => c.status === 'valid');
      if (valid) await assert.rejects(sql`UPDATE card SET qr_text = 'X' WHERE card_number = ${valid.cardNumber}`.execute(t.ctx.db), /only the revocation/);
    });

    it('renders a printable PDF of a valid card', async () => {
      const other = await registrar.post('/api/registry/households', household('AN-01-01', 'Ana Isabel', 'Quintero Salas', '2001-02-03'));
      const card = (await registrar.post(`/api/registry/persons/${other.json().personIds[0]}/cards`, {})).json();
      const pdf = await registrar.get(`/api/cards/${card.cardNumber}/pdf`);
      assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 200));
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.ok((await auditActions()).includes('card.printed'));
      const claims = cborDecode(decodeCardText(card.qrText).payload);
      assert.ok(claims instanceof Map && claims.has(169) && claims.has(65535));
    });
  });
}
