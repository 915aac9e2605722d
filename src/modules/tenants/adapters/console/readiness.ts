import https from 'node:https';
import tls from 'node:tls';
import type { Db } from '../../../../platform/db/database.js';

/** What a readiness check saw. */
export interface ReadinessOutput {
  status: number;
  console_port: number;
  checked_url: string;
}

/** The check could not decide "ready": retryable until the step runs out of tries (§5.1 step 6). */
export class NotReadyError extends Error {
  readonly code = 'tenant.not_ready';
  readonly retryable = true;
}

/** The console endpoint to probe: this process's own listener, else any live one. */
export async function consoleEndpoint(db: Db, executorId: string) {
  const rows = await db
    .selectFrom('tenant_console_endpoints as e')
    .innerJoin('process_heartbeats as h', 'h.executor_id', 'e.executor_id')
    .select(['e.executor_id', 'e.host', 'e.port'])
    .orderBy('h.heartbeat_at', 'desc')
    .execute();
  return rows.find((r) => r.executor_id === executorId) ?? rows[0];
}

/**
 * `check_readiness`: an HTTPS `GET /admin/` to the tenant console with SNI `host`, trusting only the
 * local CA and checking the host name against the certificate. Ready = 2xx, or a 3xx to the login page.
 */
export async function checkReadiness(
  db: Db,
  executorId: string,
  host: string,
  caPem: string,
  signal: AbortSignal,
): Promise<ReadinessOutput> {
  const ep = await consoleEndpoint(db, executorId);
  if (!ep) throw new NotReadyError('no tenant console listener is running');
  const address = ep.host === '0.0.0.0' || ep.host === '::' ? '127.0.0.1' : ep.host;
  const status = await new Promise<{ status: number; location: string }>((resolve, reject) => {
    const req = https.request(
      {
        host: address,
        port: ep.port,
        path: '/admin/',
        method: 'GET',
        servername: host,
        headers: { host },
        ca: [caPem],
        agent: false,
        signal,
        checkServerIdentity: (_name, cert) => tls.checkServerIdentity(host, cert),
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? '') }),
        );
      },
    );
    req.on('error', (err) => reject(new NotReadyError(`console unreachable: ${err.message}`)));
    req.end();
  });
  const ok =
    (status.status >= 200 && status.status < 300) ||
    (status.status >= 300 && status.status < 400 && status.location.includes('/login'));
  if (!ok) throw new NotReadyError(`the admin console answered ${status.status}`);
  return { status: status.status, console_port: ep.port, checked_url: `https://${host}:${ep.port}/admin/` };
}
