import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import type { Logger } from 'pino';
import type { Db } from '../../../../platform/db/database.js';
import type { SecretBox } from '../../../../platform/secrets/secret-box.js';
import { liveCertificateFor } from '../ca/tenant-certificates.js';
import { deleteConsoleEndpoint, upsertConsoleEndpoint } from '../pg/infra-store.js';
import { consumeSetupToken } from '../storage/admin-user.js';
import type { StorageOutput } from '../storage/pg-storage.js';
import { renderConsolePage } from './pages.js';

/** Options of {@link startTenantConsole}. */
export interface ConsoleOptions {
  db: Db;
  databaseUrl: string;
  secrets: SecretBox;
  executorId: string;
  host: string;
  /** 0: an ephemeral port (the default), recorded in `tenant_console_endpoints`. */
  port: number;
  logger: Logger;
}

/** A running console listener. */
export interface TenantConsole {
  port: number;
  stop(): Promise<void>;
}

// Decrypted contexts by certificate serial: certificates never change, revocation is checked per
// handshake by the lookup itself.
type Contexts = Map<string, tls.SecureContext>;

async function contextFor(o: ConsoleOptions, cache: Contexts, servername: string) {
  const cert = await liveCertificateFor(o.db, o.secrets, servername.toLowerCase());
  if (!cert) return undefined;
  let ctx = cache.get(cert.serial);
  if (!ctx) {
    ctx = tls.createSecureContext({ cert: cert.certPem, key: cert.keyPem });
    cache.set(cert.serial, ctx);
  }
  return ctx;
}

async function storageOf(
  db: Db,
  host: string,
): Promise<{ name: string; storage: StorageOutput } | undefined> {
  const t = await db
    .selectFrom('tenants as t')
    .innerJoin('tenant_storage as s', 's.tenant_id', 't.id')
    .select(['t.name', 's.kind', 's.name as storage_name', 's.role'])
    .where('t.slug', '=', host.slice(0, Math.max(0, host.indexOf('.'))))
    .where('t.base_domain', '=', host.slice(host.indexOf('.') + 1))
    .where('t.state', '<>', 'Decommissioned')
    .executeTakeFirst();
  return t ? { name: t.name, storage: { kind: t.kind, name: t.storage_name, role: t.role } } : undefined;
}

/**
 * The tenant console listener (tenant spec §5.1 step 6): one HTTPS server per worker or serve
 * process that presents each tenant's own certificate by SNI and serves its admin console. Only a
 * live, unrevoked certificate of a tenant that is not Decommissioned completes the handshake.
 */
export async function startTenantConsole(o: ConsoleOptions): Promise<TenantConsole> {
  const cache: Contexts = new Map();
  const server = https.createServer(
    {
      SNICallback: (servername, cb) => {
        contextFor(o, cache, servername).then(
          (ctx) => (ctx ? cb(null, ctx) : cb(new Error(`no certificate for ${servername}`))),
          (err: Error) => cb(err),
        );
      },
    },
    (req, res) => {
      const host = (req.headers.host ?? '').split(':')[0]?.toLowerCase() ?? '';
      const url = new URL(req.url ?? '/', 'https://console');
      void (async () => {
        const tenant = await storageOf(o.db, host);
        const token = url.searchParams.get('token') ?? '';
        const setupOk =
          tenant && url.pathname === '/admin/setup/' && token
            ? await consumeSetupToken(o.db, o.databaseUrl, tenant.storage, token)
            : false;
        const page = renderConsolePage(url.pathname, tenant?.name, setupOk);
        res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8', ...page.headers });
        res.end(page.body);
      })().catch((err: unknown) => {
        o.logger.warn({ err }, 'tenant console request failed');
        res.writeHead(500).end();
      });
    },
  );
  server.on('tlsClientError', () => undefined); // unknown hosts fail their handshake; not worth a log line
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, o.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  // An ephemeral port is kept across restarts of the same executor when it is still free, so the
  // admin console URLs recorded at activation keep working after a worker comes back.
  const previous =
    o.port === 0
      ? await o.db
          .selectFrom('tenant_console_endpoints')
          .select('port')
          .where('executor_id', '=', o.executorId)
          .executeTakeFirst()
      : undefined;
  if (previous) await listen(previous.port).catch(() => listen(0));
  else await listen(o.port);
  const port = (server.address() as AddressInfo).port;
  await upsertConsoleEndpoint(o.db, { executor_id: o.executorId, host: o.host, port });
  o.logger.info({ port }, 'tenant console listening');
  return {
    port,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await deleteConsoleEndpoint(o.db, o.executorId, port).catch(() => undefined);
    },
  };
}
