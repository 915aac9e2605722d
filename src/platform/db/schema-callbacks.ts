import type { Generated } from 'kysely';
import type { CreatedAt, Id, Timestamp, Uuid } from './schema-columns.js';
import type { JsonObject } from './schema-marketplace.js';

/** Delivery state of one order callback. */
export type OrderCallbackState = 'pending' | 'succeeded' | 'failed';

/** `order_callbacks` row (migration 0009): one state change of an order, to POST to its callback_url. */
export interface OrderCallbacksTable {
  id: Id;
  uuid: Uuid;
  order_id: number;
  url: string;
  payload: JsonObject;
  state: Generated<OrderCallbackState>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  response_code: number | null;
  last_error: Generated<string>;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  created: CreatedAt;
}

/** Tables of migration 0009. */
export interface CallbackTables {
  order_callbacks: OrderCallbacksTable;
}
