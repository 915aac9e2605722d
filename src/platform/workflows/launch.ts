import { DBOS, type DBOSClient } from '@dbos-inc/dbos-sdk';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { type ChannelListener, listenChannel } from '../process/listener.js';
import { dbosLogger } from './dbos-logger.js';
import { slowDbosHousekeeping, takeOverInternalQueue } from './dbos-loops.js';
import { DEFAULT_QUEUE } from './define.js';
import { DEFAULT_DISPATCH, type Dispatcher, type DispatchIntervals, startDispatcher } from './dispatcher.js';
import { ENQUEUED_CHANNEL } from './enqueue-notify.js';
import { queuesOf, registerWorkflows } from './register.js';
import { type Sweeper, startSweeper } from './sweeper.js';
import type { AnyWorkflow } from './types.js';

/** What {@link launchWorkers} needs (a subset of the engine options plus what the engine derived). */
export interface LaunchOptions {
  db: Db;
  url: string;
  executorId: string;
  applicationVersion: string;
  applicationName: string;
  logger: Logger;
  workflows: readonly AnyWorkflow[];
  client: DBOSClient;
  queueFor: (workflowName: string) => string;
  pollingIntervalMs?: number;
  /** Poll interval of an idle queue while enqueue notifications flow (default 30 s). */
  idlePollingIntervalMs?: number;
  sweepIntervalMs?: number;
  drainTimeoutMs?: number;
}

/** The worker half of the engine: DBOS launched in this process, and the sweeper. */
export interface Workers {
  stop(): Promise<void>;
}

/**
 * Launches DBOS as this process's executor. DBOS is a process-wide singleton, so one worker engine per
 * process. Order matters: workflows are registered before `launch()` (DBOS runs only what it knew at
 * launch, and launch already recovers this executor id's interrupted workflows, gotcha 10), queues
 * after it (gotcha 13), then the dispatcher and its LISTEN connection, and the sweeper last.
 */
export async function launchWorkers(o: LaunchOptions): Promise<Workers> {
  if (DBOS.isInitialized()) throw new Error('the workflow engine already runs workers in this process');
  DBOS.setConfig({
    name: o.applicationName,
    systemDatabaseUrl: o.url,
    executorID: o.executorId,
    // Never DBOS's default, an md5 of the registered functions' source: it differs between tsx and
    // the built dist/ for the same code, and recovery and dequeue only take their own version (gotcha 12).
    applicationVersion: o.applicationVersion,
    logger: dbosLogger(o.logger),
    // migrateSystemSchema already ran under the setup lock; launch only verifies the schema.
    runMigrations: false,
    // DBOS's runner polls every queue at a fixed interval, idle or not; Orderly's dispatcher polls
    // them instead, fast only when woken by the enqueue trigger's NOTIFY (dispatcher.ts).
    listenQueues: [],
    // DBOS's notifier wakes this often to flush DBOS event/stream NOTIFYs (default 10 ms: 100 idle
    // wake-ups a second); Orderly uses neither events nor streams.
    notificationCoalesceMs: 500,
  });
  let sweeper: Sweeper | undefined;
  let dispatcher: Dispatcher | undefined;
  let listener: ChannelListener | undefined;
  const stop = async () => {
    await sweeper?.stop();
    await listener?.stop();
    await dispatcher?.stop();
    // deregister: a later start in this process (tests, restarts) registers fresh wrappers.
    await DBOS.shutdown({ deregister: true, workflowCompletionTimeoutMS: o.drainTimeoutMs ?? 5_000 });
  };
  try {
    registerWorkflows(o.workflows, o.logger);
    slowDbosHousekeeping();
    await DBOS.launch();
    const queues = [];
    for (const q of queuesOf(o.workflows, DEFAULT_QUEUE)) {
      queues.push(
        await DBOS.registerQueue(q.name, {
          workerConcurrency: q.workerConcurrency,
          ...(q.globalConcurrency !== undefined ? { globalConcurrency: q.globalConcurrency } : {}),
          minPollingIntervalMs: o.pollingIntervalMs ?? DEFAULT_DISPATCH.busyMs,
        }),
      );
    }
    const intervals: DispatchIntervals = {
      ...DEFAULT_DISPATCH,
      busyMs: o.pollingIntervalMs ?? DEFAULT_DISPATCH.busyMs,
      idleMs: o.idlePollingIntervalMs ?? DEFAULT_DISPATCH.idleMs,
    };
    const internal = takeOverInternalQueue();
    const d = startDispatcher(internal ? [internal, ...queues] : queues, { ...o, intervals });
    dispatcher = d;
    listener = listenChannel(
      o.url,
      ENQUEUED_CHANNEL,
      { onNotify: (queue) => d.poke(queue), onListening: (up) => d.setListening(up) },
      o.logger,
    );
    sweeper = startSweeper(o, o.sweepIntervalMs ?? 2_000);
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  o.logger.info(
    { executorId: o.executorId, applicationVersion: o.applicationVersion },
    'workflow workers started',
  );
  return { stop };
}
