import type { Tx } from '../../../../platform/db/database.js';
import { ACTIVE } from '../../../../platform/db/literals.js';
import type { ApprovalSlaScope } from '../../../../platform/db/schema.js';
import type { Recipient } from './recipients.js';

/** A scope's settings; a scope without a row has the defaults (no escalation, no digest). */
export interface SlaSettings {
  escalate_after_hours: number | null;
  daily_digest: boolean;
}

/** The settings row of one scope, or the defaults. */
export async function readSla(tx: Tx, scope: ApprovalSlaScope, id: number): Promise<SlaSettings> {
  const row = await tx
    .selectFrom('approval_sla_settings')
    .select(['escalate_after_hours', 'daily_digest'])
    .where('scope_type', '=', scope)
    .where('scope_id', '=', id)
    .executeTakeFirst();
  return row ?? { escalate_after_hours: null, daily_digest: false };
}

/** Replaces one scope's settings, recording who changed them. */
export async function writeSla(
  tx: Tx,
  scope: ApprovalSlaScope,
  id: number,
  s: SlaSettings,
  actorId: number,
): Promise<SlaSettings> {
  const values = { ...s, modified_by: actorId, modified: new Date() };
  await tx
    .insertInto('approval_sla_settings')
    .values({ scope_type: scope, scope_id: id, ...values })
    .onConflict((oc) => oc.columns(['scope_type', 'scope_id']).doUpdateSet(values))
    .execute();
  return s;
}

/** Active users holding the role `roleName` on one organization (the provider's owners). */
export function customerRoleHolders(tx: Tx, roleName: string, customerId: number): Promise<Recipient[]> {
  return tx
    .selectFrom('users as u')
    .select(['u.id', 'u.email'])
    .where('u.is_active', '=', true)
    .where('u.id', 'in', (eb) =>
      eb
        .selectFrom('user_roles as ur')
        .innerJoin('roles as ro', 'ro.id', 'ur.role_id')
        .select('ur.user_id')
        .where('ro.name', '=', roleName)
        .where('ur.scope_type', '=', 'customer')
        .where('ur.scope_id', '=', customerId)
        .where('ur.is_active', '=', ACTIVE)
        .where((w) => w.or([w('ur.expiration_time', 'is', null), w('ur.expiration_time', '>', new Date())])),
    )
    .orderBy('u.id')
    .execute();
}

/** Active staff users (the last step of the escalation chain). */
export function staffUsers(tx: Tx): Promise<Recipient[]> {
  return tx
    .selectFrom('users')
    .select(['id', 'email'])
    .where('is_staff', '=', true)
    .where('is_active', '=', true)
    .orderBy('id')
    .execute();
}
