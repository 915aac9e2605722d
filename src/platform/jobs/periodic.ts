import { sql } from 'kysely';
import type { Logger } from 'pino';
import { type Db, inTransaction, type Tx } from '../db/database.js';
import { type ChannelListener, listenChannel } from '../process/listener.js';

/** A periodic task: one transaction per run, so a crash mid-run rolls back and the next run redoes it. */
export interface PeriodicJob {
  /** Stable name; also the advisory-lock key, so no two processes run it at once. */
  name: string;
  everyMs: number;
  /** Does one round of work; returns how many items it handled (for the log and the idle back-off). */
  run(tx: Tx, now: Date): Promise<number>;
  /** NOTIFY channel announcing new work for this job: lets it back off while idle (see startSchedule). */
  wakeOn?: string;
}

/** A started schedule. */
export interface Schedule {
  /** Runs every job once now (tests and `orderly worker --once` use it). */
  tick(now?: Date): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** A job that keeps finding nothing waits at most this many times its `everyMs` (only with `wakeOn`). */
export const IDLE_BACKOFF_MAX = 8;

/**
 * Runs each job every `everyMs` in every worker process, each run inside one transaction that first
 * takes `pg_try_advisory_xact_lock(name)`: when another process holds it, this run is skipped, so a
 * job never runs twice concurrently across processes, and the lock dies with a crashed holder.
 *
 * A job with `wakeOn` backs off while idle: given `listenUrl`, the schedule LISTENs on that channel,
 * and each run that handles nothing doubles the job's wait, up to {@link IDLE_BACKOFF_MAX} × `everyMs`.
 * A notification (new work committed), or a run of a job on the same channel that handled something,
 * puts the wait back to `everyMs` at once, so new work is still picked up within `everyMs`. While the
 * LISTEN connection is down, or without `listenUrl`, every job runs at its `everyMs`.
 */
export function startSchedule(
  db: Db,
  jobs: readonly PeriodicJob[],
  logger: Logger,
  autostart = true,
  listenUrl?: string,
): Schedule {
  let running = Promise.resolve();
  let stopped = false;
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
  const states = jobs.map((job) => ({
    job,
    waitMs: job.everyMs,
    lastRunAt: Date.now(),
    woken: false,
    timer: undefined as NodeJS.Timeout | undefined,
  }));
  type State = (typeof states)[number];
  const listening = new Set<string>();
  const arm = (st: State) => {
    if (stopped) return;
    if (st.timer) clearTimeout(st.timer);
    st.timer = setTimeout(() => fire(st), Math.max(0, st.lastRunAt + st.waitMs - Date.now()));
    st.timer.unref();
  };
  const wake = (channel: string, except?: State) => {
    for (const st of states) {
      if (st.job.wakeOn !== channel || st === except) continue;
      st.woken = true;
      if (st.waitMs > st.job.everyMs) {
        st.waitMs = st.job.everyMs;
        if (st.timer) arm(st);
      }
    }
  };
  const fire = (st: State) => {
    st.timer = undefined;
    running = running.then(async () => {
      if (stopped) return;
      st.woken = false;
      const n = await runOne(st.job, new Date());
      st.lastRunAt = Date.now();
      const channel = st.job.wakeOn;
      if (channel && n > 0) wake(channel, st);
      const idle = channel !== undefined && listening.has(channel) && n === 0 && !st.woken;
      st.waitMs = idle ? Math.min(st.job.everyMs * IDLE_BACKOFF_MAX, st.waitMs * 2) : st.job.everyMs;
      arm(st);
    });
  };
  const listeners: ChannelListener[] = [];
  if (autostart) {
    for (const st of states) arm(st);
    const channels = new Set(jobs.flatMap((j) => (j.wakeOn ? [j.wakeOn] : [])));
    for (const channel of listenUrl ? channels : []) {
      const onListening = (up: boolean) => {
        if (up) listening.add(channel);
        else listening.delete(channel);
        // Deaf again (or just back): run at the base cadence until idleness is proven anew.
        wake(channel);
      };
      listeners.push(
        listenChannel(listenUrl as string, channel, { onNotify: () => wake(channel), onListening }, logger),
      );
    }
  }
  return {
    async tick(now = new Date()) {
      const out: Record<string, number> = {};
      for (const job of jobs) out[job.name] = await runOne(job, now);
      return out;
    },
    async stop() {
      stopped = true;
      for (const st of states) if (st.timer) clearTimeout(st.timer);
      await Promise.all(listeners.map((l) => l.stop()));
      await running;
    },
  };
}
