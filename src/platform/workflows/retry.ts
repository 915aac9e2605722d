import type { Logger } from 'pino';
import { StepTimeoutError } from './errors.js';
import type { RetryPolicy, StepContext, StepDefinition, StepObserver } from './types.js';

/**
 * Delay in milliseconds before try `attempt + 1` after try `attempt` failed:
 * min(initial × factor^(attempt−1), max), then ±20 % jitter (tenant spec §5.2) so that steps
 * failing together do not retry in lockstep. `random` is injectable for tests.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(policy.initialDelayMs * policy.backoffFactor ** (attempt - 1), policy.maxDelayMs);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Sleeps `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One try, bounded by the policy's `timeoutMs`: the try's own signal aborts when the run is cancelled
 * or the time is up, and an overrun rejects with {@link StepTimeoutError} even if `invoke` ignores
 * the signal (its late result is discarded; steps are idempotent, gotcha 14).
 */
async function tryOnce<I, O>(step: StepDefinition<I, O>, input: I, ctx: StepContext): Promise<O> {
  const limit = step.retry.timeoutMs;
  if (limit === undefined) return step.invoke(input, ctx);
  const own = new AbortController();
  const relay = () => own.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', relay, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new StepTimeoutError(step.name, limit);
      own.abort(err);
      reject(err);
    }, limit);
  });
  try {
    return await Promise.race([step.invoke(input, { ...ctx, signal: own.signal }), overrun]);
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', relay);
  }
}

/**
 * Invokes a step under its retry policy. The loop is ours rather than DBOS's step retries because
 * DBOS has no maximum delay, no jitter, and logs every retried error with a full stack (stack.md
 * gotcha 15). All tries happen inside one DBOS step, so only the final outcome is checkpointed; a
 * crash mid-loop restarts the step, and its tries, from the first (at-least-once, gotcha 14). The
 * observer sees every failed try before the backoff, since DBOS keeps no record of them.
 */
export async function invokeWithRetry<I, O>(
  step: StepDefinition<I, O>,
  input: I,
  ctx: { workflowId: string; signal: AbortSignal; logger: Logger; observer?: StepObserver | undefined },
): Promise<O> {
  const { retry } = step;
  for (let attempt = 1; ; attempt++) {
    try {
      return await tryOnce(step, input, {
        workflowId: ctx.workflowId,
        stepName: step.name,
        attempt,
        signal: ctx.signal,
      });
    } catch (err) {
      const retryable = retry.isRetryable ? retry.isRetryable(err) : true;
      const willRetry = retryable && attempt < retry.maxAttempts && !ctx.signal.aborted;
      const delay = willRetry ? retryDelayMs(retry, attempt) : 0;
      await ctx.observer?.onTryFailed?.({ attempt, error: err, willRetry, delayMs: delay });
      if (!willRetry) throw err;
      ctx.logger.warn(
        {
          workflowId: ctx.workflowId,
          step: step.name,
          attempt,
          maxAttempts: retry.maxAttempts,
          delayMs: delay,
          error: err instanceof Error ? err.message : String(err),
        },
        'workflow step failed; retrying',
      );
      await sleep(delay, ctx.signal);
    }
  }
}
