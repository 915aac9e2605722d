import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { capabilitiesOf, type ProcessorKind } from '../../offerings/domain/capabilities.js';
import type { OfferingType } from '../../offerings/domain/offering-type.js';
import { isForceDestroy } from '../domain/force-destroy.js';
import type { LockedOrder } from './lock-order.js';
import { completeWithoutConfirmation } from './outcomes.js';

/**
 * What happens when an order enters EXECUTING: the processor of its offering type's kind runs (one
 * file per kind in `src/flows/process-order/processors/`). The orders module only knows this
 * interface and never imports flows: the composition root builds the registry of every kind and
 * installs it once per process (`installProcessing`), before any use case runs.
 */
export interface Processor {
  /** Starts processing inside the caller's transaction; returns the order as it is afterwards. */
  start(tx: Tx, order: LockedOrder, actor: Actor | null): Promise<LockedOrder>;
  /**
   * The processor's `validate_order` for a new CREATE order (400 on failure), before any row is
   * written; kinds without extra rules leave it out (tenant spec §2: slug and e-mail rules).
   */
  validateCreate?(tx: Tx, input: CreateCheck): Promise<void>;
  /**
   * What a staff force destroy skips on a processor that waits for someone outside Orderly to
   * confirm (decision 0004: it completes at once instead), or null when the processor runs anyway.
   */
  readonly forceDestroySkips: string | null;
}

/** The processor of every kind; a `Record` so that the compiler rejects a registry missing one. */
export type Processors = Readonly<Record<ProcessorKind, Processor>>;

/** What a processor's create-time validation sees. */
export interface CreateCheck {
  offeringType: OfferingType;
  planId: number | null;
  attributes: Record<string, unknown>;
  pluginOptions: Record<string, unknown>;
}

let installed: Processors | undefined;

/**
 * Installs the processors of this process (composition root at start; tests: `test/support/processing.ts`).
 * A later call replaces them: a process whose engine starts after the demo seed installs twice.
 */
export function installProcessing(processors: Processors): void {
  installed = processors;
}

function processorOf(type: OfferingType): Processor {
  if (!installed) {
    throw new Error(
      'Order processing is not installed: the composition root calls installProcessing() at start.',
    );
  }
  return installed[capabilitiesOf(type).processor];
}

/**
 * Starts the processor of an order that entered EXECUTING, in the caller's transaction. A staff
 * force destroy never waits for a confirmation that may not come (seed 001): it completes at once.
 */
export function startProcessing(tx: Tx, o: LockedOrder, actor: Actor | null): Promise<LockedOrder> {
  const processor = processorOf(o.offeringType);
  const skips = processor.forceDestroySkips;
  if (skips !== null && actor?.isStaff && isForceDestroy(o.type, o.row.attributes)) {
    return completeWithoutConfirmation(tx, o, actor, skips);
  }
  return processor.start(tx, o, actor);
}

/** Runs the create-time validation of the offering type's processor, if it has one. */
export async function validateNewOrder(tx: Tx, input: CreateCheck): Promise<void> {
  await processorOf(input.offeringType).validateCreate?.(tx, input);
}
