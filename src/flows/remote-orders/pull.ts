import { sql } from 'kysely';
import type { Logger } from 'pino';
import { OfferingType } from '../../modules/offerings/domain/offering-type.js';
import { lockOrder } from '../../modules/orders/app/lock-order.js';
import { ORDER_STATE_CODES } from '../../modules/orders/domain/order-state.js';
import { ORDER_TYPE_CODES } from '../../modules/orders/domain/order-type.js';
import { type Db, inTransaction, type Tx } from '../../platform/db/database.js';
import type { PeriodicJob } from '../../platform/jobs/periodic.js';
import { applyRemoteOrder, type PullResult } from './apply.js';
import { clientFor, offeringSecretsOf } from './context.js';

/** Which local orders a pull may change. */
export interface PullFence {
  /** Only this processing attempt (the workflow's own run); any attempt when absent. */
  attempt?: number;
  /** Also ERRED UPDATE/TERMINATE orders (the daily pull, §17 g). */
  includeErred?: boolean;
  signal?: AbortSignal;
}

/**
 * Pulls one Remote order's state from the remote instance and applies it (§17 g). The local order
 * stays row-locked across the remote call, so the pull serialises with `cancel_termination`, the
 * submit step and other pulls: each sees the others' outcome, never a half-applied one. Remote
 * errors propagate (callers decide whether to wait, log or answer 400).
 */
export async function pullRemoteOrder(tx: Tx, orderId: number, fence: PullFence = {}): Promise<PullResult> {
  const o = await lockOrder(tx, orderId);
  if (o.offeringType !== OfferingType.REMOTE || o.row.backend_id === '') return 'skipped';
  if (fence.attempt !== undefined && o.row.attempt_count !== fence.attempt) return 'stale';
  const erredAllowed = fence.includeErred === true && o.state === 'erred' && o.type !== 'Create';
  if (o.state !== 'executing' && !erredAllowed) return 'skipped';
  const { client } = clientFor(await offeringSecretsOf(tx, o.row.offering_id));
  const remote = await client.getOrder(o.row.backend_id, fence.signal ? { signal: fence.signal } : {});
  return applyRemoteOrder(tx, o, remote);
}

/** Local orders a periodic pull looks at: Remote, submitted (`backend_id` set), in `states`. */
function remoteOrderIds(tx: Tx, states: number[]) {
  return tx
    .selectFrom('orders as o')
    .innerJoin('offerings as f', 'f.id', 'o.offering_id')
    .select('o.id')
    .where('f.type', '=', OfferingType.REMOTE)
    .where('o.backend_id', '!=', '')
    .where('o.state', 'in', states)
    .orderBy('o.id');
}

/** Pulls each order in its own transaction, so one unreachable remote does not stop the others. */
async function pullEach(
  db: Db,
  ids: number[],
  fence: PullFence,
  logger: Logger | undefined,
): Promise<number> {
  let changed = 0;
  for (const id of ids) {
    try {
      const r = await inTransaction(db, (tx) => pullRemoteOrder(tx, id, fence));
      if (r !== 'waiting' && r !== 'skipped' && r !== 'stale') changed++;
    } catch (err) {
      logger?.warn(
        { orderId: id, err: err instanceof Error ? err.message : String(err) },
        'remote order pull failed',
      );
    }
  }
  return changed;
}

/**
 * The periodic pulls of §17 g, as jobs: every `everySeconds` (default 60) the EXECUTING Remote
 * orders; daily the ERRED UPDATE/TERMINATE Remote orders of the current month, which resume when
 * their remote order is alive again. The job's own transaction only holds the job lock; each order
 * is pulled in a transaction of its own.
 */
export function remoteOrderJobs(db: Db, everySeconds = 60, logger?: Logger): PeriodicJob[] {
  return [
    {
      name: 'remote-orders.pull',
      everyMs: everySeconds * 1000,
      run: async (tx) => {
        const rows = await remoteOrderIds(tx, [ORDER_STATE_CODES.executing]).execute();
        return pullEach(
          db,
          rows.map((r) => r.id),
          {},
          logger,
        );
      },
    },
    {
      name: 'remote-orders.pull-erred',
      everyMs: 24 * 3600 * 1000,
      run: async (tx, now) => {
        const rows = await remoteOrderIds(tx, [ORDER_STATE_CODES.erred])
          .where('o.type', 'in', [ORDER_TYPE_CODES.Update, ORDER_TYPE_CODES.Terminate])
          .where('o.modified', '>=', sql<Date>`date_trunc('month', ${now}::timestamptz)`)
          .execute();
        return pullEach(
          db,
          rows.map((r) => r.id),
          { includeErred: true },
          logger,
        );
      },
    },
  ];
}
