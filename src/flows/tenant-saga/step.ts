import type { LockedOrder } from '../../modules/orders/app/lock-order.js';
import type { TenantRow } from '../../modules/tenants/adapters/pg/tenant-repository.js';
import type {
  CompensationName,
  CompensationNameOf,
  ProvisionStep,
} from '../../modules/tenants/domain/steps.js';
import type { Tx } from '../../platform/db/database.js';
import type { RetryPolicy } from '../../platform/workflows/index.js';
import type { SagaDeps } from './deps.js';

/** What a step's effect sees on one try. */
export interface StepEnv {
  deps: SagaDeps;
  tenant: TenantRow;
  runId: number;
  /** Attempt number of the run (provisioning) or the decommission run number. */
  attemptNumber: number;
  /** This try, 1-based across the run (a resumed step continues the count). */
  tryNumber: number;
  /** Executor id of the worker running the try. */
  worker: string;
  /** Aborts on cancel, on the try's timeout and when the lock is lost. */
  signal: AbortSignal;
}

/** What `verify` sees: no try, no transaction (it must not change anything). */
export interface VerifyEnv {
  deps: SagaDeps;
  tenant: TenantRow;
}

interface StepBase<O> {
  /** Stable name: recorded with checkpoints, events, faults and tries. */
  readonly name: string;
  /** Tries, backoff and per-try timeout (§5.1 table); `isRetryable` comes from the error's class. */
  readonly retry: Omit<RetryPolicy, 'isRetryable'>;
  /**
   * Is this recorded output still valid? Read-only (§5.2); used by Retry to reuse it. (Method
   * syntax on purpose: it keeps `SagaStep<X>` assignable to `SagaStep<unknown>` in step lists.)
   */
  verify?(output: O, env: VerifyEnv): Promise<boolean>;
}

/** A step whose effect is outside Orderly's transaction: the effect, then its checkpoint. */
export interface ExternalStep<O> extends StepBase<O> {
  readonly invoke: (env: StepEnv) => Promise<O>;
}

/** A step whose effect is in Orderly's database: effect and checkpoint commit together (§5.2). */
export interface TransactionalStep<O> extends StepBase<O> {
  /** Take the run's order lock first (activate): keeps the order → resource → tenant lock order. */
  readonly locksOrder?: boolean;
  readonly apply: (tx: Tx, env: StepEnv & { order: LockedOrder | undefined }) => Promise<O>;
  /** Runs after the checkpoint and `step_completed`, in the same transaction (activate's `succeeded`). */
  afterComplete?(tx: Tx, env: StepEnv, output: O): Promise<void>;
}

/** One saga step (G6): `{ name, invoke | apply, verify?, retry }`. */
export type SagaStep<O> = ExternalStep<O> | TransactionalStep<O>;

/** Compensation (undo) of a step, declared inside it: runs only in a decommission run; "already gone" is success. */
export type Compensation<C extends CompensationName = CompensationName> = ExternalStep<unknown> & {
  readonly name: C;
};

/**
 * A provisioning step of the registry: its name is its registry key, and it carries exactly the
 * compensation `COMPENSATION_OF` names for it (or `null`), so the compiler checks both.
 */
export type ProvisionStepDef<N extends ProvisionStep, O> = SagaStep<O> & {
  readonly name: N;
  readonly compensation: CompensationNameOf<N> extends CompensationName
    ? Compensation<CompensationNameOf<N>>
    : null;
};

/** The retry policy of every compensation (§6.3): 5 tries; 5 s, ×2, cap 60 s. */
export const COMPENSATION_RETRY = {
  maxAttempts: 5,
  initialDelayMs: 5_000,
  backoffFactor: 2,
  maxDelayMs: 60_000,
};
