// The bench's HTTP client: node:http over keep-alive sockets, one per concurrent loop. fetch (undici)
// costs the bench process several times more CPU per request, and on 2 cores that CPU is taken from
// the server being measured.
import http from 'node:http';

/** A response as the scenarios need it. */
export interface BenchResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Requests against one server over at most `sockets` kept-alive connections. */
export interface BenchClient {
  request(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<BenchResponse>;
  close(): void;
}

/** A client for `base` (`http://host:port`). */
export function benchClient(base: string, sockets: number): BenchClient {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  return {
    request(method, path, headers, body) {
      return new Promise((resolve, reject) => {
        const req = http.request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            method,
            path,
            headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
