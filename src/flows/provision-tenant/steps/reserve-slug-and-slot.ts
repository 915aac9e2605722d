import { recordEffect } from '../../../modules/tenants/adapters/pg/effects.js';
import { claimSlot, releaseSlotRow } from '../../../modules/tenants/adapters/pg/infra-store.js';
import { inTransaction } from '../../../platform/db/database.js';
import { StepError } from '../../tenant-saga/errors.js';
import { COMPENSATION_RETRY, type ProvisionStepDef } from '../../tenant-saga/step.js';

/** The step's checkpoint. */
export interface SlotOutput {
  slug: string;
  plan_uuid: string;
}

/**
 * Step 1 (§5.1): the tenant row already reserves the slug (partial unique index); this claims one
 * slot of the plan under a row lock on the plan, so two runs never overfill it. The slot row is
 * unique per tenant, so a re-run finds it. Effect and checkpoint commit together. Its compensation
 * releases the slot (runs last; the slug is freed by the Decommissioned state).
 */
export const reserveSlugAndSlot: ProvisionStepDef<'reserve_slug_and_slot', SlotOutput> = {
  name: 'reserve_slug_and_slot',
  retry: { maxAttempts: 3, initialDelayMs: 500, backoffFactor: 2, maxDelayMs: 5_000, timeoutMs: 60_000 },
  apply: async (tx, env) => {
    const t = env.tenant;
    const plan = await tx
      .selectFrom('plans as pl')
      .innerJoin('offerings as f', 'f.id', 'pl.offering_id')
      .select(['pl.id', 'pl.uuid', 'pl.name', 'pl.max_amount', 'pl.archived', 'f.state as offering_state'])
      .where('pl.id', '=', t.planId)
      .forUpdate('pl')
      .executeTakeFirstOrThrow();
    const held = await tx
      .selectFrom('tenant_slots')
      .select('plan_id')
      .where('tenant_id', '=', t.id)
      .executeTakeFirst();
    if (!held) {
      // Active (2) or Paused (3) offerings keep serving their plans; archived plans take no one new.
      if (plan.archived || ![2, 3].includes(plan.offering_state)) {
        throw new StepError('tenant.plan_inactive', `Plan ${plan.name} is not available.`, false);
      }
      if (plan.max_amount !== null) {
        const used = await tx
          .selectFrom('tenant_slots')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('plan_id', '=', plan.id)
          .executeTakeFirstOrThrow();
        if (Number(used.n) >= plan.max_amount) {
          throw new StepError(
            'tenant.no_free_slot',
            `Plan ${plan.name} has no free slot (${used.n} of ${plan.max_amount} taken).`,
            false,
          );
        }
      }
      await claimSlot(tx, t.id, plan.id);
      await recordEffect(tx, t.id, 'reserve_slug_and_slot', 'slot_reserved', env.runId);
    }
    return { slug: t.slug, plan_uuid: plan.uuid };
  },
  verify: async (_o, env) =>
    (await env.deps.db
      .selectFrom('tenant_slots')
      .select('tenant_id')
      .where('tenant_id', '=', env.tenant.id)
      .executeTakeFirst()) !== undefined,
  compensation: {
    name: 'release_slot',
    retry: COMPENSATION_RETRY,
    invoke: (env) =>
      inTransaction(env.deps.db, async (tx) => {
        const released = await releaseSlotRow(tx, env.tenant.id);
        if (released) await recordEffect(tx, env.tenant.id, 'release_slot', 'slot_released', env.runId);
        return { released };
      }),
  },
};
