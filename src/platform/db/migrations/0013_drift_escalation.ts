import { type Kysely, sql } from 'kysely';

/**
 * Drift findings: a resource whose state disagrees with the order → resource effect table, as the
 * periodic drift scan found it. One open finding per resource; a finding ends `repaired` (by a
 * person, with a reason) or `cleared` (the disagreement went away by itself).
 *
 * Approval SLA: settings per offering or organization (an offering's row replaces its
 * organization's), one row per escalation step taken, and two new e-mail kinds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE resource_drift_findings (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      resource_id bigint NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
      -- The order the rule read (the resource's latest one), if any.
      order_id bigint REFERENCES orders(id) ON DELETE SET NULL,
      rule text NOT NULL,
      -- Resource state codes: as found, and what the effect table implies.
      resource_state smallint NOT NULL,
      expected_state smallint NOT NULL,
      detected_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      resolved_at timestamptz,
      resolution text CHECK (resolution IN ('repaired', 'cleared')),
      resolved_by bigint REFERENCES users(id),
      reason text NOT NULL DEFAULT '',
      CHECK ((resolved_at IS NULL) = (resolution IS NULL))
    );
    CREATE UNIQUE INDEX resource_drift_findings_open ON resource_drift_findings (resource_id)
      WHERE resolved_at IS NULL;

    CREATE TABLE approval_sla_settings (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      scope_type text NOT NULL CHECK (scope_type IN ('offering', 'customer')),
      scope_id bigint NOT NULL,
      -- Hours an order may wait for provider approval before each escalation step; null: never.
      escalate_after_hours integer CHECK (escalate_after_hours BETWEEN 1 AND 8760),
      daily_digest boolean NOT NULL DEFAULT false,
      modified_by bigint REFERENCES users(id) ON DELETE SET NULL,
      modified timestamptz NOT NULL DEFAULT now(),
      UNIQUE (scope_type, scope_id)
    );
    CREATE TABLE approval_escalations (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      order_id bigint NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
      -- The waiting state (order state code) and the step of the chain: one row per step per wait.
      order_state smallint NOT NULL,
      level smallint NOT NULL,
      created timestamptz NOT NULL DEFAULT now(),
      UNIQUE (order_id, order_state, level)
    );
    ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('approval_request',
      'approval_reminder', 'provider_message', 'consumer_message', 'approval_escalation', 'approval_digest'));
  `.execute(db);
}
