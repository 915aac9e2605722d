import { consumeFault, holdFault } from '../../modules/tenants/app/faults.js';
import { defineStep, type StepDefinition, type WorkflowContext } from '../../platform/workflows/index.js';
import type { SagaDeps } from './deps.js';
import { classify, LockLostError, StepError } from './errors.js';
import { fenced } from './fenced.js';
import type { Lease } from './lease.js';
import type { SagaStep, StepEnv } from './step.js';
import { beginTry, completeTry, failTry, type StepMode } from './tries.js';

/**
 * What a saga step receives through the engine. The engine passes step inputs to the step in
 * memory (only outputs are checkpointed), so the lease of this execution travels here.
 */
export interface SagaInput {
  lease: Lease;
}

/**
 * One try of a saga step: open the try (fenced), take an injected fault if any (before the
 * effect, §5.3), run the effect, then commit the checkpoint (fenced; with the effect itself for a
 * transactional step). A drill fault with `hold_seconds` holds after the effect instead. Returns
 * null: the step's output is kept in `tenant_step_runs` only, never in the engine's record.
 */
async function oneTry<O>(
  deps: SagaDeps,
  def: SagaStep<O>,
  mode: StepMode,
  lease: Lease,
  engineSignal: AbortSignal,
): Promise<null> {
  const signal = AbortSignal.any([engineSignal, lease.signal]);
  const begun = await fenced(deps, lease, (tx, t) => beginTry(tx, t, lease, def.name, mode));
  if (begun.kind === 'done') return null;
  const env: StepEnv = {
    deps,
    tenant: begun.tenant,
    runId: lease.runId,
    attemptNumber: begun.attemptNumber,
    tryNumber: begun.tryNumber,
    worker: lease.worker,
    signal,
  };
  const fault = deps.settings.faultsEnabled
    ? await consumeFault(deps.db, def.name, lease.tenantId)
    : undefined;
  if (fault && fault.holdSeconds === null)
    throw new StepError('fault.injected', fault.message, !fault.permanent);
  if ('invoke' in def) {
    const output = await def.invoke(env);
    if (fault) await holdFault(deps.db, fault, signal);
    return fenced(deps, lease, async (tx, t) => {
      await completeTry(tx, t, begun, lease, def.name, mode, output);
      return null;
    });
  }
  if (fault) await holdFault(deps.db, fault, signal);
  return fenced(
    deps,
    lease,
    async (tx, t, order) => {
      const output = await def.apply(tx, { ...env, tenant: t, order });
      await completeTry(tx, t, begun, lease, def.name, mode, output);
      await def.afterComplete?.(tx, { ...env, tenant: t }, output);
      return null;
    },
    { lockOrder: def.locksOrder === true },
  );
}

/**
 * A saga step as an engine step (built once per workflow definition). The engine records only
 * that the call happened (its output is null): the step's result is its step run's checkpoint.
 */
export function engineStep<O>(
  deps: SagaDeps,
  def: SagaStep<O>,
  mode: StepMode,
): StepDefinition<SagaInput, null> {
  return defineStep<SagaInput, null>({
    name: def.name,
    retry: { ...def.retry, isRetryable: (err) => classify(err).retryable },
    invoke: (input, ctx) => oneTry(deps, def, mode, input.lease, ctx.signal),
  });
}

/** How a step ended for the workflow body. */
export type StepResult = { ok: true } | { ok: false; lost: boolean };

const isLockLost = (err: unknown) =>
  err instanceof LockLostError || (err instanceof Error && err.name === 'LockLostError');

/**
 * Runs a saga step through the engine: checkpointed, retried by its policy, every failed try
 * recorded by the observer (fenced). A failure that ends the step returns `{ok: false}`; a lost
 * lock returns `lost`, and the body must stop without writing.
 */
export async function runStep(
  ctx: WorkflowContext,
  deps: SagaDeps,
  lease: Lease,
  step: StepDefinition<SagaInput, null>,
  mode: StepMode,
): Promise<StepResult> {
  try {
    await ctx.step(
      step,
      { lease },
      {
        onTryFailed: async (f) => {
          if (isLockLost(f.error) || lease.lost()) return;
          await fenced(deps, lease, (tx) => failTry(tx, lease, step.name, mode, f));
        },
      },
    );
    return { ok: true };
  } catch (err) {
    return { ok: false, lost: isLockLost(err) || lease.lost() };
  }
}
