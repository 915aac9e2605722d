import type { Tx } from '../../../platform/db/database.js';
import type { Actor } from '../../identity/domain/actor.js';
import type { LockedOrder } from './lock-order.js';

/**
 * What happens when an order enters EXECUTING: the processor of its offering type runs
 * (`src/flows/process-order/`). The orders module only knows this interface, so it never imports
 * the flows that depend on it; the composition root supplies the implementation.
 */
export interface ProcessingPort {
  /** Starts processing inside the caller's transaction; returns the order as it is afterwards. */
  start(tx: Tx, order: LockedOrder, actor: Actor | null): Promise<LockedOrder>;
  /**
   * The processor's `validate_order` for a new CREATE order (400 on failure), before any row is
   * written; types without extra rules leave it out (tenant spec §2: slug and e-mail rules).
   */
  validateCreate?(tx: Tx, input: CreateCheck): Promise<void>;
}

/** What a processor's create-time validation sees. */
export interface CreateCheck {
  offeringType: string;
  planId: number | null;
  attributes: Record<string, unknown>;
  pluginOptions: Record<string, unknown>;
}

/** The use cases' collaborators. */
export interface OrderPorts {
  processing: ProcessingPort;
}
