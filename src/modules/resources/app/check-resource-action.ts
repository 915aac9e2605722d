import type { Actor } from '../../../platform/auth/actor.js';
import { writeAfterRollback } from '../../../platform/db/after-rollback.js';
import { appendResourceTransition } from '../adapters/pg/resource-repository.js';
import { firstResourceFailure, type ResourceAbilityInput } from '../domain/abilities.js';
import { RESOURCE_ACTION_TARGET } from '../domain/refused-moves.js';
import type { ResourceAction } from '../domain/resource-actions.js';
import { type ResourceState, resourceStateToCode } from '../domain/resource-state.js';

/**
 * Runs a resource action's checks (the first failure answers). A state action refused by the state
 * machine is recorded as a refused transition (`is_valid = false`, G5) once the request's
 * transaction has rolled back; the refusal's message is the row's reason.
 */
export function checkResourceAction(
  resourceId: number,
  action: ResourceAction,
  input: ResourceAbilityInput,
  actor: Actor,
): void {
  const failed = firstResourceFailure(action, input);
  if (!failed || failed.verdict.ok) return;
  const to = RESOURCE_ACTION_TARGET[action];
  const byState = failed.check.kind === 'state' || failed.check.kind === 'reachable';
  if (!byState || to === undefined) throw failed.verdict.error;
  throw recordRefusedResourceTransition(failed.verdict.error, {
    resourceId,
    from: input.resource.state,
    to,
    action,
    actorId: actor.id,
    reason: failed.verdict.message,
  });
}

/** Attaches the refused transition's row to the error that refuses it (written after the rollback). */
export function recordRefusedResourceTransition<E extends object>(
  err: E,
  t: {
    resourceId: number;
    from: ResourceState;
    to: ResourceState;
    action: string;
    actorId: number | null;
    reason: string;
  },
): E {
  return writeAfterRollback(err, (tx) =>
    appendResourceTransition(tx, {
      resourceId: t.resourceId,
      orderId: null,
      from: resourceStateToCode(t.from),
      to: resourceStateToCode(t.to),
      action: t.action,
      actorId: t.actorId,
      reason: t.reason,
      isValid: false,
    }),
  );
}
