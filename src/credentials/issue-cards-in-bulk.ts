/**
 * First cards for everyone who has none (a new installation, the demo, a
 * campaign): batches of cards in one transaction each, one audit entry per card.
 * Re-running it issues nothing twice: it picks only persons without a valid card.
 */
import type { AppContext } from '../app-context.ts';
import { writeAuditBatch } from '../audit/write-audit.ts';
import { findKey } from '../keys/store.ts';
import type { RegistryActor } from '../registry/enrol-household.ts';
import { newCardNumber } from './codec/card-number.ts';
import { signCard } from './issue-card.ts';
import { coseSigner } from './publication.ts';
import { insertCards, nextStatusIndexes, personsWithoutCard } from './store.ts';

const BATCH = 500;

export async function issueFirstCards(ctx: AppContext, actor: RegistryActor, options: { limit?: number; onProgress?: (issued: number) => void } = {}): Promise<number> {
  if (!actor.regionScopes.includes('*')) throw new Error('bulk issuing is a national act (the CLI or the seed)');
  const signer = await coseSigner(ctx, 'issuer');
  const key = (await findKey(ctx.db, signer.kidText))!;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let issued = 0;
  let afterId = '00000000-0000-0000-0000-000000000000';
  while (issued < limit) {
    const persons = await personsWithoutCard(ctx.db, afterId, Math.min(BATCH, limit - issued));
    if (persons.length === 0) break;
    afterId = persons.at(-1)!.id;
    await ctx.db.transaction().execute(async (tx) => {
      const indexes = await nextStatusIndexes(tx, persons.length);
      const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      const cards = persons.map((person, i) => {
        const cardNumber = newCardNumber();
        const { qrText, expiresAt } = signCard(ctx, signer, key, person, { cardNumber, statusIndex: indexes[i]!, issuedAt });
        return {
          card_number: cardNumber,
          person_id: person.id,
          status_index: indexes[i]!,
          kid: signer.kidText,
          qr_text: qrText,
          with_face: false,
          issued_at: issuedAt,
          expires_at: expiresAt,
          issued_by: actor.id,
          issued_by_name: actor.name,
          issue_reason: 'first' as const,
          replaces: null,
        };
      });
      await insertCards(tx, cards);
      await writeAuditBatch(
        tx,
        cards.map((c) => ({ actor, purpose: 'enrolment' as const, action: 'card.issued' as const, subject: { type: 'person', id: c.person_id }, summary: { card: c.card_number, withFace: false, bulk: true } })),
      );
    });
    issued += persons.length;
    options.onProgress?.(issued);
  }
  return issued;
}
