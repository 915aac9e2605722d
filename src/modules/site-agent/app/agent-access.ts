import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ForbiddenError } from '../../../platform/errors.js';
import { can } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';

/** The offering an agent object belongs to, as the access check needs it. */
export interface AgentOffering {
  offering_id: number;
  offering_customer_id: number;
}

/**
 * Who may manage an offering's agents (Waldur `resolve_offering_agent_authorization`): staff, the
 * provider organization's owners and service managers, and the offering's managers — everyone
 * holding OFFERING.UPDATE on the organization or on the offering itself.
 */
export function canManageAgents(tx: Tx, actor: Actor, o: AgentOffering): Promise<boolean> {
  return can(tx, actor, Permission.OFFERING_UPDATE, [
    { type: 'customer', id: o.offering_customer_id },
    { type: 'offering', id: o.offering_id },
  ]);
}

/** {@link canManageAgents}, throwing a 403-kind error when the answer is no. */
export async function authorizeAgents(tx: Tx, actor: Actor, o: AgentOffering): Promise<void> {
  if (!(await canManageAgents(tx, actor, o)))
    throw new ForbiddenError(
      'site_agent.permission_denied',
      'You cannot manage the agents of this offering.',
    );
}
