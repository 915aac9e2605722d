import type { ServerResponse } from 'node:http';
import type { LogPosition } from '../pg/event-log.js';
import type { EventHub, WarnLogger } from './event-hub.js';

/** Timing of a stream: comment heartbeats keep proxies from closing it; `retry` tells clients when to reconnect. */
export interface SseSettings {
  heartbeatMs: number;
  retryMs: number;
  /** Events read per query. */
  batch: number;
}

/** A batch of presented events and the position after it. */
export interface StreamBatch<E extends { id: number }> {
  rows: E[];
  next: LogPosition;
}

/** Reads one connection's events (its filters and its caller's visibility applied). */
export type StreamReader<E extends { id: number }> = (
  from: LogPosition,
  limit: number,
) => Promise<StreamBatch<E>>;

/** An open stream. */
export interface SseStream {
  /** Resolves when the client has gone or the stream was ended. */
  done: Promise<void>;
  /** Ends the stream (server shutdown); the client reconnects elsewhere with Last-Event-ID. */
  end(): void;
  /** Cuts the connection (shutdown, when an ended stream's client does not read its last bytes). */
  destroy(): void;
}

/**
 * Writes server-sent events to `res` from `from` on: each event as `id: <event id>` and one `data:`
 * line of JSON (no `event:` field, so `EventSource.onmessage` sees every type). Reads are serialised
 * per connection; a wake-up during a read triggers one more read, so no advance is missed. Writes
 * wait for `drain`, so a slow client holds back only its own stream. A failed read ends the stream
 * rather than skipping anything: the client resumes from its last id.
 */
export function openSseStream<E extends { id: number }>(
  res: ServerResponse,
  opts: {
    hub: EventHub;
    read: StreamReader<E>;
    from: LogPosition;
    settings: SseSettings;
    headers: Record<string, string>;
    logger: WarnLogger;
  },
): SseStream {
  let cursor = opts.from;
  let closed = false;
  let pumping = false;
  let again = false;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    // The stream is the whole connection: closing it afterwards lets shutdown finish at once.
    connection: 'close',
    'x-accel-buffering': 'no',
    ...opts.headers,
  });
  const write = async (chunk: string): Promise<void> => {
    if (closed || res.write(chunk)) return;
    await new Promise<void>((resolve) => {
      res.once('drain', resolve);
      res.once('close', resolve);
    });
  };
  const pump = async (): Promise<void> => {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        for (;;) {
          const batch = await opts.read(cursor, opts.settings.batch);
          for (const e of batch.rows) {
            if (closed) return;
            await write(`id: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`);
          }
          cursor = batch.next;
          if (batch.rows.length < opts.settings.batch) break;
        }
      } while (again && !closed);
    } catch (err) {
      opts.logger.warn({ err }, 'event stream: read failed; ending the stream');
      res.end();
    } finally {
      pumping = false;
    }
  };
  const unsubscribe = opts.hub.subscribe(() => void pump());
  const heartbeat = setInterval(() => {
    if (!closed && !res.writableNeedDrain) res.write(': heartbeat\n\n');
  }, opts.settings.heartbeatMs);
  const onClose = () => {
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    resolveDone();
  };
  // A client gone before the stream opened (while its start position was read) already had its
  // 'close': waiting for it would hold the request, and the server's shutdown, open for ever.
  if (res.destroyed) onClose();
  else res.on('close', onClose);
  if (!closed) void write(`retry: ${opts.settings.retryMs}\n: connected\n\n`).then(pump);
  return {
    done,
    end() {
      if (!closed) res.end();
    },
    destroy() {
      if (!closed) res.destroy();
    },
  };
}
