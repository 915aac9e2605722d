/**
 * Glossary (architecture G2):
 *
 * - **order**: a request to change one resource: Create, Update, Terminate or Restore
 *   (orders spec §1.2). Every order has a resource; a CREATE order creates it (§2.1).
 * - **resource**: the provisioned thing an offering provides (module `resources`).
 * - **offering type**: the plugin string (`Marketplace.Basic`, …) that decides capabilities
 *   (module `offerings`, §10).
 * - **attempt**: one processing run of an order, from entering EXECUTING to leaving it; retry
 *   opens attempt n+1 and never erases attempt n (§17 a).
 * - **transition**: one edge of the state table; every state change goes through `transition()`.
 * - **grant**: one resolved "may the caller do X here" boolean: a permission string checked on a
 *   list of scope paths (§9, architecture G10). Staff pass every grant.
 * - **check**: one validator of an action, in Waldur's declared order (§6): permission (403),
 *   state (409), offering type (405), body-free 400 checks.
 * - **verdict**: the outcome of running an action's checks: ok, or the first failing error.
 * - **ability**: a verdict as the presenter shows it (`abilities` map, §17 d).
 */
import type { DomainError } from '../../../platform/errors.js';
import type { Permission } from '../../identity/domain/permissions.js';
import type { ScopePath } from '../../marketplace/domain/scopes.js';
import type { OfferingType } from '../../offerings/domain/offering-type.js';
import type { ResourceState } from '../../resources/domain/resource-state.js';
import type { OrderState } from './order-state.js';
import type { OrderType } from './order-type.js';

/** Outcome of running an action's checks. */
export type Verdict =
  /** Every check passed. */
  | { readonly ok: true }
  /** The first failing check: the error the POST answers and a human explanation for the UI. */
  | {
      readonly ok: false;
      readonly error: DomainError;
      /** `error.code`, known without building the error (the presenter shows only code and message). */
      readonly code: string;
      readonly message: string;
    };

/** One entry of the `abilities` map (§17 d). */
export interface Ability {
  /** True exactly when the POST would pass its permission and read-time validators. */
  readonly allowed: boolean;
  /** The error code the POST would fail with (§17 d: `reason` is a code). */
  readonly reason?: string;
  /** Human explanation for a disabled action, e.g. "Order must be Erred." */
  readonly message?: string;
  /** Confirmation text the UI shows before running an allowed action. */
  readonly warning?: string;
}

/** A scope path a permission is checked on (the shared kernel's, decision 0017). */
export type { ScopePath };

/** What one grant means: the permission and the scopes the resolver must check (any passes). */
export interface GrantDefinition {
  /** Waldur permission string (§9.1). */
  readonly permission: Permission;
  /** Scope paths, any of which grants it. */
  readonly scopes: readonly ScopePath[];
}

/** The order facts the checks read. */
export interface OrderFacts {
  /** Current state. */
  readonly state: OrderState;
  /** Order type. */
  readonly type: OrderType;
  /** The offering's type string. */
  readonly offeringType: OfferingType;
  /** `consumer_reviewed_by` is set. */
  readonly consumerReviewed: boolean;
  /** A purchase-order file is attached. */
  readonly hasAttachment: boolean;
}

/** Facts about the order's surroundings, resolved before evaluation (no I/O here). */
export interface OrderContextFacts {
  /** The project's customer is blocked. */
  readonly customerBlocked: boolean;
  /** The project's customer is archived. */
  readonly customerArchived: boolean;
  /** The project is past its end date. */
  readonly projectExpired: boolean;
  /** The project's name, for "Project '<name>' is expired." */
  readonly projectName: string;
  /** Offering `plugin_options.require_purchase_order_upload` (§2.4). */
  readonly purchaseOrderRequired: boolean;
  /** Offering `plugin_options.enable_provider_consumer_messaging` (§2.4). */
  readonly messagingEnabled: boolean;
  /** `order_should_not_be_reviewed_by_consumer(order)` holds for the creator (§5.2). */
  readonly consumerReviewSkippable: boolean;
  /** Current state of the order's resource (retry's resource step, §7.15). */
  readonly resourceState: ResourceState;
}

/** The caller, with every grant already resolved by the identity resolver. */
export interface OrderCaller<G extends string = string> {
  /** Staff pass every grant (§9.1). */
  readonly isStaff: boolean;
  /** The caller created the order (may always reject it as consumer, §7.8). */
  readonly isCreator: boolean;
  /** Resolved grants; see `ORDER_GRANTS` for what each means. */
  readonly grants: Readonly<Record<G, boolean>>;
}
