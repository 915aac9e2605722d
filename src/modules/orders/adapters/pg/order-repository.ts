import { type Insertable, type Selectable, sql, type UpdateObject } from 'kysely';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { reusable } from '../../../../platform/db/reusable.js';
import type { DB, OrdersTable, ProjectOrderAutoApprovalsTable } from '../../../../platform/db/schema.js';
import type { OrderAttachmentsTable } from '../../../../platform/db/schema-attachments.js';
import { moveColumns, type StateMove } from '../../../../platform/db/transitions.js';
import { NotFoundError } from '../../../../platform/errors.js';

// The orders module's writes (issue 13): it alone writes `orders`, `order_transitions`,
// `order_attempts`, `order_attachments` and `project_order_auto_approvals`.

/** Inserts an order and returns its id. */
export async function insertOrder(tx: Tx, values: Insertable<OrdersTable>): Promise<number> {
  const row = await tx.insertInto('orders').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Updates columns of one order and returns the row as it is afterwards. */
export async function updateOrderRow(
  tx: Tx,
  orderId: number,
  set: UpdateObject<DB, 'orders'>,
): Promise<Selectable<OrdersTable>> {
  return tx.updateTable('orders').set(set).where('id', '=', orderId).returningAll().executeTakeFirstOrThrow();
}

/**
 * A state change in one statement: the order's columns and its chained `order_transitions` row
 * (data-modifying CTEs run whether or not the main statement reads them); entering EXECUTING also
 * opens the next attempt, leaving it closes the running one with the order's errors as updated
 * here. Returns the row afterwards and whether an attempt was closed.
 */
export async function moveOrderRow(
  tx: Tx,
  orderId: number,
  set: UpdateObject<DB, 'orders'>,
  t: OrderTransitionRow,
  extra: { opens?: OpenedAttempt | undefined; closes?: ClosedAttempt | undefined } = {},
): Promise<{ row: Selectable<OrdersTable>; closed: boolean }> {
  const { opens, closes } = extra;
  const appended = tx.with('appended', (db) =>
    db.insertInto('order_transitions').values(transitionValues(t)),
  );
  if (closes) {
    const r = await appended
      .with('moved', (db) => db.updateTable('orders').set(set).where('id', '=', orderId).returningAll())
      .with('closed', (db) =>
        db
          .updateTable('order_attempts as a')
          .from('moved as m')
          .set((eb) => ({
            outcome: closes.outcome,
            error_message: eb.ref('m.error_message'),
            error_traceback: eb.ref('m.error_traceback'),
            output: eb.ref('m.output'),
            resource_error_message: closes.resourceErrorMessage,
            resource_error_traceback: closes.resourceErrorTraceback,
            finished_at: sql<Date>`now()`,
          }))
          .whereRef('a.order_id', '=', 'm.id')
          .where('a.outcome', '=', 'running')
          .returning('a.id'),
      )
      .selectFrom('moved')
      .selectAll('moved')
      .select(sql<string>`(SELECT count(*) FROM closed)`.as('closed_attempts'))
      .executeTakeFirstOrThrow();
    const { closed_attempts, ...row } = r;
    return { row, closed: Number(closed_attempts) > 0 };
  }
  // Entering EXECUTING also opens the next attempt: its number is the locked row's count + 1.
  const q = opens
    ? appended.with('opened', (db) =>
        db.insertInto('order_attempts').values({
          order_id: orderId,
          attempt_number: opens.number,
          trigger: opens.trigger,
          started_by: opens.startedBy,
        }),
      )
    : appended;
  const row = await q
    .updateTable('orders')
    .set(opens ? { ...set, attempt_count: opens.number } : set)
    .where('id', '=', orderId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, closed: false };
}

/** The attempt a move into EXECUTING opens (see {@link moveOrderRow}). */
export interface OpenedAttempt {
  /** The order's attempt count after the move: the locked row's count + 1. */
  number: number;
  trigger: string;
  startedBy: number | null;
}

/** How a move out of EXECUTING closes the running attempt (the order's errors come from the move). */
export interface ClosedAttempt {
  outcome: AttemptClose['outcome'];
  resourceErrorMessage: string;
  resourceErrorTraceback: string;
}

/** Deletes one order row. */
export async function deleteOrderRow(tx: Tx, orderId: number): Promise<void> {
  await tx.deleteFrom('orders').where('id', '=', orderId).execute();
}

/** Deletes every order of a resource (resource unlink). */
export async function deleteOrdersOfResource(tx: Tx, resourceId: number): Promise<void> {
  await tx.deleteFrom('orders').where('resource_id', '=', resourceId).execute();
}

/** One row of the append-only order history (G5). */
export interface OrderTransitionRow extends StateMove {
  orderId: number;
}

// Every order transition writes this row: compiled once (`reusable`).
const transitionInsert = reusable((db: Db, p: { orderId: number } & ReturnType<typeof moveColumns>) =>
  db.insertInto('order_transitions').values({
    order_id: p.orderId,
    from_state: p.from_state,
    to_state: p.to_state,
    action: p.action,
    actor_id: p.actor_id,
    reason: p.reason,
    is_valid: p.is_valid,
    previous_id: sql<number>`(SELECT max(id) FROM order_transitions WHERE order_id = ${p.orderId})`,
  }),
);

/** Appends an `order_transitions` row chained to the order's previous one (`previous_id`). */
export async function appendOrderTransition(tx: Tx, t: OrderTransitionRow): Promise<void> {
  await transitionInsert(tx, { orderId: t.orderId, ...moveColumns(t) });
}

/** The values of a transition row chained to the order's previous one (`previous_id`). */
function transitionValues(t: OrderTransitionRow) {
  return {
    order_id: t.orderId,
    ...moveColumns(t),
    previous_id: sql<number>`(SELECT max(id) FROM order_transitions WHERE order_id = ${t.orderId})`,
  };
}

/** Bumps the order's attempt count and opens that attempt, in one statement; returns its number. */
export async function insertAttempt(
  tx: Tx,
  orderId: number,
  trigger: string,
  actorId: number | null,
): Promise<number> {
  const r = await sql<{ attempt_number: number }>`
    WITH bumped AS (
      UPDATE orders SET attempt_count = attempt_count + 1 WHERE id = ${orderId} RETURNING attempt_count
    )
    INSERT INTO order_attempts (order_id, attempt_number, trigger, started_by)
    SELECT ${orderId}, attempt_count, ${trigger}, ${actorId}::bigint FROM bumped
    RETURNING attempt_number`.execute(tx);
  const row = r.rows[0];
  if (!row) throw new NotFoundError('order');
  return row.attempt_number;
}

/** What a closed attempt keeps. */
export interface AttemptClose {
  outcome: 'done' | 'erred' | 'canceled';
  error_message: string;
  error_traceback: string;
  resource_error_message: string;
  resource_error_traceback: string;
  output?: string;
}

/** Closes the order's running attempt; false when none was running. */
export async function closeRunningAttempt(tx: Tx, orderId: number, c: AttemptClose): Promise<boolean> {
  const r = await tx
    .updateTable('order_attempts')
    .set({ ...c, finished_at: sql<Date>`now()` })
    .where('order_id', '=', orderId)
    .where('outcome', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The stored purchase-order file, without the order id. */
export type AttachmentValues = Omit<Insertable<OrderAttachmentsTable>, 'order_id'>;

/** Stores or replaces the order's purchase-order file (a replacement gets a new uuid). */
export async function upsertAttachment(tx: Tx, orderId: number, row: AttachmentValues): Promise<void> {
  await tx
    .insertInto('order_attachments')
    .values({ order_id: orderId, ...row })
    .onConflict((oc) =>
      oc
        .column('order_id')
        .doUpdateSet({ ...row, uuid: sql<string>`gen_random_uuid()`, created: sql<Date>`now()` }),
    )
    .execute();
}

/** Deletes the order's purchase-order file; returns its name, or undefined when there was none. */
export async function deleteAttachmentRow(tx: Tx, orderId: number): Promise<string | undefined> {
  const gone = await tx
    .deleteFrom('order_attachments')
    .where('order_id', '=', orderId)
    .returning('file_name')
    .executeTakeFirst();
  return gone?.file_name;
}

/** Inserts a project's auto-approval rule; returns its uuid. */
export async function insertRule(
  tx: Tx,
  values: Insertable<ProjectOrderAutoApprovalsTable>,
): Promise<string> {
  const row = await tx
    .insertInto('project_order_auto_approvals')
    .values(values)
    .returning('uuid')
    .executeTakeFirstOrThrow();
  return row.uuid;
}

/** Updates columns of an auto-approval rule. */
export async function updateRuleRow(
  tx: Tx,
  ruleId: number,
  set: UpdateObject<DB, 'project_order_auto_approvals'>,
): Promise<void> {
  await tx.updateTable('project_order_auto_approvals').set(set).where('id', '=', ruleId).execute();
}

/** Deletes an auto-approval rule. */
export async function deleteRuleRow(tx: Tx, ruleId: number): Promise<void> {
  await tx.deleteFrom('project_order_auto_approvals').where('id', '=', ruleId).execute();
}
