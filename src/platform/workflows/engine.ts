import { DBOSClient, Error as DBOSErrors } from '@dbos-inc/dbos-sdk';
import type { Logger } from 'pino';
import type { Db, Tx } from '../db/database.js';
import { dbosLogger } from './dbos-logger.js';
import { DEFAULT_QUEUE } from './define.js';
import { WorkflowIdConflictError, WorkflowNotFoundError } from './errors.js';
import { launchWorkers, type Workers } from './launch.js';
import { type StepRecord, toStepRecord, toWorkflowState, type WorkflowState } from './status.js';
import { migrateSystemSchema, systemDatabaseUrl } from './system-schema.js';
import { txAsPgClient } from './tx-client.js';
import type { AnyWorkflow, QueueSpec, WorkflowDefinition } from './types.js';

/** DBOS application name: scopes Orderly's rows, queues and versions in the `dbos` schema. */
export const APPLICATION_NAME = 'orderly';

/** Options of {@link startWorkflowEngine}. */
export interface WorkflowEngineOptions {
  db: Db;
  /** The app database; DBOS's tables live there in schema `dbos`. */
  databaseUrl: string;
  /** This process slot's stable, unique id (config `workerId`, stack.md gotcha 10). */
  executorId: string;
  /** Explicit version; workers only run workflows stamped with theirs (gotcha 12). Bump it deliberately. */
  applicationVersion: string;
  logger: Logger;
  /** Run queue workers and the sweeper here (`serve`, `worker`); false: enqueue and inspect only (`api`). */
  workers: boolean;
  /** Every workflow this process may run or enqueue; registered before launch. */
  workflows?: readonly AnyWorkflow[];
  /** Poll interval of a busy queue in ms (default 50; DBOS's default 1000 caps a queue at ~10/s, gotcha 13). */
  pollingIntervalMs?: number;
  /** Poll interval of an idle queue while enqueue NOTIFYs wake it (default 30 s; a safety net). */
  idlePollingIntervalMs?: number;
  /** How often the sweeper looks for workflows of dead executors (default 2000 ms). */
  sweepIntervalMs?: number;
  /** How long `stop()` lets running workflows finish before abandoning them to recovery (default 5000 ms). */
  drainTimeoutMs?: number;
}

/** One enqueue: which workflow, under which deterministic id, with which arguments. */
export interface EnqueueRequest<A, R> {
  workflow: WorkflowDefinition<A, R>;
  /** Deterministic id, e.g. `order-<uuid>-<attempt>`: enqueuing it again is a no-op. */
  workflowId: string;
  args: A;
  /** Overrides the workflow's own queue. */
  queue?: QueueSpec;
}

/** The outcome of an enqueue. */
export interface Enqueued {
  workflowId: string;
  /** False when a run with this id already existed (the enqueue was a no-op). */
  created: boolean;
}

/** Orderly's durable execution layer; modules use this, never DBOS directly. */
export interface WorkflowEngine {
  /** This process's executor id. */
  readonly executorId: string;
  /** Version stamped on what this process enqueues, and the only one its workers run. */
  readonly applicationVersion: string;
  /** Whether this process runs workflows. */
  readonly workers: boolean;
  /**
   * Enqueues inside the caller's transaction: a rollback leaves no workflow, a commit always has one
   * (architecture G12). A duplicate id is a no-op; an id held by another workflow is a conflict.
   */
  enqueue<A, R>(tx: Tx, req: EnqueueRequest<A, R>): Promise<Enqueued>;
  /** The run's status, or undefined when there is none. */
  getStatus(workflowId: string): Promise<WorkflowState | undefined>;
  /** The run's recorded steps, in order (audit). */
  listSteps(workflowId: string): Promise<StepRecord[]>;
  /** Cancels the run (unknown id: WorkflowNotFoundError); a step in progress is signalled, its result discarded (gotcha 14). */
  cancel(workflowId: string): Promise<void>;
  /**
   * Puts a cancelled or dead run (or one stuck running) back on its queue; it continues after its last
   * checkpoint. Succeeded and failed runs are left as they are: a failed run is retried by a new one.
   */
  resume(workflowId: string): Promise<void>;
  /** Ordered shutdown: sweeper → workers (draining) → client. */
  stop(): Promise<void>;
}

/**
 * Starts the engine: migrates the `dbos` schema (every role), then in worker processes registers the
 * workflows, launches DBOS under this executor id, registers the queues and starts the sweeper; every
 * process gets a DBOSClient, the only DBOS object with a transactional enqueue.
 */
export async function startWorkflowEngine(o: WorkflowEngineOptions): Promise<WorkflowEngine> {
  const url = systemDatabaseUrl(o.databaseUrl);
  const workflows = o.workflows ?? [];
  const queueFor = (name: string) => workflows.find((w) => w.name === name)?.queue.name ?? DEFAULT_QUEUE.name;
  await migrateSystemSchema(o.db, o.databaseUrl, o.logger);
  const client = await DBOSClient.create({
    systemDatabaseUrl: url,
    applicationName: APPLICATION_NAME,
    logger: dbosLogger(o.logger),
    systemDatabasePoolSize: 4,
  });
  let workers: Workers | undefined;
  try {
    if (o.workers) {
      workers = await launchWorkers({
        ...o,
        url,
        workflows,
        client,
        queueFor,
        applicationName: APPLICATION_NAME,
      });
    }
  } catch (err) {
    await client.destroy().catch(() => undefined);
    throw err;
  }
  return {
    executorId: o.executorId,
    applicationVersion: o.applicationVersion,
    workers: o.workers,
    async enqueue(tx, req) {
      const queueName = (req.queue ?? req.workflow.queue).name;
      const options = {
        queueName,
        workflowName: req.workflow.name,
        workflowID: req.workflowId,
        appVersion: o.applicationVersion,
        // 'reject' makes DBOS tell us the id existed; the statement itself is a no-op upsert, so the
        // caller's transaction is not aborted and we can report `created: false` (or a conflict).
        workflowIDReusePolicy: 'reject' as const,
      };
      try {
        await client.enqueueInTransaction<(args: typeof req.args) => Promise<unknown>>(
          txAsPgClient(tx),
          options,
          req.args,
        );
        return { workflowId: req.workflowId, created: true };
      } catch (err) {
        if (!DBOSErrors.isWorkflowIDInUseError(err)) throw err;
        const existing = err instanceof DBOSErrors.DBOSWorkflowIDInUseError ? err.workflowName : undefined;
        if (existing !== undefined && existing !== req.workflow.name) {
          throw new WorkflowIdConflictError(req.workflowId, existing, req.workflow.name);
        }
        return { workflowId: req.workflowId, created: false };
      }
    },
    async getStatus(workflowId) {
      const s = await client.getWorkflow(workflowId);
      return s ? toWorkflowState(s) : undefined;
    },
    async listSteps(workflowId) {
      return ((await client.listWorkflowSteps(workflowId)) ?? []).map(toStepRecord);
    },
    async cancel(workflowId) {
      // DBOS ignores an unknown id silently; a caller cancelling a run it believes exists should know.
      if (!(await client.getWorkflow(workflowId))) throw new WorkflowNotFoundError(workflowId);
      await client.cancelWorkflow(workflowId);
    },
    async resume(workflowId) {
      const s = await client.getWorkflow(workflowId);
      if (!s) throw new WorkflowNotFoundError(workflowId);
      // Cancelling clears the row's queue; put the run back on the queue its definition names.
      await client.resumeWorkflow(workflowId, { queueName: s.queueName ?? queueFor(s.workflowName) });
    },
    async stop() {
      try {
        await workers?.stop();
      } finally {
        await client.destroy();
      }
    },
  };
}
