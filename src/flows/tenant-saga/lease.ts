import { heartbeatLock, takeLock } from '../../modules/tenants/adapters/pg/lock-store.js';
import { moveRun } from '../../modules/tenants/adapters/pg/run-store.js';
import { lockRowOf, lockTenant } from '../../modules/tenants/adapters/pg/tenant-repository.js';
import { interruptOpenTries } from '../../modules/tenants/adapters/pg/try-store.js';
import { IN_FLIGHT_STEP_STATUSES, isActiveRun } from '../../modules/tenants/domain/statuses.js';
import type { RunKind } from '../../modules/tenants/domain/types.js';
import { inTransaction } from '../../platform/db/database.js';
import type { WorkflowContext } from '../../platform/workflows/index.js';
import type { RunArgs, SagaDeps } from './deps.js';

/** After this many interrupted tries of one step in one run, the run fails with `worker_lost` (§7). */
export const CRASH_LOOP_LIMIT = 3;

/** This execution's hold on the tenant's lock: every write of the run is fenced by `token`. */
export interface Lease {
  tenantId: number;
  runId: number;
  kind: RunKind;
  /** Attempt number (provisioning) or decommission run number. */
  number: number;
  orderId: number;
  token: number;
  worker: string;
  /** Aborts when a heartbeat finds the lock gone (Reset, or taken over): stop at once. */
  signal: AbortSignal;
  lost(): boolean;
  /** Set when the run lost its worker in the same step {@link CRASH_LOOP_LIMIT} times. */
  workerLost: string | undefined;
  /** Stops the heartbeat (the lock row itself goes with the run's end, in that transaction). */
  stop(): void;
}

/**
 * Takes the tenant's lock for this execution of a run (start or resume, §7), with a new fencing
 * token. A resume finds the lock of its own run still there: the tries the dead execution left
 * open are recorded as `interrupted`, and a step interrupted {@link CRASH_LOOP_LIMIT} times marks
 * the lease `workerLost`. Returns undefined when the run is no longer active (reset or ended) or
 * another run holds the lock: this execution must then write nothing.
 */
export async function acquireLease(
  deps: SagaDeps,
  ctx: WorkflowContext,
  args: RunArgs,
): Promise<Lease | undefined> {
  const got = await inTransaction(deps.db, async (tx) => {
    const t = await lockTenant(tx, args.tenantId);
    const run = await tx
      .selectFrom('tenant_runs')
      .selectAll()
      .where('id', '=', args.runId)
      .executeTakeFirstOrThrow();
    if (!isActiveRun(run.status)) return undefined;
    const lock = await lockRowOf(tx, t.id);
    if (lock && lock.run_id !== run.id) return undefined;
    let workerLost: string | undefined;
    if (lock) {
      await interruptOpenTries(tx, run.id);
      const inFlight = await tx
        .selectFrom('tenant_step_runs as s')
        .innerJoin('tenant_step_tries as tr', 'tr.step_run_id', 's.id')
        .select(['s.step', (eb) => eb.fn.countAll<string>().as('n')])
        .where('s.run_id', '=', run.id)
        .where('s.status', 'in', IN_FLIGHT_STEP_STATUSES)
        .where('tr.outcome', '=', 'interrupted')
        .groupBy('s.step')
        .executeTakeFirst();
      if (inFlight && Number(inFlight.n) >= CRASH_LOOP_LIMIT) workerLost = inFlight.step;
    }
    const token = await takeLock(tx, t.id, run.id, ctx.executorId);
    await moveRun(tx, run.id, 'running', { onlyFrom: 'queued' });
    return { run, token, workerLost };
  });
  if (!got) return undefined;
  const abort = new AbortController();
  const beat = setInterval(() => {
    heartbeatLock(deps.db, args.tenantId, got.token)
      .then((held) => {
        if (!held) abort.abort(new Error('tenant lock lost'));
      })
      .catch((err: unknown) =>
        deps.logger.warn({ err, tenantId: args.tenantId }, 'tenant lock heartbeat failed'),
      );
  }, deps.settings.heartbeatMs);
  beat.unref();
  return {
    tenantId: args.tenantId,
    runId: args.runId,
    kind: got.run.kind,
    number: got.run.number,
    orderId: got.run.order_id,
    token: got.token,
    worker: ctx.executorId,
    signal: abort.signal,
    lost: () => abort.signal.aborted,
    workerLost: got.workerLost,
    stop: () => clearInterval(beat),
  };
}
