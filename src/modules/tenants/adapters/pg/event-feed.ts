import { sql } from 'kysely';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { hex } from '../../../../platform/http/ids.js';

/** Most events one feed call returns. */
export const FEED_LIMIT = 1000;

/** The tenant's events after `after` (a sequence), oldest first, as §8.2 envelopes. */
export async function tenantEvents(db: Db | Tx, tenantId: number, after: number, limit = FEED_LIMIT) {
  const rows = await db
    .selectFrom('events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select([
      'e.uuid',
      'e.event_type',
      'e.created',
      'e.context',
      'u.uuid as actor_uuid',
      'u.username as actor_username',
    ])
    .where('e.tenant_id', '=', tenantId)
    .where(sql<number>`(e.context->>'sequence')::int`, '>', after)
    .orderBy('e.id')
    .limit(limit)
    .execute();
  return rows.map((e) => {
    const c = e.context as {
      sequence: number;
      tenant_uuid: string;
      tenant_slug: string;
      order_uuid: string | null;
      payload: Record<string, unknown>;
    };
    return {
      id: hex(e.uuid),
      type: e.event_type,
      sequence: c.sequence,
      occurred_at: e.created.toISOString(),
      tenant_uuid: hex(c.tenant_uuid),
      tenant_slug: c.tenant_slug,
      order_uuid: c.order_uuid ? hex(c.order_uuid) : null,
      actor:
        e.actor_uuid && e.actor_username ? { uuid: hex(e.actor_uuid), username: e.actor_username } : null,
      payload: c.payload,
    };
  });
}

/** One envelope. */
export type TenantEventEnvelope = Awaited<ReturnType<typeof tenantEvents>>[number];
