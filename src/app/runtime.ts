import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { workflowAsyncProcessors } from '../flows/process-order/async.js';
import { processOrderWorkflow } from '../flows/process-order/workflow.js';
import { orderJobs } from '../modules/orders/adapters/jobs/order-jobs.js';
import type { Config, ProcessRole } from '../platform/config/config.js';
import { type Database, type Db, openDatabase } from '../platform/db/database.js';
import { type PeriodicJob, type Schedule, startSchedule } from '../platform/jobs/periodic.js';
import { type Heartbeat, startHeartbeat } from '../platform/process/heartbeat.js';
import { type AnyWorkflow, startWorkflowEngine, type WorkflowEngine } from '../platform/workflows/index.js';
import { buildApp } from './server.js';
import { type SetupResult, setupDatabase } from './setup.js';

/**
 * Version stamped on every workflow run; workers only run their own version (design/stack.md
 * gotcha 12). Bump it deliberately when a workflow's steps change incompatibly, and drain the old runs.
 */
export const WORKFLOW_VERSION = '1';

/**
 * Every workflow of the application, explicitly: the engine registers exactly these before it
 * launches. A module adds its definitions here (built by its factory from the database handle).
 */
export function appWorkflows(db: Db) {
  const processOrder = processOrderWorkflow(db);
  return { processOrder, all: [processOrder] as AnyWorkflow[] };
}

/**
 * Every periodic job of the application (run by worker processes, each under its advisory lock).
 * A module adds its jobs here.
 */
export function appJobs(config: Config): PeriodicJob[] {
  return [...orderJobs(config.executionTimeoutSeconds)];
}

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
  const stop = async () => {
    await app?.close();
    await schedule?.stop();
    await workflows?.stop().catch((err: unknown) => logger.warn({ err }, 'workflow engine stop failed'));
    await heartbeat?.stop().catch((err: unknown) => logger.warn({ err }, 'heartbeat cleanup failed'));
    await database.close();
  };
  try {
    const setup = await setupDatabase(
      database.db,
      { bootstrapStaffToken: config.bootstrapStaffToken, demo: config.demo, dataDir: config.dataDir },
      logger,
    );
    heartbeat = await startHeartbeat(database.db, config.workerId, role, logger);
    const defs = appWorkflows(database.db);
    workflows = await startWorkflowEngine({
      db: database.db,
      databaseUrl: database.url,
      executorId: config.workerId,
      applicationVersion: WORKFLOW_VERSION,
      logger,
      workers: role !== 'api',
      workflows: defs.all,
    });
    if (role !== 'api') schedule = startSchedule(database.db, appJobs(config), logger);
    let url: string | undefined;
    if (role !== 'worker') {
      app = await buildApp(database.db, logger, {
        asyncProcessors: workflowAsyncProcessors(workflows, defs.processOrder),
      });
      url = await app.listen({ port: config.port, host: config.host });
    }
    return { database, setup, app, url, workflows, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
