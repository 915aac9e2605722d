import type { Logger } from 'pino';
import type { RetryPolicy, StepDefinition } from './types.js';

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
 * Invokes a step under its retry policy. The loop is ours rather than DBOS's step retries because
 * DBOS has no maximum delay, no jitter, and logs every retried error with a full stack (stack.md
 * gotcha 15). All tries happen inside one DBOS step, so only the final outcome is checkpointed; a
 * crash mid-loop restarts the step, and its tries, from the first (at-least-once, gotcha 14).
 */
export async function invokeWithRetry<I, O>(
  step: StepDefinition<I, O>,
  input: I,
  ctx: { workflowId: string; signal: AbortSignal; logger: Logger },
): Promise<O> {
  const { retry } = step;
  for (let attempt = 1; ; attempt++) {
    try {
      return await step.invoke(input, {
        workflowId: ctx.workflowId,
        stepName: step.name,
        attempt,
        signal: ctx.signal,
      });
    } catch (err) {
      const retryable = retry.isRetryable ? retry.isRetryable(err) : true;
      if (!retryable || attempt >= retry.maxAttempts || ctx.signal.aborted) throw err;
      const delay = retryDelayMs(retry, attempt);
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
