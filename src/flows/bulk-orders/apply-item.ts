import { sql } from 'kysely';
import { recordEvent } from '../../modules/audit/app/record-event.js';
import {
  claimPendingItem,
  type ItemResult,
  recordItemOutcome,
} from '../../modules/bulk-jobs/app/record-item-outcome.js';
import type { BulkAction } from '../../modules/bulk-jobs/domain/bulk-job.js';
import { actorOfUser } from '../../modules/identity/app/system-actors.js';
import { findVisibleOrder } from '../../modules/orders/api.js';
import { loadAbilityInput } from '../../modules/orders/app/order-facts.js';
import { assertOrderAction } from '../../modules/orders/domain/abilities.js';
import { type Db, inTransaction } from '../../platform/db/database.js';
import { DomainError, NotFoundError } from '../../platform/errors.js';
import { STATUS_BY_KIND } from '../../platform/http/problem.js';
import { BULK_RUNNERS } from './actions.js';

/** Audit event written once per item of a bulk job, naming the job. */
export const BULK_ITEM_EVENT = 'marketplace_order_bulk_item';

/**
 * Applies one item of a bulk job in one transaction, exactly as the single action route would: the
 * order must be visible to the job's creator (else refused as a 404), the action's checks from the
 * ability table (403 / 409 / 405), then the same use case. A refusal rolls back to a savepoint and
 * is recorded with its status, code and message. The item is claimed under a row lock, so a step
 * re-run after a crash finds it finished and applies nothing twice. Returns the outcome, or
 * `already` when the item had been finished before.
 */
export async function applyBulkItem(db: Db, jobId: number, itemId: number) {
  return inTransaction(db, async (tx) => {
    const item = await claimPendingItem(tx, jobId, itemId);
    if (!item) return 'already' as const;
    const action = item.action as BulkAction;
    const actor = await actorOfUser(tx, item.createdBy);
    let orderScopes = {};
    let result: ItemResult;
    await sql`savepoint bulk_item`.execute(tx);
    try {
      if (!actor)
        throw new DomainError(
          'forbidden',
          'bulk_job.creator_inactive',
          'The job’s creator is no longer active.',
        );
      const rec = await findVisibleOrder(tx, actor, item.orderUuid);
      if (!rec) throw new NotFoundError('order');
      orderScopes = scopesOf(rec);
      assertOrderAction(action, await loadAbilityInput(tx, rec, actor));
      await BULK_RUNNERS[action](tx, actor, rec.id, item.reason);
      await sql`release savepoint bulk_item`.execute(tx);
      result = { outcome: 'done' };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await sql`rollback to savepoint bulk_item`.execute(tx);
      result = { outcome: 'refused', status: STATUS_BY_KIND[err.kind], code: err.code, message: err.message };
    }
    await recordItemOutcome(tx, item.id, result);
    await recordEvent(tx, {
      type: BULK_ITEM_EVENT,
      level: result.outcome === 'done' ? 'info' : 'warning',
      message:
        result.outcome === 'done'
          ? `Bulk job ${item.jobUuid}: ${action} applied to order ${item.orderUuid}.`
          : `Bulk job ${item.jobUuid}: ${action} refused for order ${item.orderUuid}: ${result.outcome === 'refused' ? result.message : ''}`,
      actorId: actor?.id ?? null,
      reason: item.reason,
      context: {
        bulk_job_uuid: item.jobUuid,
        order_uuid: item.orderUuid,
        action,
        outcome: result.outcome,
        code: result.outcome === 'refused' ? result.code : '',
      },
      scopes: orderScopes,
    });
    return result.outcome;
  });
}

/** The feeds the item's event appears in (the order's, when the creator could see it). */
function scopesOf(rec: NonNullable<Awaited<ReturnType<typeof findVisibleOrder>>>) {
  return {
    orderId: rec.id,
    resourceId: rec.resource_id,
    projectId: rec.project_id,
    customerId: rec.customer_id,
    offeringId: rec.offering_id,
    providerCustomerId: rec.provider_customer_id,
  };
}
