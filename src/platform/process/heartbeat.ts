import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { isProcessAlive } from './pids.js';

/** A heartbeat older than this means the process is gone (three missed beats). */
export const STALE_AFTER_MS = 15_000;
const BEAT_EVERY_MS = 5_000;

/** This process's registration in `process_heartbeats`. */
export interface Heartbeat {
  executorId: string;
  instance: string;
  stop(): Promise<void>;
}

/**
 * Registers this process under its executor id and beats every 5 s. Refuses to start when another
 * live process holds the same id (two processes sharing an executor id would re-run each other's
 * workflow steps, design/stack.md gotcha 10); a holder that is dead or silent is taken over.
 */
export async function startHeartbeat(
  db: Db,
  executorId: string,
  role: string,
  logger: Logger,
): Promise<Heartbeat> {
  const instance = randomUUID();
  const hostname = os.hostname();
  const existing = await db
    .selectFrom('process_heartbeats')
    .selectAll()
    .where('executor_id', '=', executorId)
    .executeTakeFirst();
  if (existing) {
    const age = Date.now() - existing.heartbeat_at.getTime();
    const deadLocally = existing.hostname === hostname && !(await isProcessAlive(existing.pid));
    if (age < STALE_AFTER_MS && !deadLocally && existing.pid !== process.pid) {
      throw new Error(
        `executor id "${executorId}" is in use by pid ${existing.pid} on ${existing.hostname}; ` +
          'give each process its own ORDERLY_WORKER_ID',
      );
    }
    logger.info(
      { executorId, previousPid: existing.pid },
      'taking over the executor id of a stopped process',
    );
  }
  const values = { executor_id: executorId, role, hostname, pid: process.pid, instance };
  await db
    .insertInto('process_heartbeats')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('executor_id')
        .doUpdateSet({ ...values, started_at: sql<Date>`now()`, heartbeat_at: sql<Date>`now()` }),
    )
    .execute();
  const timer = setInterval(() => {
    db.updateTable('process_heartbeats')
      .set({ heartbeat_at: sql<Date>`now()` })
      .where('executor_id', '=', executorId)
      .where('instance', '=', instance)
      .execute()
      .catch((err: unknown) => logger.warn({ err }, 'heartbeat failed'));
  }, BEAT_EVERY_MS);
  timer.unref();
  return {
    executorId,
    instance,
    async stop() {
      clearInterval(timer);
      await db
        .deleteFrom('process_heartbeats')
        .where('executor_id', '=', executorId)
        .where('instance', '=', instance)
        .execute();
    },
  };
}
