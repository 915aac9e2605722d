import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
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

/** What the enqueue listener reports. */
export interface EnqueueListenerHandlers {
  /** A workflow became ENQUEUED on this queue (committed). */
  onEnqueued(queueName: string): void;
  /** The LISTEN connection came up (true: notifications flow) or went down (false: poll instead). */
  onListening(listening: boolean): void;
}

/** A running LISTEN connection. */
export interface EnqueueListener {
  stop(): Promise<void>;
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * Holds one connection LISTENing on {@link ENQUEUED_CHANNEL}, reconnecting with back-off when it
 * drops. While it is down the caller polls; `onListening(true)` after a (re)connect lets the
 * caller look once for what was enqueued in the gap.
 */
export function listenForEnqueues(
  url: string,
  handlers: EnqueueListenerHandlers,
  logger: Logger,
): EnqueueListener {
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = RETRY_MIN_MS;
  let stopped = false;
  const down = (err: Error) => {
    if (stopped || !client) return;
    const c = client;
    client = undefined;
    c.removeAllListeners();
    c.on('error', () => undefined);
    c.end().catch(() => undefined);
    handlers.onListening(false);
    logger.warn({ err: { message: err.message } }, 'workflow queue LISTEN connection lost; polling');
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
  };
  const connect = async () => {
    retryTimer = undefined;
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, application_name: 'orderly-queue-listener' });
    client = c;
    c.on('error', down);
    c.on('end', () => down(new Error('connection ended')));
    c.on('notification', (n) => {
      if (n.channel === ENQUEUED_CHANNEL) handlers.onEnqueued(n.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${ENQUEUED_CHANNEL}`);
      if (stopped || client !== c) return;
      retryMs = RETRY_MIN_MS;
      handlers.onListening(true);
    } catch (err) {
      down(err instanceof Error ? err : new Error(String(err)));
    }
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      const c = client;
      client = undefined;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => undefined);
        await c.end().catch(() => undefined);
      }
    },
  };
}
