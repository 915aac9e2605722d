import type { Tx } from '../../../platform/db/database.js';
import { insertReplayDelivery } from '../adapters/pg/delivery-writes.js';

/**
 * Queues one delivery again as a new delivery (its own uuid, attempts and log line) with the same
 * event payload, due at once; the original keeps its record. The delivery job sends it.
 */
export async function replayDelivery(tx: Tx, deliveryId: number): Promise<string> {
  return insertReplayDelivery(tx, deliveryId);
}
