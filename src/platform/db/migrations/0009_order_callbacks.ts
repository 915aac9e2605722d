import { type Kysely, sql } from 'kysely';

/**
 * Order callbacks: one row per state change of an order that has a `callback_url`, written in the
 * transaction of the change (an outbox), then POSTed by a worker with retries, oldest first per order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE order_callbacks (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      order_id bigint NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
      -- The order's callback_url when the change happened.
      url text NOT NULL,
      -- The order's state after the change, frozen: every attempt sends the same body.
      payload jsonb NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'succeeded', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      response_code integer,
      last_error text NOT NULL DEFAULT '',
      last_attempt_at timestamptz,
      delivered_at timestamptz,
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX order_callbacks_due ON order_callbacks (next_attempt_at, id) WHERE state = 'pending';
    -- The sender posts an order's changes in order: only its oldest pending row is due.
    CREATE INDEX order_callbacks_order ON order_callbacks (order_id, id) WHERE state = 'pending';
  `.execute(db);
}
