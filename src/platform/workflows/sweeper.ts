import os from 'node:os';
import type { DBOSClient } from '@dbos-inc/dbos-sdk';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { STALE_AFTER_MS } from '../process/heartbeat.js';
import { isProcessAlive } from '../process/pids.js';

/** Transaction-scoped advisory lock taken by a sweep pass ("orsw"): one sweeper at a time, cluster-wide. */
export const SWEEP_LOCK_KEY = 0x6f72_7377;

/** What a sweep pass needs. */
export interface SweepOptions {
  db: Db;
  client: DBOSClient;
  /** This process: its own workflows are never swept (launch recovery handles a restart). */
  executorId: string;
  /** Only workflows of this version: no other version's worker would dequeue them (gotcha 12). */
  applicationVersion: string;
  applicationName: string;
  /** Queue to resume a workflow onto when its row names none. */
  queueFor: (workflowName: string) => string;
  logger: Logger;
}

interface Candidate {
  workflow_id: string;
  workflow_name: string;
  queue_name: string | null;
  executor_id: string;
  hostname: string | null;
  pid: number | null;
  stale: boolean;
}

/**
 * An executor is dead when it has no heartbeat row, when its heartbeat is older than STALE_AFTER_MS,
 * or, sooner, when its row names this host and a pid that is no longer running (the same test the
 * heartbeat uses to let a restarted process take over its id).
 */
async function isDead(c: Candidate, localHost: string): Promise<boolean> {
  if (c.hostname === null || c.pid === null || c.stale) return true;
  return c.hostname === localHost && !(await isProcessAlive(c.pid));
}

/**
 * One sweep pass: finds PENDING workflows whose executor is dead and hands them back to their queue
 * with `DBOSClient.resumeWorkflows`, so any live worker of this version claims them (the dequeue
 * writes the claimer's executor id). DBOS only recovers its own executor id at launch; a survivor
 * never takes over another's workflows (stack.md gotcha 11), hence this sweeper.
 *
 * The advisory lock makes passes mutually exclusive, so each workflow is handed back by one process.
 * Two narrow races remain and are harmless: a workflow cancelled between our read and the resume is
 * resumed (cancel it again), and an executor restarting under the same id in that instant may see its
 * re-claimed run resumed once more; DBOS 5.3's ownership token (`owner_xid`, checked before every
 * checkpoint write) then stops the older execution, and steps are idempotent (gotcha 14).
 * Returns the ids handed back.
 */
export async function sweepDeadExecutors(o: SweepOptions): Promise<string[]> {
  const localHost = os.hostname();
  return o.db.transaction().execute(async (tx) => {
    const lock = await sql<{
      locked: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK_KEY}) AS locked`.execute(tx);
    if (!lock.rows[0]?.locked) return [];
    const { rows } = await sql<Candidate>`
      SELECT ws.workflow_uuid AS workflow_id, ws.name AS workflow_name, ws.queue_name, ws.executor_id,
             h.hostname, h.pid, coalesce(h.heartbeat_at < now() - ${STALE_AFTER_MS} * interval '1 millisecond', true) AS stale
        FROM dbos.workflow_status ws
        LEFT JOIN process_heartbeats h ON h.executor_id = ws.executor_id
       WHERE ws.status = 'PENDING'
         AND ws.executor_id <> ${o.executorId}
         AND ws.application_version = ${o.applicationVersion}
         AND (ws.application_name = ${o.applicationName} OR ws.application_name IS NULL)
         AND (h.executor_id IS NULL OR h.heartbeat_at < now() - ${STALE_AFTER_MS} * interval '1 millisecond'
              OR h.hostname = ${localHost})
       ORDER BY ws.created_at
       LIMIT 500`.execute(tx);
    const verdicts = new Map<string, Promise<boolean>>();
    const byQueue = new Map<string, string[]>();
    for (const c of rows) {
      const dead = verdicts.get(c.executor_id) ?? isDead(c, localHost);
      verdicts.set(c.executor_id, dead);
      if (!(await dead)) continue;
      const queue = c.queue_name ?? o.queueFor(c.workflow_name);
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), c.workflow_id]);
    }
    const swept: string[] = [];
    for (const [queueName, ids] of byQueue) {
      await o.client.resumeWorkflows(ids, { queueName });
      swept.push(...ids);
    }
    if (swept.length > 0) {
      const executors = [
        ...new Set(rows.filter((r) => swept.includes(r.workflow_id)).map((r) => r.executor_id)),
      ];
      o.logger.warn(
        { workflows: swept, executors },
        'handed workflows of dead executors back to their queues',
      );
    }
    return swept;
  });
}

/** A running sweeper. */
export interface Sweeper {
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/**
 * Whether any other executor has a PENDING workflow of this version: one statement, no transaction.
 * Only then can a pass find work; on an idle server this replaces the pass's four round trips.
 */
async function othersHavePending(o: SweepOptions): Promise<boolean> {
  const { rows } = await sql<{ any: boolean }>`
    SELECT EXISTS (SELECT 1 FROM dbos.workflow_status
                    WHERE status = 'PENDING' AND executor_id <> ${o.executorId}
                      AND application_version = ${o.applicationVersion}) AS any`.execute(o.db);
  return rows[0]?.any === true;
}

/** Runs {@link sweepDeadExecutors} every `intervalMs` (one pass at a time in this process). */
export function startSweeper(o: SweepOptions, intervalMs: number): Sweeper {
  let running: Promise<void> | undefined;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = othersHavePending(o)
      .then((any) => (any ? sweepDeadExecutors(o) : []))
      .then(
        () => undefined,
        (err: unknown) => o.logger.warn({ err }, 'workflow sweep failed'),
      )
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
