import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { EventRecord, eventRecords } from './event-queries.js';

/**
 * A position in the event log's commit order: the writing transaction (`events.tx_id`) and the id.
 *
 * Why not just `id`: ids come from a sequence, so a transaction that took id 8 can commit after one
 * that took id 10; a reader that streamed 10 and then moved its cursor past it would never see 8.
 * Readers here take only events whose transaction is below the oldest transaction still running
 * (`pg_snapshot_xmin`): such a transaction has committed or aborted, and every transaction that can
 * still commit has a larger xid, so reading in (tx_id, id) order up to that horizon never skips and
 * never repeats. The price: a long-running writing transaction anywhere in the cluster holds the
 * stream back until it ends (events are delayed, never lost).
 */
export interface LogPosition {
  tx: bigint;
  id: number;
}

/** Orders two positions (negative: `a` comes first). */
export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1;
  return a.id - b.id;
}

/** The oldest transaction that may still commit: every event below it is final. */
export async function commitHorizon(tx: Tx): Promise<bigint> {
  const r = await sql<{ h: string }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h`.execute(tx);
  return BigInt(r.rows[0]?.h ?? '0');
}

/** The position of "now": everything already final lies before it. */
export async function currentPosition(tx: Tx): Promise<LogPosition> {
  return { tx: await commitHorizon(tx), id: 0 };
}

/** The position of an existing event (a resume point), or undefined when there is no such event. */
export async function positionOfEvent(tx: Tx, id: number): Promise<LogPosition | undefined> {
  const r = await sql<{ t: string }>`SELECT tx_id::text AS t FROM events WHERE id = ${id}`.execute(tx);
  const t = r.rows[0]?.t;
  return t === undefined ? undefined : { tx: BigInt(t), id };
}

/** One read: the events found, and where the next read starts. */
export interface LogBatch {
  /** The events, each with its writing transaction (`log_tx`, decimal). */
  rows: (EventRecord & { log_tx: string })[];
  next: LogPosition;
}

/**
 * Reads up to `limit` events of `q` after `from`, in commit order, that are final. When fewer than
 * `limit` come back, every final event of `q` has been read, so the next read may start at the
 * horizon (which skips the non-matching events in between without reading them). The horizon is
 * taken in a statement before the read, so all transactions below it are visible to the read.
 */
export async function readFinalEvents(
  tx: Tx,
  q: ReturnType<typeof eventRecords>,
  from: LogPosition,
  limit: number,
): Promise<LogBatch> {
  const horizon = await commitHorizon(tx);
  const rows = await q
    .select(sql<string>`e.tx_id::text`.as('log_tx'))
    .where(sql<boolean>`(e.tx_id, e.id) > (${String(from.tx)}::xid8, ${from.id}::bigint)`)
    .where(sql<boolean>`e.tx_id < ${String(horizon)}::xid8`)
    .orderBy(sql`e.tx_id`)
    .orderBy('e.id')
    .limit(limit)
    .execute();
  const last = rows.at(-1);
  let next = last ? { tx: BigInt(last.log_tx), id: last.id } : from;
  if (rows.length < limit) {
    const atHorizon = { tx: horizon, id: 0 };
    if (comparePositions(atHorizon, next) > 0) next = atHorizon;
  }
  return { rows, next };
}
