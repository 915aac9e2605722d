import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** NOTIFY channel that names a queue whenever a workflow row becomes ENQUEUED on it. */
export const ENQUEUED_CHANNEL = 'orderly_workflows';

const ON_INSERT = 'orderly_notify_enqueued_ins';
const ON_UPDATE = 'orderly_notify_enqueued_upd';

/**
 * Installs the trigger that wakes idle workers: every path that makes a workflow ENQUEUED (our
 * transactional enqueue, `resume`, the sweeper's hand-back, DBOS's delayed→enqueued transition)
 * writes `dbos.workflow_status`, so a row trigger catches them all. The NOTIFY is delivered at
 * commit (a rollback sends none) and PostgreSQL folds identical payloads of one transaction into
 * one, so a bulk enqueue notifies once per queue. The trigger is created only when missing: creating
 * it locks the table against enqueues, which a second process starting under load must not do.
 */
export async function installEnqueueNotify(db: Db): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION dbos.orderly_notify_enqueued() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify(${sql.lit(ENQUEUED_CHANNEL)}, coalesce(NEW.queue_name, ''));
      RETURN NULL;
    END $$`.execute(db);
  const present = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_trigger
     WHERE tgrelid = 'dbos.workflow_status'::regclass AND tgname IN (${ON_INSERT}, ${ON_UPDATE})`.execute(db);
  if (present.rows[0]?.n === 2) return;
  await sql`
    CREATE OR REPLACE TRIGGER ${sql.raw(ON_INSERT)} AFTER INSERT ON dbos.workflow_status
      FOR EACH ROW WHEN (NEW.status = 'ENQUEUED') EXECUTE FUNCTION dbos.orderly_notify_enqueued()`.execute(
    db,
  );
  await sql`
    CREATE OR REPLACE TRIGGER ${sql.raw(ON_UPDATE)} AFTER UPDATE OF status ON dbos.workflow_status
      FOR EACH ROW WHEN (NEW.status = 'ENQUEUED' AND OLD.status IS DISTINCT FROM 'ENQUEUED')
      EXECUTE FUNCTION dbos.orderly_notify_enqueued()`.execute(db);
}
