import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { DomainError } from '../../../platform/errors.js';
import { systemRobot } from '../../identity/app/system-actors.js';
import { OFFERING_STATE_CODES } from '../../offerings/domain/offering-type.js';
import { resourcesInScope } from '../../resources/api.js';
import { RESOURCE_STATE_CODES } from '../../resources/domain/resource-state.js';
import { ORDER_STATE_CODES } from '../domain/order-state.js';
import { ORDER_TYPE_CODES } from '../domain/order-type.js';
import { approveByConsumer } from './approve-by-consumer.js';
import { createResourceOrder } from './create-resource-order.js';
import { moveOrder } from './lifecycle.js';
import { lockOrder } from './lock-order.js';
import { dayOf } from './scheduled-progress.js';

/** Why the scheduler terminates a resource (recorded as the order's request comment). */
export type ExpiryCause = 'resource_end_date' | 'project_end_date';

const COMMENT: Record<ExpiryCause, string> = {
  resource_end_date: 'The resource has reached its end date.',
  project_end_date: 'The project has reached its end date.',
};

/**
 * OK or Erred resources due for termination: their own end date (`terminate_expired_resources`) or
 * their project's (`terminate_resources_if_project_end_date_has_been_reached`) is today or past
 * (orders spec §11.5). Resources the terminate order would be refused for (blocked or archived
 * organization, unavailable offering) are left out rather than retried every run.
 */
function dueResources(tx: Tx, cause: ExpiryCause, today: string, batch: number) {
  let q = resourcesInScope(tx)
    .select('r.id')
    .where('r.state', 'in', [RESOURCE_STATE_CODES.OK, RESOURCE_STATE_CODES.Erred])
    .where('c.blocked', '=', false)
    .where('c.archived', '=', false)
    .where('f.state', '!=', OFFERING_STATE_CODES.Unavailable);
  q =
    cause === 'resource_end_date'
      ? q.where('r.end_date', '<=', today)
      : q.where('p.end_date', '<=', today).where('p.removed_at', 'is', null);
  // No row lock here: orders are locked before their resource everywhere (G12); the resource state
  // is re-checked under its lock once the pending orders are settled.
  return q.orderBy('r.id').limit(batch).execute();
}

/**
 * `utils.terminate_resource` for the scheduler: skips a resource with an EXECUTING order or whose
 * TERMINATE order erred in the last day; cancels its pending-consumer / pending-provider orders;
 * then creates the TERMINATE order as the system robot (force-approving it if it waits for the
 * consumer). Returns whether an order was created.
 */
async function terminateResource(
  tx: Tx,
  robot: Actor,
  resourceId: number,
  cause: ExpiryCause,
  now: Date,
): Promise<boolean> {
  const orders = await tx
    .selectFrom('orders')
    .select(['id', 'state', 'type', 'modified'])
    .where('resource_id', '=', resourceId)
    .where('state', 'in', [
      ORDER_STATE_CODES['pending-consumer'],
      ORDER_STATE_CODES.executing,
      ORDER_STATE_CODES.erred,
      ORDER_STATE_CODES['pending-provider'],
    ])
    .orderBy('id')
    .execute();
  const dayAgo = new Date(now.getTime() - 86_400_000);
  if (orders.some((o) => o.state === ORDER_STATE_CODES.executing)) return false;
  if (
    orders.some(
      (o) =>
        o.state === ORDER_STATE_CODES.erred && o.type === ORDER_TYPE_CODES.Terminate && o.modified > dayAgo,
    )
  )
    return false;
  for (const pending of orders.filter(
    (o) =>
      o.state === ORDER_STATE_CODES['pending-consumer'] || o.state === ORDER_STATE_CODES['pending-provider'],
  )) {
    await moveOrder(tx, await lockOrder(tx, pending.id), {
      to: 'canceled',
      action: 'terminate_resource',
      event: 'canceled',
      actor: robot,
      reason: COMMENT[cause],
    });
  }
  const r = await tx
    .selectFrom('resources')
    .select('state')
    .where('id', '=', resourceId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (r.state !== RESOURCE_STATE_CODES.OK && r.state !== RESOURCE_STATE_CODES.Erred) return false;
  const order = await createResourceOrder(tx, robot, resourceId, {
    type: 'Terminate',
    requestComment: COMMENT[cause],
  });
  if (order.state === 'pending-consumer') await approveByConsumer(tx, robot, order.row.id);
  return true;
}

/**
 * One run of an end-date job: each due resource in its own savepoint, so a resource the order rules
 * refuse (a DomainError) is skipped without undoing the others; any other error fails the run.
 */
export async function terminateExpiredResources(
  tx: Tx,
  cause: ExpiryCause,
  now: Date,
  batch = 50,
): Promise<number> {
  const due = await dueResources(tx, cause, dayOf(now), batch);
  if (due.length === 0) return 0;
  const robot = await systemRobot(tx);
  let created = 0;
  for (const { id } of due) {
    await sql`SAVEPOINT terminate_expired`.execute(tx);
    try {
      if (await terminateResource(tx, robot, id, cause, now)) created++;
      await sql`RELEASE SAVEPOINT terminate_expired`.execute(tx);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await sql`ROLLBACK TO SAVEPOINT terminate_expired`.execute(tx);
    }
  }
  return created;
}
