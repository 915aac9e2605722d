import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config, ProcessRole } from '../platform/config/config.js';
import { type Database, openDatabase } from '../platform/db/database.js';
import { type Heartbeat, startHeartbeat } from '../platform/process/heartbeat.js';
import { buildApp } from './server.js';
import { type SetupResult, setupDatabase } from './setup.js';

/** A running Orderly process. */
export interface Running {
  database: Database;
  setup: SetupResult;
  app: FastifyInstance | undefined;
  /** Base URL when serving HTTP. */
  url: string | undefined;
  /** Ordered shutdown: HTTP (finishing in-flight requests) → heartbeat → pool → embedded server. */
  stop(): Promise<void>;
}

/**
 * Starts one process of the given role: database (embedded or external), set-up under the advisory
 * lock, heartbeat, and for `serve`/`api` the HTTP server.
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
  const stop = async () => {
    await app?.close();
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
    let url: string | undefined;
    if (role !== 'worker') {
      app = await buildApp(database.db, logger);
      url = await app.listen({ port: config.port, host: config.host });
    }
    return { database, setup, app, url, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
