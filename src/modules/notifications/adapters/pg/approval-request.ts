import { type Expression, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { reusable } from '../../../../platform/db/reusable.js';
import { Permission } from '../../../identity/domain/permissions.js';
import type { ApprovalSide, OrderSummary } from '../../domain/messages.js';
import {
  type HolderScope,
  holdersQuery,
  type OrderScopesIds,
  orderSummaryOf,
  orderSummaryQuery,
  type Recipient,
} from './recipients.js';

/** What an approval request needs: the order's summary, its approvers and whether they get a digest. */
export interface ApprovalRequestFacts {
  summary: OrderSummary;
  ids: OrderScopesIds;
  /** ORDER.APPROVE holders of the waiting side (orders §9.3), each once, in id order. */
  approvers: Recipient[];
  /** Provider approvers who opted into the daily digest get the request there (consumer side: false). */
  digest: boolean;
}

const ref = (column: string) => sql.ref<number>(column);

/**
 * Whether the offering's orders go to the daily digest: the offering's own SLA row, else its
 * organization's, else not, for the offering `f` of the outer query.
 */
function digestOf(offeringId: Expression<number>, providerId: Expression<number>) {
  return sql<boolean>`coalesce((
    SELECT s.daily_digest FROM approval_sla_settings s
     WHERE (s.scope_type = 'offering' AND s.scope_id = ${offeringId})
        OR (s.scope_type = 'customer' AND s.scope_id = ${providerId})
     ORDER BY s.scope_type = 'offering' DESC LIMIT 1), false)`;
}

type Id = number | Expression<number>;

/**
 * Where a side's approvers hold ORDER.APPROVE (orders §9.3): the project or its organization (not
 * the organization's provider-side roles) / the offering (offering managers) or the provider
 * organization. Ids are numbers or columns of an outer query.
 */
export function approverScopes(
  side: ApprovalSide,
  ids: { projectId: Id; customerId: Id; offeringId: Id; providerCustomerId: Id },
): HolderScope[] {
  return side === 'consumer'
    ? [
        { type: 'project', id: ids.projectId },
        { type: 'customer', id: ids.customerId, consumer: true },
      ]
    : [
        { type: 'offering', id: ids.offeringId },
        { type: 'customer', id: ids.providerCustomerId },
      ];
}

// The outer query's columns for approverScopes (orderSummaryQuery's aliases).
const OUTER = {
  projectId: ref('p.id'),
  customerId: ref('c.id'),
  offeringId: ref('o.offering_id'),
  providerCustomerId: ref('f.customer_id'),
};

// One statement per approval request (every order entering a waiting state), compiled once per side.
const request = (side: ApprovalSide) =>
  reusable((db: Db, p: { orderId: number }) =>
    orderSummaryQuery(db)
      .select(
        jsonArrayFrom(holdersQuery(db, Permission.ORDER_APPROVE, approverScopes(side, OUTER))).as(
          'approvers',
        ),
      )
      .select(
        side === 'provider'
          ? digestOf(OUTER.offeringId, OUTER.providerCustomerId).as('digest')
          : sql<boolean>`false`.as('digest'),
      )
      .where('o.id', '=', p.orderId),
  );
const bySide = { consumer: request('consumer'), provider: request('provider') };

/** The approval request of an order waiting on `side`, in one statement; undefined without the order. */
export async function loadApprovalRequest(
  tx: Tx,
  orderId: number,
  side: ApprovalSide,
): Promise<ApprovalRequestFacts | undefined> {
  const [r] = await bySide[side](tx, { orderId });
  return r && { ...orderSummaryOf(r), approvers: r.approvers, digest: r.digest };
}
