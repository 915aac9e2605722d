import { type Kysely, sql } from 'kysely';

/**
 * Integrations: the live event stream's position column and wake-up trigger, stream tickets for
 * browsers, webhook subscriptions and their delivery log, and the cursor the hook fan-out follows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The transaction that wrote an event. Readers stream events below the oldest running
    -- transaction (pg_snapshot_xmin) in (tx_id, id) order: ids come from a sequence and can commit
    -- out of order, but no transaction below that horizon can still commit, so the order has no gaps.
    -- Rows written before this migration get 0 (a constant default does not rewrite the table).
    ALTER TABLE events ADD COLUMN tx_id xid8 NOT NULL DEFAULT '0';
    ALTER TABLE events ALTER COLUMN tx_id SET DEFAULT pg_current_xact_id();
    CREATE INDEX events_stream ON events (tx_id, id);

    -- Wakes stream readers at commit (a NOTIFY is delivered only when its transaction commits);
    -- once per statement, and PostgreSQL folds equal notifications of one transaction into one.
    CREATE FUNCTION orderly_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('orderly_events', '');
      RETURN NULL;
    END $$;
    CREATE TRIGGER events_notify AFTER INSERT ON events
      FOR EACH STATEMENT EXECUTE FUNCTION orderly_events_notify();

    -- Short-lived credentials for EventSource, which cannot send an Authorization header.
    CREATE TABLE event_stream_tickets (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ticket_hash bytea NOT NULL UNIQUE,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX event_stream_tickets_expires ON event_stream_tickets (expires_at);

    CREATE TABLE hooks (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      destination_url text NOT NULL,
      event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
      customer_id bigint REFERENCES customers(id) ON DELETE CASCADE,
      project_id bigint REFERENCES projects(id) ON DELETE CASCADE,
      offering_id bigint REFERENCES offerings(id) ON DELETE CASCADE,
      description text NOT NULL DEFAULT '',
      is_active boolean NOT NULL DEFAULT true,
      -- The signing secret, AES-256-GCM sealed: it must be usable to sign, so it cannot be hashed.
      secret_sealed bytea NOT NULL,
      secret_key_id text NOT NULL,
      -- Events of transactions that ended before the hook existed are not delivered to it.
      since_tx xid8 NOT NULL DEFAULT pg_snapshot_xmin(pg_current_snapshot()),
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now(),
      CHECK (num_nonnulls(customer_id, project_id, offering_id) <= 1)
    );
    CREATE INDEX hooks_user ON hooks (user_id, id);

    CREATE TABLE hook_deliveries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      hook_id bigint NOT NULL REFERENCES hooks(id) ON DELETE CASCADE,
      event_id bigint NOT NULL,
      event_type text NOT NULL,
      -- The event as GET /api/events/ shows it, frozen at fan-out: every attempt sends the same body.
      payload jsonb NOT NULL,
      replay_of bigint REFERENCES hook_deliveries(id) ON DELETE SET NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'succeeded', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      response_code integer,
      duration_ms integer,
      last_error text NOT NULL DEFAULT '',
      last_attempt_at timestamptz,
      delivered_at timestamptz,
      created timestamptz NOT NULL DEFAULT now()
    );
    -- One original delivery per (hook, event), so a re-run of the fan-out cannot double-deliver.
    CREATE UNIQUE INDEX hook_deliveries_once ON hook_deliveries (hook_id, event_id) WHERE replay_of IS NULL;
    CREATE INDEX hook_deliveries_due ON hook_deliveries (next_attempt_at, id) WHERE state = 'pending';
    CREATE INDEX hook_deliveries_hook ON hook_deliveries (hook_id, id);

    -- Positions of readers that follow the event log durably (the hook fan-out).
    CREATE TABLE event_cursors (
      name text PRIMARY KEY,
      tx_id xid8 NOT NULL,
      event_id bigint NOT NULL,
      modified timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}
