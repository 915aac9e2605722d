import { type Kysely, sql } from 'kysely';

/**
 * Marketplace: categories, offerings with components and plans, resources, orders with their
 * attempts, append-only transition rows for orders and resources, the audit event log (also the
 * outbox that feeds streams and webhooks), and idempotency keys.
 * States are stored as Waldur's numeric codes (orders spec §1); the API shows labels.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE offering_categories (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      created timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE offerings (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      customer_id bigint NOT NULL REFERENCES customers(id),
      category_id bigint NOT NULL REFERENCES offering_categories(id),
      name text NOT NULL,
      slug text NOT NULL UNIQUE,
      description text NOT NULL DEFAULT '',
      type text NOT NULL,
      state smallint NOT NULL DEFAULT 1 CHECK (state BETWEEN 1 AND 5),
      shared boolean NOT NULL DEFAULT true,
      billable boolean NOT NULL DEFAULT true,
      plugin_options jsonb NOT NULL DEFAULT '{}',
      -- Staff-only settings (script bodies, remote credentials); never in a consumer response.
      secret_options jsonb NOT NULL DEFAULT '{}',
      options jsonb NOT NULL DEFAULT '{}',
      resource_options jsonb NOT NULL DEFAULT '{}',
      backend_id text NOT NULL DEFAULT '',
      paused_reason text NOT NULL DEFAULT '',
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX offerings_customer ON offerings (customer_id);
    CREATE INDEX offerings_type_state ON offerings (type, state);

    CREATE TABLE offering_components (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      offering_id bigint NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
      type text NOT NULL,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      billing_type text NOT NULL CHECK (billing_type IN ('limit', 'usage', 'fixed', 'one', 'few')),
      measured_unit text NOT NULL DEFAULT '',
      limit_period text CHECK (limit_period IN ('month', 'annual', 'total', 'quarterly')),
      limit_amount integer,
      min_value integer,
      max_value integer,
      max_available_limit integer,
      is_prepaid boolean NOT NULL DEFAULT false,
      UNIQUE (offering_id, type)
    );

    CREATE TABLE plans (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      offering_id bigint NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      unit text NOT NULL DEFAULT 'month',
      unit_price numeric(22, 10) NOT NULL DEFAULT 0 CHECK (unit_price >= 0),
      max_amount integer CHECK (max_amount IS NULL OR max_amount > 0),
      archived boolean NOT NULL DEFAULT false,
      article_code text NOT NULL DEFAULT '',
      backend_id text NOT NULL DEFAULT '',
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX plans_offering ON plans (offering_id);

    -- Price per unit of each component in a plan (and the fixed amount for 'fixed' components).
    CREATE TABLE plan_components (
      plan_id bigint NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      component_id bigint NOT NULL REFERENCES offering_components(id) ON DELETE CASCADE,
      amount numeric(22, 10) NOT NULL DEFAULT 0,
      price numeric(22, 10) NOT NULL DEFAULT 0 CHECK (price >= 0),
      PRIMARY KEY (plan_id, component_id)
    );

    CREATE TABLE resources (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      offering_id bigint NOT NULL REFERENCES offerings(id),
      project_id bigint NOT NULL REFERENCES projects(id),
      plan_id bigint REFERENCES plans(id),
      name text NOT NULL DEFAULT '',
      slug text NOT NULL DEFAULT '',
      description text NOT NULL DEFAULT '',
      state smallint NOT NULL DEFAULT 1 CHECK (state BETWEEN 1 AND 6),
      backend_id text NOT NULL DEFAULT '',
      effective_id text NOT NULL DEFAULT '',
      attributes jsonb NOT NULL DEFAULT '{}',
      limits jsonb NOT NULL DEFAULT '{}',
      options jsonb NOT NULL DEFAULT '{}',
      backend_metadata jsonb NOT NULL DEFAULT '{}',
      current_usages jsonb NOT NULL DEFAULT '{}',
      endpoints jsonb NOT NULL DEFAULT '[]',
      end_date date,
      error_message text NOT NULL DEFAULT '',
      error_traceback text NOT NULL DEFAULT '',
      last_sync timestamptz,
      paused boolean NOT NULL DEFAULT false,
      downscaled boolean NOT NULL DEFAULT false,
      restrict_member_access boolean NOT NULL DEFAULT false,
      cost numeric(22, 10),
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX resources_project ON resources (project_id, created);
    CREATE INDEX resources_offering_state ON resources (offering_id, state, created);

    CREATE TABLE orders (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      resource_id bigint NOT NULL REFERENCES resources(id),
      offering_id bigint NOT NULL REFERENCES offerings(id),
      project_id bigint NOT NULL REFERENCES projects(id),
      plan_id bigint REFERENCES plans(id),
      old_plan_id bigint REFERENCES plans(id),
      type smallint NOT NULL CHECK (type BETWEEN 1 AND 4),
      state smallint NOT NULL DEFAULT 1 CHECK (state BETWEEN 1 AND 9),
      attributes jsonb NOT NULL DEFAULT '{}',
      limits jsonb NOT NULL DEFAULT '{}',
      cost numeric(22, 10),
      slug text NOT NULL DEFAULT '',
      backend_id text NOT NULL DEFAULT '',
      error_message text NOT NULL DEFAULT '',
      error_traceback text NOT NULL DEFAULT '',
      error_updated_at timestamptz,
      output text NOT NULL DEFAULT '',
      output_updated_at timestamptz,
      created_by bigint REFERENCES users(id) ON DELETE SET NULL,
      consumer_reviewed_by bigint REFERENCES users(id) ON DELETE SET NULL,
      consumer_reviewed_at timestamptz,
      provider_reviewed_by bigint REFERENCES users(id) ON DELETE SET NULL,
      provider_reviewed_at timestamptz,
      consumer_rejection_comment text NOT NULL DEFAULT '',
      provider_rejection_comment text NOT NULL DEFAULT '',
      termination_comment text NOT NULL DEFAULT '',
      request_comment text NOT NULL DEFAULT '',
      callback_url text,
      start_date date,
      completed_at timestamptz,
      provider_message text NOT NULL DEFAULT '',
      provider_message_url text NOT NULL DEFAULT '',
      provider_message_updated_at timestamptz,
      consumer_message text NOT NULL DEFAULT '',
      consumer_message_updated_at timestamptz,
      auto_approved_cost_limit_snapshot numeric(22, 10),
      attempt_count integer NOT NULL DEFAULT 0,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now()
    );
    -- Waldur's default order is oldest first ("created", "id"): keyset-friendly.
    CREATE INDEX orders_created ON orders (created, id);
    CREATE INDEX orders_state_created ON orders (state, created DESC);
    CREATE INDEX orders_offering_state ON orders (offering_id, state, created);
    CREATE INDEX orders_project_created ON orders (project_id, created);
    CREATE INDEX orders_resource ON orders (resource_id, state);

    -- One row per processing run of an order; kept forever (orders spec §17 a).
    CREATE TABLE order_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      order_id bigint NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
      attempt_number integer NOT NULL,
      trigger text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      started_by bigint REFERENCES users(id) ON DELETE SET NULL,
      finished_at timestamptz,
      outcome text NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'done', 'erred', 'canceled')),
      error_message text NOT NULL DEFAULT '',
      error_traceback text NOT NULL DEFAULT '',
      resource_error_message text NOT NULL DEFAULT '',
      resource_error_traceback text NOT NULL DEFAULT '',
      output text NOT NULL DEFAULT '',
      UNIQUE (order_id, attempt_number)
    );
    -- At most one open attempt per order.
    CREATE UNIQUE INDEX order_attempts_one_running ON order_attempts (order_id) WHERE outcome = 'running';

    -- Append-only state history; refused transitions are recorded too (is_valid = false).
    CREATE TABLE order_transitions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      order_id bigint NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
      from_state smallint NOT NULL,
      to_state smallint NOT NULL,
      action text NOT NULL,
      actor_id bigint REFERENCES users(id) ON DELETE SET NULL,
      reason text NOT NULL DEFAULT '',
      is_valid boolean NOT NULL DEFAULT true,
      previous_id bigint REFERENCES order_transitions(id),
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX order_transitions_order ON order_transitions (order_id, id);

    CREATE TABLE resource_transitions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      resource_id bigint NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
      order_id bigint REFERENCES orders(id) ON DELETE SET NULL,
      from_state smallint NOT NULL,
      to_state smallint NOT NULL,
      action text NOT NULL,
      actor_id bigint REFERENCES users(id) ON DELETE SET NULL,
      reason text NOT NULL DEFAULT '',
      is_valid boolean NOT NULL DEFAULT true,
      previous_id bigint REFERENCES resource_transitions(id),
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX resource_transitions_resource ON resource_transitions (resource_id, id);

    -- The audit log, written in the same transaction as the change it describes; readers (feeds,
    -- SSE streams, webhooks) follow it by id, so it is also the outbox.
    CREATE TABLE events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      event_type text NOT NULL,
      level text NOT NULL DEFAULT 'info' CHECK (level IN ('info', 'warning', 'error')),
      message text NOT NULL,
      actor_id bigint REFERENCES users(id) ON DELETE SET NULL,
      reason text NOT NULL DEFAULT '',
      context jsonb NOT NULL DEFAULT '{}',
      order_id bigint,
      resource_id bigint,
      project_id bigint,
      customer_id bigint,
      offering_id bigint,
      provider_customer_id bigint,
      tenant_id bigint,
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX events_created ON events (created, id);
    CREATE INDEX events_type ON events (event_type, id);
    CREATE INDEX events_order ON events (order_id, id) WHERE order_id IS NOT NULL;
    CREATE INDEX events_resource ON events (resource_id, id) WHERE resource_id IS NOT NULL;
    CREATE INDEX events_project ON events (project_id, id) WHERE project_id IS NOT NULL;
    CREATE INDEX events_customer ON events (customer_id, id) WHERE customer_id IS NOT NULL;
    CREATE INDEX events_provider ON events (provider_customer_id, id) WHERE provider_customer_id IS NOT NULL;

    -- Idempotency-Key records (orders spec §17 e): written in the transaction of the effect.
    CREATE TABLE idempotency_keys (
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      key text NOT NULL,
      method text NOT NULL,
      path text NOT NULL,
      request_hash bytea NOT NULL,
      status integer NOT NULL,
      response jsonb,
      created timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, key, method, path)
    );
    CREATE INDEX idempotency_keys_created ON idempotency_keys (created);
  `.execute(db);
}
