import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { lockOrder } from '../../orders/app/lock-order.js';
import { failProcessing } from '../../orders/app/outcomes.js';
import { releaseLock } from '../adapters/pg/lock-store.js';
import { inFlightStepOf, moveStep } from '../adapters/pg/step-store.js';
import { activeRunOf, lockRowOf, lockTenant } from '../adapters/pg/tenant-repository.js';
import { abandonOpenTries } from '../adapters/pg/try-store.js';
import { lockFresh, nothingToReset, tenantInvalidState } from '../domain/errors.js';
import { TenantEventType } from '../domain/event-types.js';
import { recordTransition, settleRun } from './lifecycle.js';
import { recordTenantEvent } from './tenant-events.js';

/** Body of Reset. */
export interface ResetInput {
  reason: string;
  force: boolean;
}

/**
 * Reset (tenant spec §6.2): clears a stuck run or a stale lock without starting an attempt. Under
 * the row locks (order → resource → tenant → lock) the active run becomes `reset` and its in-flight
 * try `abandoned`, the lock row is deleted (a live holder's next fenced write is refused), a
 * Provisioning tenant becomes Failed and its order ERRED, a TERMINATE order ERRED, and the reset is
 * audited. Returns the workflow to cancel after commit, so the engine never resumes it.
 */
export async function resetTenant(
  tx: Tx,
  actor: Actor,
  tenantId: number,
  input: ResetInput,
  lockTtlMs: number,
): Promise<{ cancelWorkflowId: string | undefined }> {
  const before = await activeRunOf(tx, tenantId);
  const order = before ? await lockOrder(tx, before.order_id) : undefined;
  const t = await lockTenant(tx, tenantId);
  const run = await activeRunOf(tx, tenantId);
  const lock = await lockRowOf(tx, tenantId);
  if (!['Provisioning', 'Failed', 'Decommissioning'].includes(t.state)) {
    throw tenantInvalidState(['Provisioning', 'Failed', 'Decommissioning']);
  }
  if (!run && !lock) throw nothingToReset();
  const { now } = await sql<{ now: Date }>`SELECT now() AS now`.execute(tx).then((r) => r.rows[0]!);
  const ageMs = lock ? now.getTime() - lock.heartbeat_at.getTime() : null;
  if (lock && ageMs !== null && ageMs < lockTtlMs && !input.force) {
    throw lockFresh({ holder: lock.holder, heartbeatAgeMs: ageMs });
  }
  const message = `Reset by ${actor.username}: ${input.reason}`;
  let step: string | null = null;
  if (run) {
    const inFlight = await inFlightStepOf(tx, run.id);
    step = inFlight?.step ?? null;
    let tries = 0;
    if (inFlight) {
      await moveStep(tx, { runId: run.id, step: inFlight.step, position: inFlight.position }, 'abandoned');
      tries = await abandonOpenTries(tx, inFlight.id);
    }
    await settleRun(tx, t, {
      run: { id: run.id, kind: run.kind },
      status: 'reset',
      recordSameState: run.kind === 'decommission',
      failedActivity: step ?? run.start_step ?? '',
      error: { code: 'reset', message, retryable: false, tries },
      actorId: actor.id,
      reason: input.reason,
      runId: run.id,
      forced: input.force,
    });
    // The actor is not passed on: a staff reset must not turn a force_destroy TERMINATE into TERMINATED.
    if (order?.state === 'executing') await failProcessing(tx, order, null, message, '');
  } else if (t.state !== 'Failed') {
    await recordTransition(tx, t.id, t.state, t.state, {
      actorId: actor.id,
      reason: input.reason,
      runId: null,
      forced: input.force,
    });
  }
  await releaseLock(tx, t.id);
  const attempt = await tx
    .selectFrom('tenant_runs')
    .select(sql<number>`coalesce(max(number), 0)`.as('n'))
    .where('tenant_id', '=', t.id)
    .where('kind', '=', 'provision')
    .executeTakeFirstOrThrow();
  await recordTenantEvent(tx, t, {
    type: TenantEventType.PROVISIONING_RESET,
    message: `Tenant ${t.slug} was reset by ${actor.username}.`,
    level: 'warning',
    actorId: actor.id,
    orderId: run?.order_id ?? null,
    reason: input.reason,
    payload: {
      attempt_number: attempt.n,
      run_kind: run?.kind ?? null,
      step,
      reason: input.reason,
      forced: input.force,
      lock_holder: lock?.holder ?? null,
      heartbeat_age_ms: ageMs,
    },
  });
  return { cancelWorkflowId: run?.workflow_id };
}
