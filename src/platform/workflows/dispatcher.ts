import { randomUUID } from 'node:crypto';
import { runWithAbortableDbRetries } from '@dbos-inc/dbos-sdk/internal/context';
import { DBOSExecutor } from '@dbos-inc/dbos-sdk/internal/dbos-executor';
import type { WorkflowQueue } from '@dbos-inc/dbos-sdk/internal/wfqueue';
import type { Logger } from 'pino';

/** Intervals of the {@link startDispatcher} polls. */
export interface DispatchIntervals {
  /** Poll interval while a queue is busy or the LISTEN connection is down (the old fixed interval). */
  busyMs: number;
  /** Poll interval of an idle queue while notifications flow: a safety net only. */
  idleMs: number;
  /** A queue stays busy this long after its last notification or its last running workflow. */
  graceMs: number;
}

/**
 * Defaults: 50 ms when busy (gotcha 13), busy for 1 s after the last sign of work, 30 s idle. Every
 * way a row becomes ENQUEUED fires the trigger, so the idle poll only covers a slot freed under a
 * queue's `globalConcurrency` by another process, which that process's own busy polls also cover.
 */
export const DEFAULT_DISPATCH: DispatchIntervals = { busyMs: 50, idleMs: 30_000, graceMs: 1_000 };

/** Longest wait after a poll that met a concurrent claim (serialization failure or lock). */
const CONTENTION_MAX_MS = 5_000;

/** Orderly's queue dispatcher: DBOS's own runner is told to leave Orderly's queues alone. */
export interface Dispatcher {
  /** Work was enqueued on this queue ('' or an unknown name: every queue); poll it now. */
  poke(queueName: string): void;
  /** Whether notifications flow; while they do not, every queue polls at the busy interval. */
  setListening(listening: boolean): void;
  stop(): Promise<void>;
}

interface QueueState {
  queue: WorkflowQueue;
  timer: NodeJS.Timeout | undefined;
  polling: Promise<void> | undefined;
  /** Poked while a poll ran: poll again right after it. */
  again: boolean;
  busyUntil: number;
  contentionMs: number;
}

/**
 * Claims and starts the workflows of Orderly's queues, one poll at a time per queue, with DBOS's own
 * claim (`findAndMarkStartableWorkflows`, which enforces the queue's limits) and dispatch. DBOS 5.3
 * polls each queue at a fixed interval (a transaction every 50 ms per queue, idle or not: ~40 tx/s
 * and most of an idle server's CPU); here a queue polls fast only while it has work (a NOTIFY from
 * the enqueue trigger, a workflow of it running here, or no LISTEN connection), otherwise every
 * `idleMs`. Queues are never partitioned (QueueSpec has no partition options).
 */
export function startDispatcher(
  queues: readonly WorkflowQueue[],
  o: { executorId: string; applicationVersion: string; logger: Logger; intervals?: DispatchIntervals },
): Dispatcher {
  const iv = o.intervals ?? DEFAULT_DISPATCH;
  const abort = new AbortController();
  let listening = false;
  const states = new Map<string, QueueState>();
  const exec = () => {
    const e = DBOSExecutor.globalInstance;
    if (!e) throw new Error('DBOS is not launched');
    return e;
  };

  /** One claim-and-dispatch; returns how many workflows it started. */
  const pollOnce = async (q: WorkflowQueue): Promise<number> => {
    const e = exec();
    const ownerXid = randomUUID();
    const running = e.systemDatabase.countRunningWorkflowsForQueue(q.name);
    const ids = await e.systemDatabase.findAndMarkStartableWorkflows(
      q,
      e.executorID,
      o.applicationVersion,
      undefined,
      running,
      0,
      ownerXid,
    );
    await e.dispatchDequeuedWorkflows(ids, ownerXid);
    return ids.length;
  };

  const schedule = (st: QueueState, ms: number) => {
    if (abort.signal.aborted) return;
    if (st.timer) clearTimeout(st.timer);
    st.timer = setTimeout(() => run(st), ms);
  };

  const run = (st: QueueState) => {
    st.timer = undefined;
    if (st.polling || abort.signal.aborted) return;
    st.again = false;
    st.polling = (async () => {
      let contention = false;
      try {
        const started = await runWithAbortableDbRetries(abort.signal, () => pollOnce(st.queue));
        if (started > 0) st.busyUntil = Date.now() + iv.graceMs;
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        contention = code === '40001' || code === '55P03';
        if (!abort.signal.aborted && !contention) {
          o.logger.warn({ err, queue: st.queue.name }, 'workflow queue poll failed');
        }
      }
      // A workflow running here frees a slot when it ends: keep looking for the queue's backlog.
      if (
        (DBOSExecutor.globalInstance?.systemDatabase.countRunningWorkflowsForQueue(st.queue.name) ?? 0) > 0
      ) {
        st.busyUntil = Date.now() + iv.graceMs;
      }
      st.contentionMs = contention
        ? Math.min(CONTENTION_MAX_MS, Math.max(iv.busyMs, st.contentionMs * 2))
        : 0;
      const busy = !listening || Date.now() < st.busyUntil;
      const next = st.again ? 0 : Math.max(st.contentionMs, busy ? iv.busyMs : iv.idleMs);
      st.polling = undefined;
      schedule(st, next);
    })();
  };

  const pokeState = (st: QueueState) => {
    st.busyUntil = Date.now() + iv.graceMs;
    if (st.polling) st.again = true;
    else schedule(st, 0);
  };

  for (const queue of queues) {
    const st: QueueState = {
      queue,
      timer: undefined,
      polling: undefined,
      again: false,
      busyUntil: 0,
      contentionMs: 0,
    };
    states.set(queue.name, st);
    schedule(st, 0);
  }

  return {
    poke(queueName) {
      const st = states.get(queueName);
      if (st) pokeState(st);
      else for (const s of states.values()) pokeState(s);
    },
    setListening(value) {
      listening = value;
      // Just (re)connected: whatever was enqueued while we were deaf has no notification coming.
      if (value) for (const s of states.values()) pokeState(s);
    },
    async stop() {
      abort.abort();
      for (const st of states.values()) if (st.timer) clearTimeout(st.timer);
      await Promise.all([...states.values()].map((st) => st.polling));
    },
  };
}
