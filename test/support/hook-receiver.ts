import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Whether the signature checked out under the README recipe with the hook's secret. */
  verified: boolean;
  status: number;
  /** `Date.now()` on arrival. */
  at: number;
}

/** A local webhook receiver on 127.0.0.1. */
export interface HookReceiver {
  url: string;
  received: Received[];
  /** Registers the secret of the hook whose uuid (hex) arrives in bodies. */
  trust(hookUuid: string, secret: string): void;
  close(): Promise<void>;
}

/**
 * The verification recipe of README.md, written independently of Orderly's code: split
 * `Orderly-Signature` into `t` and `v1`, HMAC-SHA256 the string `<t>.<raw body>` with the secret,
 * compare in constant time, and refuse timestamps more than five minutes away.
 */
export function verify(secret: string, header: string | undefined, rawBody: string): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=')));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(String(parts.v1 ?? ''), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Answers by path: `/ok` 200; `/flaky` 500 to the first two attempts of each original delivery
 * (replays succeed at once); `/down` always 500.
 */
export async function startHookReceiver(): Promise<HookReceiver> {
  const secrets = new Map<string, string>();
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => {
      const parsed = JSON.parse(body) as { hook: string; delivery: string; replay_of: string | null };
      const secret = secrets.get(parsed.hook) ?? '';
      const n = (attempts.get(parsed.delivery) ?? 0) + 1;
      attempts.set(parsed.delivery, n);
      const path = req.url ?? '';
      const status =
        path === '/down' || (path === '/flaky' && parsed.replay_of === null && n <= 2) ? 500 : 200;
      received.push({
        path,
        headers: req.headers,
        body,
        verified: verify(secret, req.headers['orderly-signature'] as string, body),
        status,
        at: Date.now(),
      });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'boom');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    trust: (hook, secret) => secrets.set(hook, secret),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
