import type {
  QueueSpec,
  RetryPolicy,
  StepContext,
  StepDefinition,
  WorkflowContext,
  WorkflowDefinition,
} from './types.js';

/** Used when a step names no policy: 3 tries, 1 s, ×2, at most 30 s between tries. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  initialDelayMs: 1_000,
  backoffFactor: 2,
  maxDelayMs: 30_000,
};

/** A policy for steps that must not be retried (one try). */
export const NO_RETRY: RetryPolicy = { maxAttempts: 1, initialDelayMs: 0, backoffFactor: 1, maxDelayMs: 0 };

/** The queue workflows run from unless their definition names another. */
export const DEFAULT_QUEUE: QueueSpec = { name: 'orderly', workerConcurrency: 10 };

/** Declares a queue; pass it as a workflow's `queue` so worker processes register it at start. */
export function defineQueue(spec: QueueSpec): QueueSpec {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(spec.name) || spec.name.startsWith('_dbos')) {
    throw new Error(`invalid queue name "${spec.name}"`);
  }
  if (!(spec.workerConcurrency >= 1)) throw new Error(`queue ${spec.name}: workerConcurrency must be ≥ 1`);
  return Object.freeze({ ...spec });
}

/** Declares a step: a name, a retry policy (default {@link DEFAULT_RETRY}) and an idempotent `invoke`. */
export function defineStep<I, O>(def: {
  name: string;
  retry?: Partial<RetryPolicy>;
  invoke: (input: I, ctx: StepContext) => Promise<O>;
}): StepDefinition<I, O> {
  const retry = { ...DEFAULT_RETRY, ...def.retry };
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) {
    throw new Error(`step ${def.name}: maxAttempts must be a positive integer`);
  }
  if (retry.initialDelayMs < 0 || retry.maxDelayMs < 0 || retry.backoffFactor < 1) {
    throw new Error(`step ${def.name}: delays must be ≥ 0 and backoffFactor ≥ 1`);
  }
  if (retry.timeoutMs !== undefined && !(retry.timeoutMs > 0)) {
    throw new Error(`step ${def.name}: timeoutMs must be > 0`);
  }
  return Object.freeze({ name: def.name, retry: Object.freeze(retry), invoke: def.invoke });
}

/**
 * Declares a workflow. Declaring registers nothing: pass the definition to `startWorkflowEngine`
 * (`workflows: [...]`), which registers every listed workflow before the engine launches (DBOS
 * only runs functions registered before launch). Definitions that need dependencies (a database
 * handle, an HTTP client) are built by a factory that receives them.
 */
export function defineWorkflow<A, R>(def: {
  name: string;
  queue?: QueueSpec;
  run: (ctx: WorkflowContext, args: A) => Promise<R>;
}): WorkflowDefinition<A, R> {
  if (!/^[A-Za-z0-9._:-]{1,200}$/.test(def.name)) throw new Error(`invalid workflow name "${def.name}"`);
  return Object.freeze({ name: def.name, queue: def.queue ?? DEFAULT_QUEUE, run: def.run });
}
