import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { eventStreamRoutes } from '../modules/audit/adapters/http/stream-routes.js';
import { callbackJobs } from '../modules/callbacks/adapters/jobs/callback-jobs.js';
import { hookDeliveryRoutes } from '../modules/hooks/adapters/http/delivery-routes.js';
import { hookRoutes } from '../modules/hooks/adapters/http/hook-routes.js';
import { hookJobs } from '../modules/hooks/adapters/jobs/hook-jobs.js';
import { hookMetrics } from '../modules/hooks/adapters/metrics/hook-metrics.js';
import { checkDestination, httpHookSender } from '../modules/hooks/adapters/net/destination.js';
import { orderMetrics } from '../modules/orders/adapters/metrics/order-metrics.js';
import type { IntegrationsConfig } from '../platform/config/config.js';
import type { Db } from '../platform/db/database.js';
import type { PeriodicJob } from '../platform/jobs/periodic.js';
import { metricsRoutes } from '../platform/metrics/metrics-routes.js';
import type { SecretBox } from '../platform/secrets/secret-box.js';
import { workflowMetrics } from '../platform/workflows/metrics.js';
import { VERSION } from './version.js';

/** What the live stream, webhooks and metrics need from the process that serves them. */
export interface IntegrationServices {
  /** The process's pool: `/metrics` reports its use. */
  pool?: pg.Pool | undefined;
  /** Connection string for the stream's LISTEN connection (without it streams poll only). */
  listenUrl?: string | undefined;
  /** Seals webhook secrets (falls back to the tenant services' box). */
  secrets?: SecretBox | undefined;
  /** The environment's settings; defaults apply where absent. */
  config?: Partial<IntegrationsConfig> | undefined;
  /** Milliseconds overriding the configured seconds (tests want short heartbeats and polls). */
  heartbeatMs?: number | undefined;
  pollMs?: number | undefined;
}

/** Defaults of {@link IntegrationsConfig}, as `loadConfig` applies them. */
export const INTEGRATION_DEFAULTS: IntegrationsConfig = {
  sseHeartbeatSeconds: 15,
  ssePollSeconds: 1,
  hooksAllowPrivate: false,
  hooksIntervalSeconds: 2,
  hooksMaxAttempts: 8,
  hooksRetryBaseSeconds: 10,
  hooksTimeoutSeconds: 10,
  metricsToken: undefined,
};

/** `User-Agent` of webhook requests. */
export const HOOK_USER_AGENT = `Orderly-Hooks/${VERSION}`;

/** The live event stream, webhook and metrics routes. */
export function integrationRoutes(
  app: FastifyInstance,
  db: Db,
  services: IntegrationServices = {},
  fallbackSecrets?: SecretBox,
): void {
  const c = { ...INTEGRATION_DEFAULTS, ...services.config };
  metricsRoutes(app, db, {
    pool: services.pool,
    token: c.metricsToken,
    sources: [
      { name: 'orders', collect: orderMetrics },
      { name: 'workflows', collect: workflowMetrics },
      { name: 'hooks', collect: hookMetrics },
    ],
  });
  eventStreamRoutes(app, db, {
    heartbeatMs: services.heartbeatMs ?? c.sseHeartbeatSeconds * 1000,
    pollMs: services.pollMs ?? c.ssePollSeconds * 1000,
    retryMs: 3000,
    listenUrl: services.listenUrl,
  });
  hookRoutes(app, {
    db,
    secrets: services.secrets ?? fallbackSecrets,
    checkDestination: (url) => checkDestination(url, c.hooksAllowPrivate),
  });
  hookDeliveryRoutes(app);
}

/** The webhook and order-callback jobs of worker processes (callbacks go out under the webhook settings). */
export function integrationJobs(db: Db, config: IntegrationsConfig, secrets: SecretBox): PeriodicJob[] {
  const sender = httpHookSender({
    allowPrivate: config.hooksAllowPrivate,
    timeoutMs: config.hooksTimeoutSeconds * 1000,
    userAgent: HOOK_USER_AGENT,
  });
  const rules = { maxAttempts: config.hooksMaxAttempts, baseDelaySeconds: config.hooksRetryBaseSeconds };
  const leaseSeconds = config.hooksTimeoutSeconds + 30;
  return [
    ...hookJobs(db, config.hooksIntervalSeconds * 1000, { secrets, sender, rules, leaseSeconds, batch: 8 }),
    ...callbackJobs(db, config.hooksIntervalSeconds * 1000, { sender, rules, leaseSeconds, batch: 8 }),
  ];
}
