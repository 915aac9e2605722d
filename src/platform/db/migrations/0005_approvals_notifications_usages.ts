import { type Kysely, sql } from 'kysely';

/**
 * Project order auto-approval rules (orders spec §2.3, §5.5) and the rule that approved an order;
 * the notification outbox (one row per recipient, written in the transaction that makes an order
 * wait, delivered later by the mail job); reported component usages (site agent, §13); and the
 * partial indexes the scheduled jobs scan (§5.6, §11.5).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE project_order_auto_approvals (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      project_id bigint NOT NULL UNIQUE REFERENCES projects(id) ON DELETE CASCADE,
      monthly_cost_limit numeric(22, 10) NOT NULL CHECK (monthly_cost_limit >= 0),
      enabled boolean NOT NULL DEFAULT true,
      created_by bigint REFERENCES users(id) ON DELETE SET NULL,
      modified_by bigint REFERENCES users(id) ON DELETE SET NULL,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now()
    );
    ALTER TABLE orders ADD COLUMN auto_approved_by_rule_id bigint
      REFERENCES project_order_auto_approvals(id) ON DELETE SET NULL;

    CREATE TABLE notifications (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      kind text NOT NULL
        CHECK (kind IN ('approval_request', 'approval_reminder', 'provider_message', 'consumer_message')),
      order_id bigint REFERENCES orders(id) ON DELETE SET NULL,
      -- The waiting state an approval request or reminder is about (numeric order state code).
      order_state smallint,
      recipient_id bigint REFERENCES users(id) ON DELETE SET NULL,
      recipient_email text NOT NULL DEFAULT '',
      subject text NOT NULL,
      body text NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'skipped')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text NOT NULL DEFAULT '',
      sent_at timestamptz,
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX notifications_due ON notifications (next_attempt_at, id) WHERE state = 'pending';
    CREATE INDEX notifications_recipient ON notifications (recipient_id, id);
    CREATE INDEX notifications_order ON notifications (order_id, id);
    -- An order enters each waiting state at most once, so one reminder per (order, state, recipient).
    CREATE UNIQUE INDEX notifications_one_reminder
      ON notifications (order_id, order_state, coalesce(recipient_id, 0)) WHERE kind = 'approval_reminder';

    CREATE TABLE component_usages (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      resource_id bigint NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
      component_id bigint NOT NULL REFERENCES offering_components(id) ON DELETE CASCADE,
      -- First day of the month the usage belongs to; a report replaces the month's value.
      billing_period date NOT NULL,
      date timestamptz NOT NULL,
      usage numeric(22, 10) NOT NULL CHECK (usage >= 0),
      description text NOT NULL DEFAULT '',
      recurring boolean NOT NULL DEFAULT false,
      modified_by bigint REFERENCES users(id) ON DELETE SET NULL,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now(),
      UNIQUE (resource_id, component_id, billing_period)
    );

    CREATE INDEX orders_waiting ON orders (state, created) WHERE state IN (1, 7, 8, 9);
    CREATE INDEX resources_end_date ON resources (end_date) WHERE end_date IS NOT NULL AND state IN (2, 3);
    CREATE INDEX projects_end_date ON projects (end_date) WHERE end_date IS NOT NULL AND removed_at IS NULL;
  `.execute(db);
}
