import { sql } from 'kysely';
import type { Logger } from 'pino';
import { type Db, inTransaction, type Tx } from '../db/database.js';

/** A periodic task: one transaction per run, so a crash mid-run rolls back and the next run redoes it. */
export interface PeriodicJob {
  /** Stable name; also the advisory-lock key, so no two processes run it at once. */
  name: string;
  everyMs: number;
  /** Does one round of work; returns how many items it handled (for the log). */
  run(tx: Tx, now: Date): Promise<number>;
}

/** A started schedule. */
export interface Schedule {
  /** Runs every job once now (tests and `orderly worker --once` use it). */
  tick(now?: Date): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * Runs each job every `everyMs` in every worker process, each run inside one transaction that first
 * takes `pg_try_advisory_xact_lock(name)`: when another process holds it, this run is skipped, so a
 * job never runs twice concurrently across processes, and the lock dies with a crashed holder.
 */
export function startSchedule(
  db: Db,
  jobs: readonly PeriodicJob[],
  logger: Logger,
  autostart = true,
): Schedule {
  const timers: NodeJS.Timeout[] = [];
  let running = Promise.resolve();
  const runOne = async (job: PeriodicJob, now: Date): Promise<number> => {
    try {
      return await inTransaction(db, async (tx) => {
        const got = await sql<{
          ok: boolean;
        }>`SELECT pg_try_advisory_xact_lock(hashtextextended(${`job:${job.name}`}, 0)) AS ok`.execute(tx);
        if (!got.rows[0]?.ok) return 0;
        const n = await job.run(tx, now);
        if (n > 0) logger.info({ job: job.name, handled: n }, 'periodic job ran');
        return n;
      });
    } catch (err) {
      logger.error({ err, job: job.name }, 'periodic job failed');
      return 0;
    }
  };
  if (autostart) {
    for (const job of jobs) {
      const t = setInterval(() => {
        running = running.then(() => runOne(job, new Date()).then(() => undefined));
      }, job.everyMs);
      t.unref();
      timers.push(t);
    }
  }
  return {
    async tick(now = new Date()) {
      const out: Record<string, number> = {};
      for (const job of jobs) out[job.name] = await runOne(job, now);
      return out;
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      await running;
    },
  };
}
