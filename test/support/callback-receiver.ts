import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One callback the receiver got. */
export interface CallbackReceived {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  status: number;
}

/** A local order-callback receiver on 127.0.0.1. */
export interface CallbackReceiver {
  url: string;
  received: CallbackReceived[];
  /** The bodies answered 2xx on `path`, in arrival order. */
  accepted(path: string): Record<string, unknown>[];
  /** Answers the next `n` requests to `path` with 500. */
  failNext(path: string, n: number): void;
  close(): Promise<void>;
}

/** Starts a receiver that answers 200 unless told to fail the next requests of a path. */
export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: CallbackReceived[] = [];
  const failing = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => {
      const path = req.url ?? '';
      const left = failing.get(path) ?? 0;
      if (left > 0) failing.set(path, left - 1);
      const status = left > 0 ? 500 : 200;
      received.push({ path, headers: req.headers, body: JSON.parse(raw) as Record<string, unknown>, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'boom');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    accepted: (path) => received.filter((r) => r.path === path && r.status === 200).map((r) => r.body),
    failNext: (path, n) => failing.set(path, n),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
