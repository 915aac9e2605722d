import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Id, Timestamp, Uuid } from './schema-columns.js';
import type { JsonObject } from './schema-marketplace.js';

/** Tables of migration 0006 (event stream tickets, webhooks, event-log cursors) as Kysely sees them. */

/** An `xid8` column: pg returns it as a decimal string (64 bits do not fit a JS number). */
type Xid8 = ColumnType<string, string | undefined, string>;

/** `event_stream_tickets` row: a hash of a short-lived stream credential, never the ticket. */
export interface EventStreamTicketsTable {
  id: Id;
  ticket_hash: Buffer;
  user_id: number;
  expires_at: Date;
  created: CreatedAt;
}

/** `hooks` row: a webhook subscription owned by a user. */
export interface HooksTable {
  id: Id;
  uuid: Uuid;
  user_id: number;
  destination_url: string;
  event_types: string[];
  customer_id: number | null;
  project_id: number | null;
  offering_id: number | null;
  description: Generated<string>;
  is_active: Generated<boolean>;
  secret_sealed: Buffer;
  secret_key_id: string;
  since_tx: Generated<string>;
  created: CreatedAt;
  modified: Timestamp;
}

/** Delivery state of one webhook delivery. */
export type HookDeliveryState = 'pending' | 'succeeded' | 'failed';

/** `hook_deliveries` row: one event to one hook, with the outcome of its last attempt. */
export interface HookDeliveriesTable {
  id: Id;
  uuid: Uuid;
  hook_id: number;
  event_id: number;
  event_type: string;
  payload: JsonObject;
  replay_of: number | null;
  state: Generated<HookDeliveryState>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  response_code: number | null;
  duration_ms: number | null;
  last_error: Generated<string>;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  created: CreatedAt;
}

/** `event_cursors` row: how far a durable reader of the event log has got. */
export interface EventCursorsTable {
  name: string;
  tx_id: Xid8;
  event_id: number;
  modified: Timestamp;
}

/** The tables of migration 0006, composed into `DB`. */
export interface HookTables {
  event_stream_tickets: EventStreamTicketsTable;
  hooks: HooksTable;
  hook_deliveries: HookDeliveriesTable;
  event_cursors: EventCursorsTable;
}
