import type { Actor } from '../../modules/identity/domain/actor.js';
import { capabilitiesOf, type ProcessorKind } from '../../modules/offerings/domain/capabilities.js';
import { OfferingType } from '../../modules/offerings/domain/offering-type.js';
import { autoCompletesOnApproval } from '../../modules/offerings/domain/plugin-options.js';
import type { LockedOrder } from '../../modules/orders/app/lock-order.js';
import {
  completeOrder,
  completeWithoutConfirmation,
  failProcessing,
} from '../../modules/orders/app/outcomes.js';
import type { ProcessingPort } from '../../modules/orders/app/processing-port.js';
import { confirmationSkipped, isForceDestroy } from '../../modules/orders/domain/force-destroy.js';
import { validateTenantOrder } from '../../modules/tenants/app/validate-order.js';
import type { Tx } from '../../platform/db/database.js';

/** Message of types whose backend integration needs settings Orderly does not have yet (issue scope). */
export const NO_BACKEND_SETTINGS = 'No backend settings are configured for this offering.';

/** Work that runs outside the transaction (scripts, remote calls): enqueued durably, run by a worker. */
export interface AsyncProcessors {
  enqueue(tx: Tx, order: LockedOrder, actor: Actor | null): Promise<void>;
}

/** Manual types complete at once only when the offering asks for it (`auto_complete_on_approval`). */
async function completeIfAutomatic(tx: Tx, o: LockedOrder, actor: Actor | null): Promise<LockedOrder> {
  const offering = await tx
    .selectFrom('offerings')
    .select('plugin_options')
    .where('id', '=', o.row.offering_id)
    .executeTakeFirstOrThrow();
  if (!autoCompletesOnApproval(o.offeringType, offering.plugin_options)) return o;
  return completeOrder(tx, o, actor, 'process');
}

/**
 * The processing port: dispatch by the offering type's processor kind (capability table).
 * Processors whose whole effect is in our database run inline, in the transaction that started
 * execution; those that wait for someone (the provider of a Basic offering, site agent, helpdesk)
 * leave the order EXECUTING, unless the offering completes orders at approval; scripts, remote
 * calls and the tenant saga are enqueued as durable work in the same transaction. A staff force
 * destroy never waits for a confirmation that may not come (seed 001): it completes at once.
 */
export function processingPort(asyncProcessors: AsyncProcessors): ProcessingPort {
  const enqueue = async (tx: Tx, o: LockedOrder, actor: Actor | null) => {
    await asyncProcessors.enqueue(tx, o, actor);
    return o;
  };
  const inline: Record<ProcessorKind, (tx: Tx, o: LockedOrder, actor: Actor | null) => Promise<LockedOrder>> =
    {
      manual: completeIfAutomatic,
      site_agent: async (_tx, o) => o,
      helpdesk: completeIfAutomatic,
      // The tenant saga is durable work: its run is enqueued in this transaction (tenant spec §2.1).
      saga: enqueue,
      booking: async (_tx, o) => o,
      plugin_scope: (tx, o, actor) => failProcessing(tx, o, actor, NO_BACKEND_SETTINGS, ''),
      script: enqueue,
      remote: enqueue,
    };
  return {
    start: (tx, o, actor) => {
      const kind = capabilitiesOf(o.offeringType).processor;
      const skipped = confirmationSkipped(kind);
      if (skipped !== null && actor?.isStaff && isForceDestroy(o.type, o.row.attributes)) {
        return completeWithoutConfirmation(tx, o, actor, skipped);
      }
      return inline[kind](tx, o, actor);
    },
    async validateCreate(tx, input) {
      if (input.offeringType === OfferingType.ORDERLY_TENANT) await validateTenantOrder(tx, input);
    },
  };
}

/**
 * Until a durable worker is configured for scripts and remote calls, such orders fail at once with a
 * clear message rather than waiting in EXECUTING for work nobody will do.
 */
export const noAsyncProcessors: AsyncProcessors = {
  async enqueue(tx, o, actor) {
    await failProcessing(
      tx,
      o,
      actor,
      `Processing of ${o.offeringType} orders needs a workflow worker, and none is configured.`,
      '',
    );
  },
};
