/**
 * Glossary (architecture G2):
 *
 * - **resource**: the thing an offering provides to a project (orders spec §2.2); its state
 *   moves only through the §4.1 table (`resource-state.ts`).
 * - **order**: a request that changes one resource (module `orders`); order events move the
 *   resource as the §4.3 table says (`order-effects.ts`).
 * - **order event**: something that happened to an order (created, done, erred, retry, …) that
 *   may move its resource.
 * - **pending order**: an order of the resource in a PENDING_STATES state (§1.1); those in
 *   PENDING_CONSUMER, PENDING_PROVIDER or EXECUTING block new orders (§7.1).
 * - **force destroy**: a TERMINATE order with `attributes.action = "force_destroy"`; when staff
 *   run it and processing fails, the resource still ends TERMINATED (§11.1).
 * - **recovery path**: a way out of a stuck TERMINATING resource: cancel the order, cancel
 *   termination (Remote), set as erred, set state OK (§8.1).
 * - **grant**, **check**, **verdict**, **ability**: as in the orders glossary.
 */
import type { OfferingState, OfferingType } from '../../offerings/domain/offering-type.js';
import type { OrderState } from '../../orders/domain/order-state.js';
import type { OrderType } from '../../orders/domain/order-type.js';
import type { ResourceState } from './resource-state.js';

/** One of the resource's orders that is still pending. */
export interface PendingOrderFact {
  /** Order type. */
  readonly type: OrderType;
  /** Order state (one of PENDING_STATES). */
  readonly state: OrderState;
}

/** The resource facts the checks read. */
export interface ResourceFacts {
  /** Current state. */
  readonly state: ResourceState;
  /** The offering's type string. */
  readonly offeringType: OfferingType;
  /** The offering's lifecycle state (§1.4). */
  readonly offeringState: OfferingState;
  /** Offering `plugin_options.can_restore_resource` (§2.4). */
  readonly restoreEnabled: boolean;
  /** The plan has prepaid components (renew, §8). */
  readonly hasPrepaidComponents: boolean;
  /** The resource's orders in PENDING_STATES, any type. */
  readonly pendingOrders: readonly PendingOrderFact[];
}

/** Facts about the resource's surroundings, resolved before evaluation. */
export interface ResourceContextFacts {
  /** The project's customer is blocked. */
  readonly customerBlocked: boolean;
  /** The project's customer is archived. */
  readonly customerArchived: boolean;
  /** The project is past its end date. */
  readonly projectExpired: boolean;
  /** The project's name, for "Project '<name>' is expired." */
  readonly projectName: string;
}

/** The caller, with every grant already resolved. */
export interface ResourceCaller<G extends string = string> {
  /** Staff pass every grant (§9.1). */
  readonly isStaff: boolean;
  /** Resolved grants; see `RESOURCE_GRANTS` for what each means. */
  readonly grants: Readonly<Record<G, boolean>>;
}
