import type { Insertable } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { HookDeliveriesTable } from '../../../platform/db/schema.js';
import {
  comparePositions,
  eventRecords,
  type LogBatch,
  readFinalEvents,
  visibleEvents,
} from '../../audit/api.js';
import { presentEvent } from '../../audit/app/event-view.js';
import { insertDeliveries as insertDeliveryRows, saveEventCursor } from '../adapters/pg/delivery-writes.js';
import { activeHooksWithOwners } from '../adapters/pg/hook-queries.js';
import { hookWants } from '../domain/delivery-policy.js';

/** Name of the hook fan-out's row in `event_cursors`. */
export const HOOKS_CURSOR = 'hooks';

type ActiveHook = Awaited<ReturnType<typeof activeHooksWithOwners>>[number];

/**
 * Turns new events into pending deliveries: reads the next batch of final events after the
 * durable cursor (commit order, so none is skipped; see event-log.ts), matches each against the
 * active hooks by type, scope and what the hook's owner may see (the `GET /api/events/` filter),
 * and moves the cursor, all in the caller's transaction. A crash rolls back both; the unique
 * (hook, event) index makes a repeated batch harmless, so the job's advisory lock is all the
 * serialisation needed (no row lock). Nothing is written while there is nothing to deliver: an idle
 * installation, or one without hooks, costs two reads per run.
 */
export async function fanOutEvents(tx: Tx, batch = 500): Promise<number> {
  const hooks = await activeHooksWithOwners(tx);
  if (hooks.length === 0) return 0;
  const cur = await tx
    .selectFrom('event_cursors')
    .select(['tx_id', 'event_id'])
    .where('name', '=', HOOKS_CURSOR)
    .executeTakeFirst();
  let from = cur ? { tx: BigInt(cur.tx_id), id: cur.event_id } : { tx: 0n, id: 0 };
  // Events of transactions older than every hook concern none of them: start at the oldest hook.
  const oldest = hooks.reduce(
    (m, h) => (BigInt(h.since_tx) < m ? BigInt(h.since_tx) : m),
    BigInt(hooks[0]!.since_tx),
  );
  if (comparePositions({ tx: oldest, id: 0 }, from) > 0) from = { tx: oldest, id: 0 };
  const read = await readFinalEvents(tx, eventRecords(tx), from, batch);
  if (read.rows.length === 0) return 0;
  const created = await insertDeliveries(tx, hooks, read.rows);
  await saveEventCursor(tx, HOOKS_CURSOR, read.next);
  return created;
}

async function insertDeliveries(tx: Tx, hooks: ActiveHook[], rows: LogBatch['rows']): Promise<number> {
  const byOwner = new Map<number, ActiveHook[]>();
  for (const h of hooks) byOwner.set(h.user_id, [...(byOwner.get(h.user_id) ?? []), h]);
  const ids = rows.map((r) => r.id);
  const values: Insertable<HookDeliveriesTable>[] = [];
  for (const owned of byOwner.values()) {
    const o = owned[0]!;
    const owner: Actor = {
      id: o.user_id,
      uuid: o.user_uuid,
      username: o.username,
      fullName: o.username,
      isStaff: o.is_staff,
      isSupport: o.is_support,
    };
    const seen = await visibleEvents(tx, owner)
      .clearSelect()
      .select('e.id')
      .where('e.id', 'in', ids)
      .execute();
    const visible = new Set(seen.map((r) => r.id));
    for (const e of rows) {
      if (!visible.has(e.id)) continue;
      for (const h of owned) {
        if (BigInt(e.log_tx) < BigInt(h.since_tx) || !hookWants(h, e)) continue;
        values.push({
          hook_id: h.id,
          event_id: e.id,
          event_type: e.event_type,
          payload: { ...presentEvent(e) },
        });
      }
    }
  }
  return insertDeliveryRows(tx, values);
}
