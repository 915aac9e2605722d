import { type Kysely, sql } from 'kysely';

/**
 * Drift findings: a resource whose state disagrees with the order → resource effect table, as the
 * periodic drift scan found it. One open finding per resource; a finding ends `repaired` (by a
 * person, with a reason) or `cleared` (the disagreement went away by itself).
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
  `.execute(db);
}
