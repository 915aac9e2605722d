import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { ACTIVE } from '../../../platform/db/literals.js';
import { RoleName } from '../../identity/domain/permissions.js';
import { capabilitiesOf } from '../../offerings/domain/capabilities.js';
import { type DateFacts, providerReviewNeeded } from '../domain/routing.js';
import type { LockedOrder } from './lock-order.js';

/** Today as `YYYY-MM-DD` in UTC (dates are compared as strings). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The dates routing compares (the project's was read with the order's lock). */
export function dateFacts(o: LockedOrder): DateFacts {
  return { today: today(), projectStartDate: o.projectStartDate, orderStartDate: o.row.start_date };
}

/**
 * §5.3 for this order and the reviewing user (consumer reviewer, else creator): the type's rule,
 * the offering's options and the user's roles on the provider organization and the offering.
 */
export async function needsProviderReview(tx: Tx, o: LockedOrder, userId: number | null): Promise<boolean> {
  const rule = capabilitiesOf(o.offeringType).providerApproval;
  if (rule === 'always' || rule === 'never') return rule === 'always';
  const roles =
    userId === null
      ? []
      : await tx
          .selectFrom('user_roles as ur')
          .innerJoin('roles as r', 'r.id', 'ur.role_id')
          .select(['r.name', 'ur.scope_type'])
          .where('ur.user_id', '=', userId)
          .where('ur.is_active', '=', ACTIVE)
          .where((eb) =>
            eb.or([eb('ur.expiration_time', 'is', null), eb('ur.expiration_time', '>', sql<Date>`now()`)]),
          )
          .where((eb) =>
            eb.or([
              eb.and([eb('ur.scope_type', '=', 'customer'), eb('ur.scope_id', '=', o.providerCustomerId)]),
              eb.and([eb('ur.scope_type', '=', 'offering'), eb('ur.scope_id', '=', o.row.offering_id)]),
            ]),
          )
          .execute();
  const has = (name: string, scope: string) => roles.some((r) => r.name === name && r.scope_type === scope);
  const opts = o.offeringPluginOptions;
  return providerReviewNeeded({
    rule,
    autoApproveRemoteOrders: opts.auto_approve_remote_orders === true,
    autoApproveScript: opts.auto_approve_marketplace_script !== false,
    userOwnsOfferingCustomer: has(RoleName.CUSTOMER_OWNER, 'customer'),
    userIsServiceManagerOfOffering:
      has(RoleName.CUSTOMER_MANAGER, 'customer') && has(RoleName.OFFERING_MANAGER, 'offering'),
  });
}
