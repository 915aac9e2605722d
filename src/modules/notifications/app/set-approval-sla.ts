import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { ApprovalSlaScope } from '../../../platform/db/schema.js';
import { recordEvent } from '../../audit/app/record-event.js';
import { type SlaSettings, writeSla } from '../adapters/pg/sla-settings.js';

/** Audit event type of a changed approval SLA. */
export const APPROVAL_SLA_CHANGED = 'marketplace_approval_sla_changed';

/**
 * Replaces the approval SLA of an offering or an organization (the route authorized the actor),
 * with an audit event in that scope's feed.
 */
export async function setApprovalSla(
  tx: Tx,
  actor: Actor,
  scope: { type: ApprovalSlaScope; id: number; providerCustomerId: number },
  s: SlaSettings,
): Promise<SlaSettings> {
  const out = await writeSla(tx, scope.type, scope.id, s, actor.id);
  await recordEvent(tx, {
    type: APPROVAL_SLA_CHANGED,
    message: `Approval SLA set: escalate after ${s.escalate_after_hours ?? 'never'} h, daily digest ${s.daily_digest ? 'on' : 'off'}.`,
    actorId: actor.id,
    context: { scope: scope.type, ...s },
    scopes: {
      ...(scope.type === 'offering' ? { offeringId: scope.id } : {}),
      providerCustomerId: scope.providerCustomerId,
    },
  });
  return out;
}
