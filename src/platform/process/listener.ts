import pg from 'pg';
import type { Logger } from 'pino';

/** What a {@link listenChannel} connection reports. */
export interface ChannelHandlers {
  /** A notification on the channel (delivered only once its transaction committed). */
  onNotify(payload: string): void;
  /** The LISTEN connection came up (true: notifications flow) or went down (false: poll instead). */
  onListening(listening: boolean): void;
}

/** A running LISTEN connection. */
export interface ChannelListener {
  stop(): Promise<void>;
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * Holds one connection LISTENing on `channel`, reconnecting with back-off when it drops. While it
 * is down the caller polls as if no notification could come; `onListening(true)` after a
 * (re)connect lets the caller look once for what happened in the gap.
 */
export function listenChannel(
  url: string,
  channel: string,
  handlers: ChannelHandlers,
  logger: Logger,
): ChannelListener {
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = RETRY_MIN_MS;
  let stopped = false;
  const close = (c: pg.Client) => {
    c.removeAllListeners();
    c.on('error', () => undefined);
    return c.end().catch(() => undefined);
  };
  const down = (err: Error) => {
    if (stopped || !client) return;
    void close(client);
    client = undefined;
    handlers.onListening(false);
    logger.warn(
      { err: { message: err.message }, channel },
      'LISTEN connection lost; polling until it is back',
    );
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
  };
  const connect = async () => {
    retryTimer = undefined;
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, application_name: `orderly-listen-${channel}` });
    client = c;
    c.on('error', down);
    c.on('end', () => down(new Error('connection ended')));
    c.on('notification', (n) => {
      if (n.channel === channel) handlers.onNotify(n.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (stopped || client !== c) return;
      retryMs = RETRY_MIN_MS;
      handlers.onListening(true);
    } catch (err) {
      if (client === c) down(err instanceof Error ? err : new Error(String(err)));
    }
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      const c = client;
      client = undefined;
      if (c) await close(c);
    },
  };
}
