import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import { orderStateFromCode, orderStateToCode, PENDING_STATES } from '../../../orders/domain/order-state.js';
import { orderTypeFromCode } from '../../../orders/domain/order-type.js';
import { resourceStateFromCode, resourceStateToCode } from '../../../resources/domain/resource-state.js';
import type { DriftFacts } from '../../domain/drift-rules.js';

/** One resource's drift facts, with the ids a finding records. */
export interface DriftCandidate {
  resourceId: number;
  orderId: number | null;
  facts: DriftFacts;
}

const IN_PROGRESS = (['Creating', 'Updating', 'Terminating'] as const).map(resourceStateToCode);
const LIVE = [...PENDING_STATES].map(orderStateToCode);

/**
 * Resources in Creating, Updating or Terminating with no order in flight (the only ones a drift rule
 * can flag), with their latest order and when they entered their state; `resourceId` narrows it to one.
 */
export async function driftCandidates(tx: Tx, resourceId?: number): Promise<DriftCandidate[]> {
  let q = tx
    .selectFrom('resources as r')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('orders as o')
          .select(['o.id', 'o.type', 'o.state'])
          .whereRef('o.resource_id', '=', 'r.id')
          .orderBy('o.id', 'desc')
          .limit(1)
          .as('lo'),
      (join) => join.onTrue(),
    )
    .select([
      'r.id',
      'r.state',
      'r.backend_id',
      'lo.id as order_id',
      'lo.type as order_type',
      'lo.state as order_state',
    ])
    .select(
      sql<Date>`coalesce((select t.created from resource_transitions t
        where t.resource_id = r.id and t.is_valid order by t.id desc limit 1), r.created)`.as('since'),
    )
    .where('r.state', 'in', IN_PROGRESS)
    .where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom('orders as live')
            .select('live.id')
            .whereRef('live.resource_id', '=', 'r.id')
            .where('live.state', 'in', LIVE),
        ),
      ),
    );
  if (resourceId !== undefined) q = q.where('r.id', '=', resourceId);
  const rows = await q.orderBy('r.id').execute();
  return rows.map((row) => ({
    resourceId: row.id,
    orderId: row.order_id,
    facts: {
      state: resourceStateFromCode(row.state),
      hasBackendId: row.backend_id !== '',
      since: row.since,
      latestOrder:
        row.order_type !== null && row.order_state !== null
          ? { type: orderTypeFromCode(row.order_type), state: orderStateFromCode(row.order_state) }
          : null,
    },
  }));
}
