import type { Actor } from '../../modules/identity/domain/actor.js';
import { capabilitiesOf, type ProcessorKind } from '../../modules/offerings/domain/capabilities.js';
import { OfferingType } from '../../modules/offerings/domain/offering-type.js';
import type { LockedOrder } from '../../modules/orders/app/lock-order.js';
import { completeOrder, failProcessing } from '../../modules/orders/app/outcomes.js';
import type { ProcessingPort } from '../../modules/orders/app/processing-port.js';
import { validateTenantOrder } from '../../modules/tenants/app/validate-order.js';
import type { Tx } from '../../platform/db/database.js';

/** Message of types whose backend integration needs settings Orderly does not have yet (issue scope). */
export const NO_BACKEND_SETTINGS = 'No backend settings are configured for this offering.';

/** Work that runs outside the transaction (scripts, remote calls): enqueued durably, run by a worker. */
export interface AsyncProcessors {
  enqueue(tx: Tx, order: LockedOrder, actor: Actor | null): Promise<void>;
}

/**
 * The processing port: dispatch by the offering type's processor kind (capability table).
 * Processors whose whole effect is in our database run inline, in the transaction that started
 * execution, so approving a Basic order and completing it commit together; those that wait for
 * someone (site agent, helpdesk) leave the order EXECUTING; scripts, remote calls and the tenant
 * saga are enqueued as durable work in the same transaction.
 */
export function processingPort(asyncProcessors: AsyncProcessors): ProcessingPort {
  const inline: Record<ProcessorKind, (tx: Tx, o: LockedOrder, actor: Actor | null) => Promise<LockedOrder>> =
    {
      immediate: (tx, o, actor) => completeOrder(tx, o, actor, 'process'),
      site_agent: async (_tx, o) => o,
      helpdesk: async (_tx, o) => o,
      // The tenant saga is durable work: its run is enqueued in this transaction (tenant spec §2.1).
      saga: async (tx, o, actor) => {
        await asyncProcessors.enqueue(tx, o, actor);
        return o;
      },
      booking: async (_tx, o) => o,
      plugin_scope: (tx, o, actor) => failProcessing(tx, o, actor, NO_BACKEND_SETTINGS, ''),
      script: async (tx, o, actor) => {
        await asyncProcessors.enqueue(tx, o, actor);
        return o;
      },
      remote: async (tx, o, actor) => {
        await asyncProcessors.enqueue(tx, o, actor);
        return o;
      },
    };
  return {
    start: (tx, o, actor) => inline[capabilitiesOf(o.offeringType).processor](tx, o, actor),
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
