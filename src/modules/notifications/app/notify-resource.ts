import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { RoleName } from '../../identity/domain/permissions.js';
import {
  loadResourceSummary,
  loadResourceSummaryWithMembers,
  mergeRecipients,
  scopeRoleHolders,
} from '../adapters/pg/resource-recipients.js';
import { OUTCOME_KINDS } from '../domain/kinds.js';
import {
  type ResourceOutcome,
  resourceOutcomeMessage,
  terminationScheduledMessage,
} from '../domain/resource-messages.js';
import { recordNotifications } from './record-notifications.js';

/**
 * A resource's Create/Update/Terminate ended (the `marketplace_resource_<family>_<outcome>` event
 * the transition writes): every member of its project is told, as Waldur's
 * `notify_about_resource_change`. Runs in the transition's transaction; a canceled outcome (or any
 * pair without a kind) mails nobody. Returns the rows written.
 */
export async function notifyResourceOutcome(
  tx: Tx,
  resourceId: number,
  orderId: number | null,
  outcome: { family: ResourceOutcome['family']; outcome: string; error: string },
): Promise<number> {
  const kind = OUTCOME_KINDS[`${outcome.family}_${outcome.outcome}`];
  if (!kind || (outcome.outcome !== 'succeeded' && outcome.outcome !== 'failed')) return 0;
  const loaded = await loadResourceSummaryWithMembers(tx, resourceId);
  if (!loaded) return 0;
  return recordNotifications(
    tx,
    { kind, orderId, orderState: null, resourceId, projectId: loaded.ids.projectId },
    loaded.members,
    resourceOutcomeMessage(loaded.summary, { ...outcome, outcome: outcome.outcome }),
  );
}

/**
 * Someone asked to terminate a resource: the project's administrators and managers are told, and
 * the person who asked (Waldur's `notify_about_resource_termination`, the asker in Bcc). Runs in
 * the transaction that created the Terminate order.
 */
export async function notifyTerminationScheduled(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  orderId: number | null,
): Promise<number> {
  const loaded = await loadResourceSummary(tx, resourceId);
  if (!loaded) return 0;
  const managers = await scopeRoleHolders(tx, { type: 'project', id: loaded.ids.projectId }, [
    RoleName.PROJECT_ADMIN,
    RoleName.PROJECT_MANAGER,
  ]);
  const asker = await tx
    .selectFrom('users')
    .select(['id', 'email'])
    .where('id', '=', actor.id)
    .where('is_active', '=', true)
    .execute();
  return recordNotifications(
    tx,
    {
      kind: 'resource_termination_scheduled',
      orderId,
      orderState: null,
      resourceId,
      projectId: loaded.ids.projectId,
    },
    mergeRecipients(managers, asker),
    terminationScheduledMessage(loaded.summary, actor.fullName || actor.username, actor.isStaff),
  );
}
