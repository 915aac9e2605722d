import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { ACTIVE } from '../../../platform/db/literals.js';
import { Permission, PROVIDER_SIDE_ROLES, RoleName } from '../../identity/domain/permissions.js';
import { ORDER_TYPE_CODES } from '../domain/order-type.js';
import { type ConsumerReviewFacts, consumerReviewSkipped } from '../domain/routing.js';

/** The order facts §5.2 needs besides the creator's roles. */
export interface ReviewContext {
  projectId: number;
  customerId: number;
  providerCustomerId: number;
  offeringShared: boolean;
  pluginOptions: Record<string, unknown>;
  isTerminate: boolean;
  hasAttachment: boolean;
}

/** A user as §5.2 sees them. */
export interface ReviewUser {
  id: number;
  isStaff: boolean;
}

/**
 * Resolves §5.2's facts for `user` with one query over their live grants on the project, its
 * organization and the provider organization, then applies the rules.
 */
export async function consumerReviewFacts(
  tx: Tx,
  user: ReviewUser,
  c: ReviewContext,
): Promise<ConsumerReviewFacts> {
  const rows = await tx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .leftJoin('role_permissions as rp', 'rp.role_id', 'ur.role_id')
    .select(['r.name as role', 'ur.scope_type', 'ur.scope_id', 'rp.permission'])
    .where('ur.user_id', '=', user.id)
    .where('ur.is_active', '=', ACTIVE)
    .where((eb) =>
      eb.or([eb('ur.expiration_time', 'is', null), eb('ur.expiration_time', '>', sql<Date>`now()`)]),
    )
    .where((eb) =>
      eb.or([
        eb.and([eb('ur.scope_type', '=', 'project'), eb('ur.scope_id', '=', c.projectId)]),
        eb.and([
          eb('ur.scope_type', '=', 'customer'),
          eb('ur.scope_id', 'in', [c.customerId, c.providerCustomerId]),
        ]),
      ]),
    )
    .execute();
  const consumerSide = rows.filter(
    (r) =>
      (r.scope_type === 'project' && r.scope_id === c.projectId) ||
      (r.scope_type === 'customer' &&
        r.scope_id === c.customerId &&
        !(PROVIDER_SIDE_ROLES as readonly string[]).includes(r.role)),
  );
  const holds = (p: string) => consumerSide.some((r) => r.permission === p);
  const autoRoles = Array.isArray(c.pluginOptions.auto_approve_for_roles)
    ? c.pluginOptions.auto_approve_for_roles
    : [];
  const o = c.pluginOptions;
  return {
    purchaseOrderMissing: o.require_purchase_order_upload === true && !c.hasAttachment && !c.isTerminate,
    creatorIsStaff: user.isStaff,
    offeringPrivate: !c.offeringShared,
    creatorHasApprovePrivate: holds(Permission.ORDER_APPROVE_PRIVATE),
    serviceProviderProjectAutoApprove:
      c.offeringShared &&
      c.providerCustomerId === c.customerId &&
      o.auto_approve_in_service_provider_projects === true &&
      o.disable_autoapprove !== true,
    terminateByOfferingOwner:
      c.isTerminate &&
      rows.some(
        (r) =>
          r.scope_type === 'customer' &&
          r.scope_id === c.providerCustomerId &&
          r.role === RoleName.CUSTOMER_OWNER,
      ),
    creatorHasAutoApproveRole: consumerSide.some((r) => autoRoles.includes(r.role)),
    creatorHasApprove: holds(Permission.ORDER_APPROVE),
  };
}

/** Whether consumer review is skipped for `user` on this order (§5.2). */
export async function skipsConsumerReview(tx: Tx, user: ReviewUser, c: ReviewContext): Promise<boolean> {
  return consumerReviewSkipped(await consumerReviewFacts(tx, user, c));
}

/** The order record fields {@link creatorSkipsConsumerReview} reads. */
interface CreatorRecord {
  created_by: number | null;
  project_id: number;
  customer_id: number;
  provider_customer_id: number;
  offering_shared: boolean;
  offering_plugin_options: Record<string, unknown>;
  type: number;
  attachment_name: string | null;
}

/** §7.8's "review of order by consumer is not required": would the creator have skipped review? */
export async function creatorSkipsConsumerReview(tx: Tx, rec: CreatorRecord): Promise<boolean> {
  if (rec.created_by === null) return false;
  const creator = await tx
    .selectFrom('users')
    .select(['id', 'is_staff'])
    .where('id', '=', rec.created_by)
    .executeTakeFirst();
  if (!creator) return false;
  return skipsConsumerReview(
    tx,
    { id: creator.id, isStaff: creator.is_staff },
    {
      projectId: rec.project_id,
      customerId: rec.customer_id,
      providerCustomerId: rec.provider_customer_id,
      offeringShared: rec.offering_shared,
      pluginOptions: rec.offering_plugin_options,
      isTerminate: rec.type === ORDER_TYPE_CODES.Terminate,
      hasAttachment: rec.attachment_name !== null,
    },
  );
}
