// The vocabulary of Orderly's durable execution layer. Modules see only these types; DBOS stays
// behind `engine.ts` (architecture G6).

/** How a failing step is tried again: delay before try n+1 = min(initial × factor^(n−1), max) ± 20 %. */
export interface RetryPolicy {
  /** Tries in total, the first included (1 = no retry). */
  maxAttempts: number;
  /** Delay before the second try, in milliseconds. */
  initialDelayMs: number;
  /** Multiplier applied to the delay after every failed try. */
  backoffFactor: number;
  /** Upper bound of any single delay, in milliseconds. */
  maxDelayMs: number;
  /** Whether an error may be retried; a permanent error fails the step at once. Default: every error. */
  isRetryable?: (error: unknown) => boolean;
  /**
   * Longest a single try may take, in milliseconds; a try that overruns fails with a
   * {@link StepTimeoutError} (retryable) and its signal aborts. Default: no limit.
   */
  timeoutMs?: number;
}

/** What an observer learns about a failed try (tenant spec §8.1: tries are history too). */
export interface TryFailure {
  /** The try that failed, 1-based. */
  attempt: number;
  error: unknown;
  /** Whether another try follows (retryable error, tries left, run not cancelled). */
  willRetry: boolean;
  /** Delay before the next try when `willRetry`, jitter included; 0 otherwise. */
  delayMs: number;
}

/**
 * Hooks of one `ctx.step` call. DBOS records only a step's final outcome, so whoever needs the
 * history of its tries (the tenant saga writes `tenant_step_tries`) observes them here. An observer
 * that throws ends the step at once with its error (e.g. a fencing check that found the lock lost).
 */
export interface StepObserver {
  /** Called after a failed try, before the backoff sleep (or before the step fails). */
  onTryFailed?(failure: TryFailure): Promise<void>;
}

/** What a step's `invoke` receives besides its input. */
export interface StepContext {
  /** The workflow run this step belongs to; with `stepName`, a natural idempotency key toward providers. */
  workflowId: string;
  /** The step's name. */
  stepName: string;
  /** 1 for the first try. */
  attempt: number;
  /** Fires when the workflow is cancelled; a long step should stop early (its result is discarded anyway). */
  signal: AbortSignal;
}

/**
 * One checkpointed unit of work. Steps run at least once (a crash can re-run the one in progress,
 * stack.md gotcha 14), so `invoke` must be idempotent; once it returns, its output is recorded and a
 * replay returns the record instead of invoking it again. Input and output must be JSON-serialisable.
 */
export interface StepDefinition<I, O> {
  /** Stable name, recorded with the checkpoint; renaming a step breaks replay of running workflows. */
  readonly name: string;
  /** Retry policy of this step. */
  readonly retry: RetryPolicy;
  /** Does the work. */
  readonly invoke: (input: I, ctx: StepContext) => Promise<O>;
}

/** What a workflow's `run` receives: its id and the way to run steps. */
export interface WorkflowContext {
  /** The deterministic id the workflow was enqueued under. */
  readonly workflowId: string;
  /** The executor (process slot) running this execution; changes when another worker resumes it. */
  readonly executorId: string;
  /**
   * Runs a step with checkpointing. Call steps in a deterministic order (no branching on clocks or
   * randomness outside steps): a replay matches recorded checkpoints by position and name.
   */
  step<I, O>(step: StepDefinition<I, O>, input: I, observer?: StepObserver): Promise<O>;
}

/** A queue the workflows run from; registered by worker processes at start. */
export interface QueueSpec {
  /** Queue name (stored in the `dbos.queues` table). */
  readonly name: string;
  /** How many workflows of this queue one worker process runs at once. */
  readonly workerConcurrency: number;
  /** Optional cluster-wide limit of running workflows of this queue. */
  readonly globalConcurrency?: number;
}

/** A named workflow: the unit that is enqueued, checkpointed and resumed. */
export interface WorkflowDefinition<A, R> {
  /** Stable, unique name, stored with every run. */
  readonly name: string;
  /** Queue it runs from unless the enqueue names another. */
  readonly queue: QueueSpec;
  /** The workflow body: deterministic orchestration of steps. `args` must be JSON-serialisable. */
  readonly run: (ctx: WorkflowContext, args: A) => Promise<R>;
}

/**
 * Any workflow definition, for lists and registries: `never` arguments accept every definition
 * (parameters are contravariant) without resorting to `any`.
 */
export type AnyWorkflow = WorkflowDefinition<never, unknown>;
