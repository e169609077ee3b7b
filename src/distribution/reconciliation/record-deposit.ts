import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { coversRegion } from '../../auth/roles.ts';
import { accountCode } from '../../ledger/chart.ts';
import { post } from '../../ledger/post.ts';
import { depositPosting } from '../../ledger/posting-templates.ts';
import type { ProgramActor } from '../../programs/program-definition.ts';
import { DomainError, notFound } from '../../shared/domain-error.ts';
import { findPoint, tillMovements } from './store.ts';
import { tillOf, type Till } from './till.ts';

export interface DepositInput {
  /** Decimal text: the cash counted and handed to the treasury, whatever the till's book says. */
  amount: string;
  currency: string;
  /** The deposit slip's reference; one slip is one deposit (the same slip again is the same deposit). */
  reference: string;
  /** When the cash was counted; default now. */
  countedAt?: Date | undefined;
}

export interface DepositResult {
  postingId: string;
  seq: number;
  /** false: this slip had been recorded with exactly these figures; nothing new was written. */
  created: boolean;
  /** The point's till after the deposit. */
  till: Till[];
}

/**
 * Records the cash a point handed to the treasury: a `deposit` posting (treasury
 * against the point's cash) of the amount counted, by an administrator whose regions
 * cover the point, with its audit entry in the same transaction. Idempotent by slip:
 * `deposit:<point>:<reference>`; the same slip with other figures is CONFLICT. A count
 * that differs from the till's book is not corrected here: the difference stays on the
 * point's cash account, in view in its reconciliation, until a shortage or overage with
 * a reason moves it.
 */
export async function recordDeposit(ctx: AppContext, actor: ProgramActor, pointCode: string, input: DepositInput, options: { requestId?: string } = {}): Promise<DepositResult> {
  if (actor.role !== 'administrator') throw new DomainError('FORBIDDEN', 'a cash deposit is recorded by the administrator of the point');
  const point = await findPoint(ctx.db, pointCode);
  if (!point || !coversRegion(actor.regionScopes, point.region_code)) throw notFound(`distribution point ${pointCode}`);
  return ctx.db.transaction().execute(async (tx) => {
    const { posting, created } = await post(
      tx,
      depositPosting({
        idempotencyKey: `deposit:${point.code}:${input.reference}`,
        point: point.code,
        currency: input.currency,
        amount: input.amount,
        paymentReference: input.reference,
        officialId: actor.id,
        memo: `cash deposited from ${point.code}, slip ${input.reference}`,
        ...(input.countedAt ? { effectiveAt: input.countedAt } : {}),
      }),
    );
    if (created) {
      await writeAudit(tx, {
        actor,
        purpose: 'administration',
        action: 'distribution.deposit_recorded',
        subject: { type: 'distribution_point', id: point.code },
        summary: { point: point.code, amount: input.amount, currency: input.currency, reference: input.reference, postingId: posting.id },
        requestId: options.requestId,
      });
    }
    return { postingId: posting.id, seq: posting.seq, created, till: tillOf(await tillMovements(tx, accountCode.pointCash(point.code))) };
  });
}
