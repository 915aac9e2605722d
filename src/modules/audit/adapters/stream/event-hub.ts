import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../../../../platform/db/database.js';

/** A minimal logger. */
export interface WarnLogger {
  warn(obj: object, msg: string): void;
}

/** Channel the `events` insert trigger notifies on commit (migration 0006). */
export const EVENTS_CHANNEL = 'orderly_events';

/** What the hub needs: how often to look without a notification, and where to LISTEN. */
export interface EventHubOptions {
  pollMs: number;
  /** Connection string for the LISTEN connection; without it the hub only polls. */
  listenUrl?: string | undefined;
  logger: WarnLogger;
}

/** Tells a process's open streams that the log has advanced. */
export interface EventHub {
  /** Calls `wake` whenever new final events may exist; returns the unsubscribe function. */
  subscribe(wake: () => void): () => void;
  close(): Promise<void>;
}

/**
 * One per API process. Delivery across processes needs no broker: every process follows the
 * `events` table itself. A NOTIFY (sent at commit by the insert trigger) makes it look at once; the
 * poll covers what a notification cannot: an event becomes streamable only when every older
 * transaction has ended, which may be a transaction that writes no event and so notifies nobody.
 * Each look is one index probe for the last final position; streams are woken only when it moved.
 */
export function createEventHub(db: Db, opts: EventHubOptions): EventHub {
  const subscribers = new Set<() => void>();
  let head = '';
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<void> | undefined;
  let recheck = false;
  let listener: pg.Client | undefined;
  let closed = false;

  const readHead = async (): Promise<string> => {
    const r = await sql<{ tx: string; id: number }>`
      SELECT tx_id::text AS tx, id FROM events
      WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY tx_id DESC, id DESC LIMIT 1`.execute(db);
    const row = r.rows[0];
    return row ? `${row.tx}/${row.id}` : '';
  };
  const check = (): void => {
    if (checking) {
      recheck = true;
      return;
    }
    checking = (async () => {
      do {
        recheck = false;
        const now = await readHead().catch((err: unknown) => {
          opts.logger.warn({ err }, 'event stream: reading the log head failed');
          return head;
        });
        if (now !== head) {
          head = now;
          for (const wake of subscribers) wake();
        }
      } while (recheck && !closed);
    })().finally(() => {
      checking = undefined;
    });
  };
  const listen = async (): Promise<void> => {
    if (!opts.listenUrl || listener || closed) return;
    const client = new pg.Client({ connectionString: opts.listenUrl, application_name: 'orderly-events' });
    listener = client;
    const retry = () => {
      if (listener !== client) return;
      listener = undefined;
      client.end().catch(() => undefined);
      // Until the LISTEN connection is back the poll keeps streams going, only slower.
      if (!closed) setTimeout(() => void listen(), 1000).unref();
    };
    client.on('error', (err) => {
      opts.logger.warn({ err: { message: err.message } }, 'event stream: LISTEN connection failed');
      retry();
    });
    client.on('end', retry);
    client.on('notification', () => check());
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      check();
    } catch (err) {
      opts.logger.warn({ err }, 'event stream: could not LISTEN; polling only');
      retry();
    }
  };
  return {
    subscribe(wake) {
      subscribers.add(wake);
      if (!timer) {
        timer = setInterval(check, opts.pollMs);
        timer.unref();
      }
      void listen();
      return () => {
        subscribers.delete(wake);
        if (subscribers.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    async close() {
      closed = true;
      subscribers.clear();
      if (timer) clearInterval(timer);
      const l = listener;
      listener = undefined;
      await l?.end().catch(() => undefined);
      await checking;
    },
  };
}
