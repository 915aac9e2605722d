import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { EventHub } from '../../src/modules/audit/adapters/stream/event-hub.js';
import { openSseStream } from '../../src/modules/audit/adapters/stream/sse-stream.js';

const hub: EventHub = { subscribe: () => () => undefined, close: async () => undefined };
const quietLogger = { warn: () => undefined };

describe('an event stream whose client left before it opened', () => {
  it('is done at once, so the request (and the server shutdown waiting for it) ends', async () => {
    let reads = 0;
    let gotRequest: () => void = () => undefined;
    const received = new Promise<void>((resolve) => {
      gotRequest = resolve;
    });
    const handled = new Promise<{ done: boolean; reads: number }>((resolve) => {
      const server = http.createServer((req, res) => {
        // The route reads the start position first; the client goes away meanwhile.
        req.socket.once('close', async () => {
          const stream = openSseStream(res, {
            hub,
            from: { tx: 0n, id: 0 },
            read: async (from) => {
              reads++;
              return { rows: [], next: from };
            },
            settings: { heartbeatMs: 60_000, retryMs: 1000, batch: 10 },
            headers: {},
            logger: quietLogger,
          });
          await stream.done;
          server.close();
          resolve({ done: true, reads });
        });
        gotRequest();
      });
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        const client = http.get({ host: '127.0.0.1', port, path: '/' });
        client.on('error', () => undefined);
        // Gone once the server has the request, before any answer.
        void received.then(() => client.destroy());
      });
    });
    // Before the fix `done` never resolved and this test ran into its timeout.
    expect(await handled).toEqual({ done: true, reads: 0 });
  });
});
