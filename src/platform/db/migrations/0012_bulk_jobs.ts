import { type Kysely, sql } from 'kysely';

/**
 * Bulk jobs (owned by the bulk-jobs module): one order action applied to many orders by a durable
 * workflow, with one row per order recording its outcome (done, refused with the problem, skipped).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE bulk_jobs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      action text NOT NULL,
      reason text NOT NULL DEFAULT '',
      created_by bigint NOT NULL REFERENCES users(id),
      state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done')),
      created timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE INDEX bulk_jobs_created_by ON bulk_jobs (created_by, id);
    CREATE TABLE bulk_job_items (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      job_id bigint NOT NULL REFERENCES bulk_jobs(id) ON DELETE CASCADE,
      position integer NOT NULL,
      -- The uuid as given: an unknown or invisible order has no row to point at.
      order_uuid uuid NOT NULL,
      outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'done', 'refused', 'skipped')),
      status integer,
      code text NOT NULL DEFAULT '',
      message text NOT NULL DEFAULT '',
      finished_at timestamptz,
      UNIQUE (job_id, position)
    );
  `.execute(db);
}
