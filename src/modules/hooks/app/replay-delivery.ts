import type { Tx } from '../../../platform/db/database.js';

/**
 * Queues one delivery again as a new delivery (its own uuid, attempts and log line) with the same
 * event payload, due at once; the original keeps its record. The delivery job sends it.
 */
export async function replayDelivery(tx: Tx, deliveryId: number): Promise<string> {
  const row = await tx
    .insertInto('hook_deliveries')
    .columns(['hook_id', 'event_id', 'event_type', 'payload', 'replay_of'])
    .expression((eb) =>
      eb
        .selectFrom('hook_deliveries')
        .select(['hook_id', 'event_id', 'event_type', 'payload', 'id'])
        .where('id', '=', deliveryId),
    )
    .returning('uuid')
    .executeTakeFirstOrThrow();
  return row.uuid;
}
