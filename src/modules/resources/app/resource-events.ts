import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { type EventScopes, recordEvent } from '../../audit/app/record-event.js';
import type { LockedResource } from './lock-resource.js';

/** The feeds a resource event appears in (resource, project, both organizations, offering). */
export function resourceEventScopes(r: LockedResource): EventScopes {
  return {
    resourceId: r.row.id,
    projectId: r.row.project_id,
    customerId: r.customerId,
    offeringId: r.row.offering_id,
    providerCustomerId: r.providerCustomerId,
  };
}

/** One resource event of a direct action: what happened, by whom and why (§17 f: the reason is kept). */
export interface ResourceEventInput {
  type: string;
  message: string;
  level?: 'info' | 'warning' | 'error';
  actor: Actor;
  reason?: string | undefined;
  context?: Record<string, unknown>;
}

/** Writes a resource event in the caller's transaction (G5). */
export async function recordResourceEvent(tx: Tx, r: LockedResource, e: ResourceEventInput): Promise<void> {
  await recordEvent(tx, {
    type: e.type,
    message: e.message,
    level: e.level ?? 'info',
    actorId: e.actor.id,
    reason: e.reason ?? '',
    context: { resource_uuid: r.row.uuid, resource_name: r.row.name, ...e.context },
    scopes: resourceEventScopes(r),
  });
}
