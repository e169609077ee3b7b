import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { writeAudit } from '../audit/write-audit.ts';
import { findOfficialByUsername } from '../auth/store.ts';
import type { WithContext } from '../registry/catalogue/cli-commands.ts';
import type { RegistryActor } from '../registry/enrol-household.ts';
import { DomainError } from '../shared/domain-error.ts';
import { formatCardNumber, parseCardNumber } from './codec/card-number.ts';
import { decodeStatusListToken } from './codec/status-list.ts';
import { trustStoreFrom, type TrustListDocument } from './codec/trust-list.ts';
import { verifyCard, type CardVerification } from './codec/verify-card.ts';
import { issueCard, reissueCard, revokeCard, type ReissueReason } from './issue-card.ts';
import { verifyCardText } from './local-verifier.ts';
import { nodeVerifier } from './node-ed25519.ts';
import { cardPdf } from './printable-card.ts';
import { STATUS_LIST_PATH, TRUST_LIST_PATH } from './publication.ts';
import { REISSUE_REASONS, REVOCATION_REASONS } from './schemas.ts';
import { listValidCards } from './store.ts';
import type { RevocationReason } from './tables.ts';

const CLI_ACTOR: RegistryActor = { id: null, name: 'amparo cli', role: 'system', regionScopes: ['*'] };

type Opened = Parameters<Parameters<WithContext>[1]>[0];

async function actorFor(opened: Opened, username: string | undefined): Promise<RegistryActor> {
  if (!username) return CLI_ACTOR;
  const official = await findOfficialByUsername(opened.ctx.db, username);
  if (!official || official.role !== 'registrar') throw new DomainError('FORBIDDEN', `${username} is not a registrar`);
  return { id: official.id, name: official.username, role: official.role, regionScopes: official.region_scopes };
}

function cardNumberArgument(text: string): string {
  const parsed = parseCardNumber(text);
  if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', `${text} is not a valid card number (${parsed.problem})`);
  return parsed.cardNumber;
}

function describe(result: CardVerification): string {
  const c = result.claims;
  const who = c ? `${formatCardNumber(c.identity.cardNumber)}  ${c.identity.fullName}${c.identity.birthDate ? `  ${c.identity.birthDate}` : ''}` : '';
  return result.valid ? `valid  ${who}  (until ${new Date(c!.expiresAt * 1000).toISOString().slice(0, 10)})` : `invalid: ${result.reason} — ${result.message}${who ? `\n  ${who}` : ''}`;
}

/** Verifies against lists downloaded from a running installation, as a distant verifier would. */
async function verifyAgainst(base: string, text: string, anchor: string | undefined): Promise<CardVerification> {
  const trustResponse = await fetch(new URL(TRUST_LIST_PATH, base));
  const statusResponse = await fetch(new URL(STATUS_LIST_PATH, base));
  if (!trustResponse.ok || !statusResponse.ok) throw new DomainError('UNAVAILABLE', `could not download the lists from ${base}`);
  const trust = trustStoreFrom((await trustResponse.json()) as TrustListDocument, nodeVerifier, anchor);
  const statusList = decodeStatusListToken(new Uint8Array(await statusResponse.arrayBuffer()), trust.verifyAnchor);
  return verifyCard(text, { trust, statusList });
}

/** `amparo keys rotate`, `amparo cards …` and `amparo verify`. */
export function registerCredentialCommands(program: Command, withContext: WithContext) {
  program
    .command('keys')
    .description('the installation signing keys')
    .command('rotate')
    .description('retire the current card-issuing key and make a new one; the old key keeps verifying the cards it signed until they expire')
    .option('--purpose <purpose>', 'issuer (cards) or checkpoint (audit)', 'issuer')
    .action(async (opts: { purpose: string }, command: Command) => {
      if (opts.purpose !== 'issuer' && opts.purpose !== 'checkpoint') throw new DomainError('VALIDATION_FAILED', '--purpose must be issuer or checkpoint');
      const purpose = opts.purpose;
      const result = await withContext(command, async ({ ctx }) => {
        const rotated = await ctx.keys.rotate(purpose);
        await writeAudit(ctx.db, { actor: CLI_ACTOR, purpose: 'administration', action: 'keys.rotated', summary: { purpose, ...rotated } });
        return rotated;
      });
      console.log(`${purpose} key rotated: ${result.retired ?? '(none)'} retired, ${result.current} current`);
    });

  const cards = program.command('cards').description('issue, reissue, revoke, print and export cards');
  cards
    .command('issue <personId>')
    .description("issue a person's first card; prints the card number and the QR text")
    .option('--face', 'put a small face image from the current photo into the QR')
    .option('--by <username>', 'the registrar it is recorded under (default: the CLI itself, national scope)')
    .action(async (personId: string, opts: { face?: boolean; by?: string }, command: Command) => {
      const card = await withContext(command, async (opened) => issueCard(opened.ctx, await actorFor(opened, opts.by), personId, { withFace: opts.face ?? false }));
      console.log(`${formatCardNumber(card.card_number)}\t${card.qr_text}`);
    });
  cards
    .command('reissue <card>')
    .description(`replace a card; the old one is revoked in the same transaction (reasons: ${REISSUE_REASONS.join(', ')})`)
    .requiredOption('--reason <reason>', 'why')
    .option('--by <username>', 'the registrar it is recorded under')
    .action(async (card: string, opts: { reason: string; by?: string }, command: Command) => {
      if (!(REISSUE_REASONS as readonly string[]).includes(opts.reason)) throw new DomainError('VALIDATION_FAILED', `--reason must be one of ${REISSUE_REASONS.join(', ')}`);
      const number = cardNumberArgument(card);
      const created = await withContext(command, async (opened) => reissueCard(opened.ctx, await actorFor(opened, opts.by), number, opts.reason as ReissueReason));
      console.log(`${formatCardNumber(number)} revoked; new card ${formatCardNumber(created.card_number)}\t${created.qr_text}`);
    });
  cards
    .command('revoke <card>')
    .description(`revoke a card (reasons: ${REVOCATION_REASONS.join(', ')})`)
    .requiredOption('--reason <reason>', 'why')
    .option('--note <text>', 'a note for the record')
    .option('--by <username>', 'the registrar it is recorded under')
    .action(async (card: string, opts: { reason: string; note?: string; by?: string }, command: Command) => {
      if (!(REVOCATION_REASONS as readonly string[]).includes(opts.reason)) throw new DomainError('VALIDATION_FAILED', `--reason must be one of ${REVOCATION_REASONS.join(', ')}`);
      const number = cardNumberArgument(card);
      await withContext(command, async (opened) => revokeCard(opened.ctx, await actorFor(opened, opts.by), number, { reason: opts.reason as RevocationReason, note: opts.note }));
      console.log(`${formatCardNumber(number)} revoked`);
    });
  cards
    .command('pdf <card>')
    .description('write the printable card (ID-1, 85.6 × 54 mm) as a PDF')
    .requiredOption('--out <file>', 'the PDF file to write')
    .option('--by <username>', 'the registrar it is recorded under')
    .action(async (card: string, opts: { out: string; by?: string }, command: Command) => {
      const number = cardNumberArgument(card);
      const pdf = await withContext(command, async (opened) => cardPdf(opened.ctx, await actorFor(opened, opts.by), number));
      writeFileSync(opts.out, pdf);
      console.log(`wrote ${opts.out} (${pdf.length} bytes)`);
    });
  cards
    .command('export')
    .description('print card_number<TAB>qr_text for valid cards (for print shops and tests)')
    .option('--limit <n>', 'at most this many', '1000')
    .action(async (opts: { limit: string }, command: Command) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new DomainError('VALIDATION_FAILED', '--limit must be a positive integer');
      const rows = await withContext(command, async ({ ctx }) => {
        const found = await listValidCards(ctx.db, limit);
        await writeAudit(ctx.db, { actor: CLI_ACTOR, purpose: 'enrolment', action: 'card.exported', summary: { cards: found.length } });
        return found;
      });
      process.stdout.write(rows.map((r) => `${r.card_number}\t${r.qr_text}\n`).join(''));
    });

  program
    .command('verify <text>')
    .description("verify a card's QR text; exits 0 only for a valid card")
    .option('--from <url>', 'download the trust and status lists from this installation instead of reading the local one')
    .option('--anchor <key>', "with --from: the trust anchor's public key (base64url) to pin")
    .action(async (text: string, opts: { from?: string; anchor?: string }, command: Command) => {
      const result = opts.from ? await verifyAgainst(opts.from, text, opts.anchor) : await withContext(command, ({ ctx }) => verifyCardText(ctx, text));
      console.log(describe(result));
      process.exitCode = result.valid ? 0 : 1;
    });
}
