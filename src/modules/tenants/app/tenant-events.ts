import type { Tx } from '../../../platform/db/database.js';
import { recordEvent } from '../../audit/app/record-event.js';
import type { TenantRow } from '../adapters/pg/tenant-repository.js';
import { nextEventSeq } from '../adapters/pg/tenant-store.js';
import type { TenantEventType } from '../domain/event-types.js';

/** One tenant event to write. */
export interface TenantEvent {
  type: TenantEventType;
  message: string;
  level?: 'info' | 'warning' | 'error';
  actorId: number | null;
  orderId: number | null;
  reason?: string;
  payload: Record<string, unknown>;
}

/**
 * Writes a tenant event in the caller's transaction (G5, §8.2): `sequence` comes from the tenant
 * row's counter, whose update also serialises the tenant's writers, so sequence order is id order
 * and commit order within a tenant. The envelope fields are kept in `context`; the feed presents them.
 */
export async function recordTenantEvent(tx: Tx, t: TenantRow, e: TenantEvent): Promise<number> {
  const event_seq = await nextEventSeq(tx, t.id);
  const order = e.orderId
    ? await tx.selectFrom('orders').select('uuid').where('id', '=', e.orderId).executeTakeFirst()
    : undefined;
  await recordEvent(tx, {
    type: e.type,
    message: e.message,
    level: e.level ?? 'info',
    actorId: e.actorId,
    reason: e.reason ?? '',
    context: {
      sequence: event_seq,
      tenant_uuid: t.uuid,
      tenant_slug: t.slug,
      order_uuid: order?.uuid ?? null,
      payload: e.payload,
    },
    scopes: {
      tenantId: t.id,
      orderId: e.orderId,
      resourceId: t.resourceId,
      projectId: t.projectId,
      customerId: t.customerId,
      offeringId: t.offeringId,
      providerCustomerId: t.providerCustomerId,
    },
  });
  return event_seq;
}
