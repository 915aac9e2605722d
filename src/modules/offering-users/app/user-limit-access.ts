import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ForbiddenError } from '../../../platform/errors.js';
import { can } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';

/** The resource a per-user limit is about, with the scopes its permissions are checked on. */
export interface LimitResource {
  id: number;
  offering_id: number;
  provider_customer_id: number;
  project_id: number;
  customer_id: number;
}

/**
 * Who may set per-user limits: the consumer side that may change the resource's limits
 * (RESOURCE.SET_LIMITS on the project or its organization) or the provider side that reports its
 * usage (RESOURCE.SET_USAGE on the offering or its organization). Anyone else: 403.
 */
export async function authorizeUserLimits(tx: Tx, actor: Actor, r: LimitResource): Promise<void> {
  const consumer = await can(tx, actor, Permission.RESOURCE_SET_LIMITS, [
    { type: 'project', id: r.project_id },
    { type: 'customer', id: r.customer_id },
  ]);
  if (consumer) return;
  const provider = await can(tx, actor, Permission.RESOURCE_SET_USAGE, [
    { type: 'offering', id: r.offering_id },
    { type: 'customer', id: r.provider_customer_id },
  ]);
  if (!provider) throw new ForbiddenError();
}
