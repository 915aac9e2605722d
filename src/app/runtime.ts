import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { pino } from 'pino';
import { bulkJobStarter, bulkOrdersWorkflow } from '../flows/bulk-orders/workflow.js';
import { processOrderWorkflow } from '../flows/process-order/workflow.js';
import { tenantPorts } from '../flows/provision-tenant/compose.js';
import { remoteOrderJobs } from '../flows/remote-orders/pull.js';
import {
  DEFAULT_PULL_DELAYS_MS,
  processRemoteOrderWorkflow,
  type RemoteOrderOptions,
} from '../flows/remote-orders/workflow.js';
import { tenantJobs } from '../flows/tenant-maintenance/jobs.js';
import { EVENTS_CHANNEL } from '../modules/audit/adapters/stream/event-hub.js';
import { driftJobs } from '../modules/drift/adapters/jobs/drift-jobs.js';
import { approvalSlaJobs } from '../modules/notifications/adapters/jobs/approval-sla-jobs.js';
import { notificationJobs } from '../modules/notifications/adapters/jobs/notification-jobs.js';
import { type SmtpMailer, smtpMailer } from '../modules/notifications/adapters/smtp/smtp-mailer.js';
import type { Mailer } from '../modules/notifications/app/deliver-notifications.js';
import { planJobs } from '../modules/offerings/adapters/jobs/plan-jobs.js';
import { orderJobs } from '../modules/orders/adapters/jobs/order-jobs.js';
import { scheduledOrderJobs } from '../modules/orders/adapters/jobs/scheduled-jobs.js';
import { installProcessing } from '../modules/orders/app/processing-port.js';
import { siteAgentJobs } from '../modules/site-agent/adapters/jobs/agent-jobs.js';
import { ensureLocalCa } from '../modules/tenants/adapters/ca/local-ca.js';
import {
  startTenantConsole,
  type TenantConsole,
} from '../modules/tenants/adapters/console/console-server.js';
import type { Config, ProcessRole } from '../platform/config/config.js';
import { type Database, type Db, openDatabase } from '../platform/db/database.js';
import { type PeriodicJob, type Schedule, startSchedule } from '../platform/jobs/periodic.js';
import { type Heartbeat, startHeartbeat } from '../platform/process/heartbeat.js';
import { loadSecretBox, type SecretBox } from '../platform/secrets/secret-box.js';
import { type AnyWorkflow, startWorkflowEngine, type WorkflowEngine } from '../platform/workflows/index.js';
import { integrationJobs } from './integrations.js';
import { appProcessors } from './processors.js';
import { buildApp } from './server.js';
import { type SetupResult, setupDatabase } from './setup.js';
import { appTenantWorkflows, type TenantWiring, tenantSettingsOf } from './tenants.js';

/**
 * Version stamped on every workflow run; workers only run their own version (design/stack.md
 * gotcha 12). Bump it deliberately when a workflow's steps change incompatibly, and drain the old runs.
 */
export const WORKFLOW_VERSION = '1';

/**
 * Every workflow of the application, explicitly: the engine registers exactly these before it
 * launches. A module adds its definitions here (built by its factory from the database handle).
 */
export function appWorkflows(db: Db, remote: Partial<RemoteOrderOptions> = {}, tenant: TenantWiring = {}) {
  const processOrder = processOrderWorkflow(db);
  const processRemoteOrder = processRemoteOrderWorkflow(db, {
    publicUrl: remote.publicUrl ?? (() => undefined),
    pullDelaysMs: remote.pullDelaysMs ?? DEFAULT_PULL_DELAYS_MS,
  });
  const tenants = appTenantWorkflows(db, tenant);
  const bulkOrders = bulkOrdersWorkflow(db);
  return {
    processOrder,
    processRemoteOrder,
    tenants,
    bulkOrders,
    all: [processOrder, processRemoteOrder, ...tenants.all, bulkOrders.workflow] as AnyWorkflow[],
  };
}

/**
 * Every periodic job of the application (run by worker processes, each under its advisory lock).
 * A module adds its jobs here.
 */
export function appJobs(config: Config, db: Db, logger?: Logger, services: JobServices = {}): PeriodicJob[] {
  const everyMs = config.jobIntervalSeconds * 1000;
  return [
    ...orderJobs(config.executionTimeoutSeconds),
    ...siteAgentJobs(),
    ...driftJobs(everyMs),
    ...approvalSlaJobs(everyMs),
    ...planJobs(everyMs),
    ...remoteOrderJobs(db, config.remotePullSeconds, logger),
    ...scheduledOrderJobs(everyMs),
    ...(services.engine && services.tenants
      ? tenantJobs(
          services.engine,
          services.tenants.maintenance,
          services.tenants.settings.lockTtlMs,
          logger ?? noLog,
        )
      : []),
    // Webhook and callback work is born with an event: those jobs sleep while idle, the events NOTIFY wakes them.
    ...(services.secrets
      ? integrationJobs(db, config.integrations, services.secrets).map((j) => ({
          ...j,
          wakeOn: EVENTS_CHANNEL,
        }))
      : []),
    ...notificationJobs({
      mailer: services.mailer,
      reminderAfterSeconds: config.approvalReminderSeconds,
      reminderEveryMs: everyMs,
      deliveryEveryMs: config.mailIntervalSeconds * 1000,
    }),
  ];
}

/** What the scheduled jobs act through besides the installed order processing: the mailer, engine, secrets. */
export interface JobServices {
  /** Set when `ORDERLY_SMTP_URL` is configured. */
  mailer?: Mailer | undefined;
  /** The engine and tenant workflows: tenant maintenance and the tenant lock sweeper need them. */
  engine?: WorkflowEngine;
  tenants?: ReturnType<typeof appWorkflows>['tenants'];
  /** Opens webhook signing secrets; the webhook jobs run only with it. */
  secrets?: SecretBox;
}

const noLog = pino({ level: 'silent' });

/** A running Orderly process. */
export interface Running {
  database: Database;
  setup: SetupResult;
  app: FastifyInstance | undefined;
  /** Base URL when serving HTTP. */
  url: string | undefined;
  /** Durable workflows: enqueue and inspect everywhere; run them in `serve` and `worker`. */
  workflows: WorkflowEngine;
  /** Ordered shutdown: HTTP (finishing in-flight requests) → workflow engine → heartbeat → pool → embedded server. */
  stop(): Promise<void>;
}

/**
 * Starts one process of the given role: database (embedded or external), set-up under the advisory
 * lock, heartbeat, the workflow engine (workers for `serve`/`worker`; the heartbeat comes first so no
 * sweeper takes this executor's workflows for a dead one's), and for `serve`/`api` the HTTP server.
 */
export async function startProcess(
  role: Exclude<ProcessRole, 'migrate'>,
  config: Config,
  logger: Logger,
): Promise<Running> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedPgPort: config.embeddedPgPort,
    logger,
    applicationName: `orderly-${config.workerId}`,
  });
  let heartbeat: Heartbeat | undefined;
  let app: FastifyInstance | undefined;
  let workflows: WorkflowEngine | undefined;
  let schedule: Schedule | undefined;
  let mailer: SmtpMailer | undefined;
  let tenantConsole: TenantConsole | undefined;
  const stop = async () => {
    await app?.close();
    await tenantConsole?.stop();
    await schedule?.stop();
    mailer?.close();
    await workflows?.stop().catch((err: unknown) => logger.warn({ err }, 'workflow engine stop failed'));
    await heartbeat?.stop().catch((err: unknown) => logger.warn({ err }, 'heartbeat cleanup failed'));
    await database.close();
  };
  try {
    // The demo seed (set-up) approves orders before the engine exists; its orders are all of inline
    // kinds. The processors are installed again on the engine once it runs.
    installProcessing(appProcessors());
    const setup = await setupDatabase(
      database.db,
      { bootstrapStaffToken: config.bootstrapStaffToken, demo: config.demo, dataDir: config.dataDir },
      logger,
    );
    heartbeat = await startHeartbeat(database.db, config.workerId, role, logger);
    // The callback URL of remote orders needs this server's address, known only once it listens.
    let listening: string | undefined;
    const secrets = loadSecretBox({ secretKey: config.secretKey, dataDir: config.dataDir });
    const tenantWiring = { databaseUrl: database.url, secrets, settings: tenantSettingsOf(config), logger };
    const defs = appWorkflows(database.db, { publicUrl: () => config.publicUrl ?? listening }, tenantWiring);
    workflows = await startWorkflowEngine({
      db: database.db,
      databaseUrl: database.url,
      executorId: config.workerId,
      applicationVersion: WORKFLOW_VERSION,
      logger,
      workers: role !== 'api',
      workflows: defs.all,
    });
    // Every processor kind, on this process's engine: script, remote and saga runs are enqueued on it.
    installProcessing(appProcessors({ engine: workflows, ...defs }));
    if (role !== 'api') {
      mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : undefined;
      const jobServices = { mailer, engine: workflows, tenants: defs.tenants, secrets };
      const jobs = appJobs(config, database.db, logger, jobServices);
      schedule = startSchedule(database.db, jobs, logger, true, database.url);
      // The local CA exists from the first worker start; the console serves tenant admin consoles.
      await ensureLocalCa(database.db, secrets);
      tenantConsole = await startTenantConsole({
        db: database.db,
        databaseUrl: database.url,
        secrets,
        executorId: config.workerId,
        host: config.host,
        port: config.tenantConsolePort,
        logger,
      });
    }
    let url: string | undefined;
    if (role !== 'worker') {
      app = await buildApp(database.db, logger, {
        readDb: database.readDb,
        startBulkJob: bulkJobStarter(workflows, defs.bulkOrders),
        demo: config.demo ? { dataDir: config.dataDir } : undefined,
        currency: config.currency,
        orderAttachmentMaxBytes: config.orderAttachmentMaxBytes,
        integrations: { pool: database.pool, listenUrl: database.url, secrets, config: config.integrations },
        tenants: {
          settings: tenantWiring.settings,
          secrets,
          cancelRun: tenantPorts(workflows, defs.tenants, tenantWiring.settings).cancelRun,
        },
      });
      url = await app.listen({ port: config.port, host: config.host });
      listening = url;
    }
    return { database, setup, app, url, workflows, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
