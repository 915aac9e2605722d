/**
 * Drift: a resource whose state disagrees with what the order → resource effect table
 * (`RESOURCE_EFFECTS`, resources/domain/order-effects.ts) says its orders should have left.
 *
 * The rules are data: each names the resource states it looks at, what the resource's latest order
 * must be, how long the resource must have been in its state, and which order event's effect is
 * the repair. {@link detectDrift} takes the first rule that matches; the repair target is the cell
 * of `RESOURCE_EFFECTS` the rule names, resolved by `resourceStateAfterOrderEvent`.
 */
import type { OrderState } from '../../orders/domain/order-state.js';
import type { OrderType } from '../../orders/domain/order-type.js';
import { type OrderEvent, resourceStateAfterOrderEvent } from '../../resources/domain/order-effects.js';
import type { ResourceState } from '../../resources/domain/resource-state.js';

/** Rule codes (stable: the API returns them). */
export type DriftRuleCode =
  | 'order_done_resource_in_progress'
  | 'order_ended_resource_in_progress'
  | 'terminating_without_order'
  | 'updating_without_order'
  | 'creating_without_order';

/** Where the repair's target state comes from. */
export type DriftRepair =
  /** The effect of the latest order's own terminal state (done → `done`, erred → `erred`, …). */
  | { readonly kind: 'latest_order' }
  /** The effect of this event on an order of this type, as if one had ended that way. */
  | { readonly kind: 'as_if'; readonly orderType: OrderType; readonly event: OrderEvent };

/** One drift rule. */
export interface DriftRule {
  readonly code: DriftRuleCode;
  readonly title: string;
  readonly description: string;
  /** Resource states the rule looks at (always with no order in flight). */
  readonly states: readonly ResourceState[];
  /**
   * The latest order's state, when its type explains the resource's state (Create/Restore for
   * Creating, Update for Updating, Terminate for Terminating); `'unexplained'`: no such order.
   */
  readonly latestOrder: readonly OrderState[] | 'unexplained';
  /** Minutes the resource must have been in its state (since its last transition). */
  readonly minAgeMinutes: number;
  readonly repair: DriftRepair;
}

const IN_PROGRESS: readonly ResourceState[] = ['Creating', 'Updating', 'Terminating'];

/** Order types whose order puts a resource in each in-progress state (§4.2 `created` row). */
export const EXPLAINING_ORDER_TYPES: Partial<Record<ResourceState, readonly OrderType[]>> = {
  Creating: ['Create', 'Restore'],
  Updating: ['Update'],
  Terminating: ['Terminate'],
};

/** The terminal order states and the `RESOURCE_EFFECTS` row each one's handler applied. */
export const ENDED_ORDER_EVENTS: Partial<Record<OrderState, OrderEvent>> = {
  done: 'done',
  erred: 'erred',
  canceled: 'canceled',
  rejected: 'rejected',
};

/** The rules, first match wins. */
export const DRIFT_RULES: readonly DriftRule[] = [
  {
    code: 'order_done_resource_in_progress',
    title: 'Order done, resource still in progress',
    description: 'The latest order is done, but the resource did not reach the state a done order sets.',
    states: IN_PROGRESS,
    latestOrder: ['done'],
    minAgeMinutes: 0,
    repair: { kind: 'latest_order' },
  },
  {
    code: 'order_ended_resource_in_progress',
    title: 'Order ended, resource still in progress',
    description:
      'The latest order erred, was canceled or was rejected, but the resource did not get the state that sets.',
    states: IN_PROGRESS,
    latestOrder: ['erred', 'canceled', 'rejected'],
    minAgeMinutes: 0,
    repair: { kind: 'latest_order' },
  },
  {
    code: 'terminating_without_order',
    title: 'Terminating with no termination order',
    description: 'The resource is Terminating but no Terminate order is in flight or explains it.',
    states: ['Terminating'],
    latestOrder: 'unexplained',
    minAgeMinutes: 0,
    repair: { kind: 'as_if', orderType: 'Terminate', event: 'canceled' },
  },
  {
    code: 'updating_without_order',
    title: 'Updating with no update order',
    description: 'The resource is Updating but no Update order is in flight or explains it.',
    states: ['Updating'],
    latestOrder: 'unexplained',
    minAgeMinutes: 0,
    repair: { kind: 'as_if', orderType: 'Update', event: 'canceled' },
  },
  {
    code: 'creating_without_order',
    title: 'Creating with no order for over an hour',
    description:
      'The resource has been Creating for over an hour with no Create order in flight or explaining it.',
    states: ['Creating'],
    latestOrder: 'unexplained',
    minAgeMinutes: 60,
    repair: { kind: 'as_if', orderType: 'Create', event: 'erred' },
  },
];

/** What detection reads about one resource that has no order in flight. */
export interface DriftFacts {
  readonly state: ResourceState;
  readonly hasBackendId: boolean;
  /** When the resource entered its state (last transition, else creation). */
  readonly since: Date;
  /** The resource's latest order, if any (none of its orders is in flight). */
  readonly latestOrder: { readonly type: OrderType; readonly state: OrderState } | null;
}

/** A rule that flags a resource, with the state the effect table implies. */
export interface DriftMatch {
  readonly rule: DriftRule;
  readonly expected: ResourceState;
}

function latestMatches(rule: DriftRule, f: DriftFacts): boolean {
  const explains =
    f.latestOrder !== null && (EXPLAINING_ORDER_TYPES[f.state] ?? []).includes(f.latestOrder.type);
  if (rule.latestOrder === 'unexplained') return !explains;
  return explains && f.latestOrder !== null && rule.latestOrder.includes(f.latestOrder.state);
}

function repairTarget(rule: DriftRule, f: DriftFacts): ResourceState | null {
  const cell =
    rule.repair.kind === 'as_if'
      ? { type: rule.repair.orderType, event: rule.repair.event }
      : f.latestOrder && ENDED_ORDER_EVENTS[f.latestOrder.state]
        ? { type: f.latestOrder.type, event: ENDED_ORDER_EVENTS[f.latestOrder.state] as OrderEvent }
        : null;
  if (!cell) return null;
  const outcome = resourceStateAfterOrderEvent(cell.type, cell.event, {
    currentState: f.state,
    hasBackendId: f.hasBackendId,
    forceDestroy: false,
    actorIsStaff: false,
  });
  return outcome.kind === 'set' ? outcome.to : null;
}

/** The first rule that flags the resource at `now`, or null when it agrees with its orders. */
export function detectDrift(f: DriftFacts, now: Date): DriftMatch | null {
  const ageMinutes = (now.getTime() - f.since.getTime()) / 60_000;
  for (const rule of DRIFT_RULES) {
    if (!rule.states.includes(f.state) || ageMinutes < rule.minAgeMinutes || !latestMatches(rule, f))
      continue;
    const expected = repairTarget(rule, f);
    if (expected) return { rule, expected };
  }
  return null;
}

/** The rule with this code (codes come from the database, written from this table). */
export function driftRule(code: string): DriftRule | undefined {
  return DRIFT_RULES.find((r) => r.code === code);
}
