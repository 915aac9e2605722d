import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { DomainError } from '../../../platform/errors.js';
import type { OrderState } from '../domain/order-state.js';
import { type CreateOrderInput, createOrder } from './create-order.js';
import { lockOrder } from './lock-order.js';
import { type Headroom, orderHeadroom } from './preflight-headroom.js';
import { type ApprovalStep, approvalPath, type Landed } from './preflight-path.js';
import { dateFacts, needsProviderReview } from './routing.js';

/** What create would do with a body, found out without keeping anything. */
export interface Preflight {
  /** The error create would answer with; null when it would accept the order. */
  refusal: DomainError | null;
  /** The state the order would be in right after create (null when refused). */
  state: OrderState | null;
  /** The reviews and waits ahead, in order, and who can give each review. */
  path: ApprovalStep[];
  /** Monthly cost estimate of the plan for the requested limits (null without a plan). */
  cost: string | null;
  /** Room left under the limits that apply (null when the project or offering is unknown). */
  headroom: Headroom | null;
}

const SAVEPOINT = sql`savepoint order_preflight`;
const ROLLBACK = sql`rollback to savepoint order_preflight`;
const RELEASE = sql`release savepoint order_preflight`;

/**
 * Order preflight: runs the real create use case ({@link createOrder}, so every rule and problem
 * code is create's own) inside a savepoint that is always rolled back, notes where the order
 * landed, then reads the approval path, cost and headroom against the unchanged database.
 * `input` is a thunk so that reading the body (hyperlinks) fails the same way inside the verdict.
 */
export async function preflightOrder(
  tx: Tx,
  actor: Actor,
  input: () => CreateOrderInput,
): Promise<Preflight> {
  let parsed: CreateOrderInput | undefined;
  let refusal: DomainError | null = null;
  let landed: Landed | null = null;
  await SAVEPOINT.execute(tx);
  try {
    parsed = input();
    const id = await createOrder(tx, actor, parsed);
    landed = await whereItLanded(tx, actor, id);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    refusal = err;
  } finally {
    await ROLLBACK.execute(tx);
    await RELEASE.execute(tx);
  }
  const headroom = parsed ? await orderHeadroom(tx, actor, parsed) : null;
  return {
    refusal,
    state: landed?.state ?? null,
    path: landed && headroom ? await approvalPath(tx, landed, headroom) : [],
    cost: headroom?.cost ?? null,
    headroom,
  };
}

async function whereItLanded(tx: Tx, actor: Actor, orderId: number): Promise<Landed> {
  const o = await lockOrder(tx, orderId);
  const dates = dateFacts(o);
  const providerReview =
    o.state === 'pending-provider' ||
    ((o.state === 'pending-consumer' || o.state === 'pending-project') &&
      (await needsProviderReview(tx, o, o.row.consumer_reviewed_by ?? actor.id)));
  return {
    state: o.state,
    projectId: o.row.project_id,
    customerId: o.customerId,
    providerCustomerId: o.providerCustomerId,
    offeringId: o.row.offering_id,
    providerReview,
    autoApprovedByRuleId: o.row.auto_approved_by_rule_id,
    projectStartDate: dates.projectStartDate,
    orderStartDate: dates.orderStartDate,
    today: dates.today,
  };
}
