import { type Kysely, sql } from 'kysely';

/**
 * Run-status history: `tenant_runs` holds a run's current status (like `orders.state`); every move
 * of it is appended here by the status's one writer, so the run's history is insert-only.
 * Existing runs get one row with the status they have now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE tenant_run_transitions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      run_id bigint NOT NULL REFERENCES tenant_runs(id) ON DELETE CASCADE,
      from_status text,
      to_status text NOT NULL,
      failed_activity text,
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tenant_run_transitions_run ON tenant_run_transitions (run_id, id);
    INSERT INTO tenant_run_transitions (run_id, from_status, to_status, failed_activity, created)
      SELECT id, NULL, status, failed_activity, coalesce(finished_at, started_at) FROM tenant_runs ORDER BY id;
  `.execute(db);
}
