import { lockOrder } from '../../modules/orders/app/lock-order.js';
import { failProcessing } from '../../modules/orders/app/outcomes.js';
import type { OrderType } from '../../modules/orders/domain/order-type.js';
import { orderTypeFromCode } from '../../modules/orders/domain/order-type.js';
import { type Db, inTransaction } from '../../platform/db/database.js';
import { defineStep, defineWorkflow } from '../../platform/workflows/index.js';
import type { PullResult } from './apply.js';
import { failureMessage, isTransient } from './errors.js';
import { type Preflight, preflight } from './preflight.js';
import { pullRemoteOrder } from './pull.js';
import { type RemoteRunArgs, type SubmitResult, submitRemoteOrder } from './submit.js';

/** Settings of the Remote processing workflow. */
export interface RemoteOrderOptions {
  /** Base URL of this instance for `callback_url` (read when a run submits; the server may start later). */
  publicUrl: () => string | undefined;
  /** Delays before each pull after submission (Waldur pulls up to 19 times); then the periodic job takes over. */
  pullDelaysMs: readonly number[];
}

/** 19 pulls over about a quarter of an hour: quick first looks, then once a minute. */
export const DEFAULT_PULL_DELAYS_MS: readonly number[] = [
  2_000,
  5_000,
  10_000,
  20_000,
  40_000,
  ...Array.from({ length: 14 }, () => 60_000),
];

const remoteRetry = { maxAttempts: 5, initialDelayMs: 500, maxDelayMs: 15_000, isRetryable: isTransient };

/** Sleeps `ms`, or stops early when the run is cancelled. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const stop = () => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** The steps of {@link processRemoteOrderWorkflow}, exported so tests can replay one. */
export function remoteOrderSteps(db: Db, opts: RemoteOrderOptions) {
  const load = defineStep<RemoteRunArgs, OrderType | 'stale'>({
    name: 'load-order',
    retry: { maxAttempts: 3, initialDelayMs: 200 },
    invoke: async ({ orderId, attempt }) => {
      const o = await db
        .selectFrom('orders')
        .select(['type', 'attempt_count'])
        .where('id', '=', orderId)
        .executeTakeFirst();
      return o && o.attempt_count === attempt ? orderTypeFromCode(o.type) : 'stale';
    },
  });
  const prepare = defineStep<RemoteRunArgs & { type: OrderType }, Preflight>({
    name: 'prepare-remote',
    retry: remoteRetry,
    invoke: (a, ctx) => preflight(db, a.orderId, a.type, ctx.signal),
  });
  const submit = defineStep<{ args: RemoteRunArgs; plan: Preflight }, SubmitResult>({
    name: 'submit-remote-order',
    retry: remoteRetry,
    invoke: ({ args, plan }, ctx) =>
      inTransaction(db, (tx) =>
        submitRemoteOrder(tx, args, plan, {
          idempotencyKey: `orderly-${ctx.workflowId}-${ctx.stepName}`,
          callbackBase: opts.publicUrl()?.replace(/\/+$/, ''),
          signal: ctx.signal,
        }),
      ),
  });
  const fail = defineStep<{ args: RemoteRunArgs; message: string }, SubmitResult>({
    name: 'record-failure',
    retry: { maxAttempts: 5, initialDelayMs: 200 },
    invoke: ({ args, message }) =>
      inTransaction(db, async (tx) => {
        const o = await lockOrder(tx, args.orderId).catch(() => undefined);
        if (o?.state !== 'executing' || o.row.attempt_count !== args.attempt) return 'stale';
        await failProcessing(tx, o, null, message, '');
        return 'erred';
      }),
  });
  // A pull that cannot reach the remote just waits for the next one; the order stays EXECUTING.
  const pull = defineStep<{ args: RemoteRunArgs; delayMs: number }, PullResult>({
    name: 'pull-remote-order',
    retry: { maxAttempts: 1 },
    invoke: async ({ args, delayMs }, ctx) => {
      await pause(delayMs, ctx.signal);
      return inTransaction(db, (tx) =>
        pullRemoteOrder(tx, args.orderId, { attempt: args.attempt, signal: ctx.signal }),
      ).catch((): PullResult => 'waiting');
    },
  });
  return { load, prepare, submit, fail, pull };
}

/**
 * `remote-order`: forwards a `Waldur.RemoteOffering` order to the remote instance (§17 g) — load,
 * prepare (remote project, limit comparison, TERMINATE pre-check), submit (the one remote POST,
 * under the order's lock, with an `Idempotency-Key` derived from this run and step), then pull the
 * remote order until the local order is terminal. Remote failures that outlive the step retries
 * fail the order with the remote's message; pulls that end without a terminal state leave the
 * order to the periodic pull.
 */
export function processRemoteOrderWorkflow(db: Db, opts: RemoteOrderOptions) {
  const steps = remoteOrderSteps(db, opts);
  return defineWorkflow<RemoteRunArgs, string>({
    name: 'remote-order',
    run: async (ctx, args) => {
      const type = await ctx.step(steps.load, args);
      if (type === 'stale') return 'stale';
      let submitted: SubmitResult;
      try {
        const plan = await ctx.step(steps.prepare, { ...args, type });
        submitted = await ctx.step(steps.submit, { args, plan });
      } catch (err) {
        // Step errors are recorded by the engine, so a replay takes this same branch.
        submitted = await ctx.step(steps.fail, { args, message: failureMessage(err) });
      }
      if (submitted !== 'submitted') return submitted;
      for (const delayMs of opts.pullDelaysMs) {
        const r = await ctx.step(steps.pull, { args, delayMs });
        if (r !== 'waiting') return r;
      }
      return 'waiting';
    },
  });
}
