import type { Tx } from '../../../../platform/db/database.js';

/**
 * Records an effect a step really performed, in the transaction of the effect itself (so a rolled
 * back effect leaves no row and a committed one always has exactly one). The crash drill counts them.
 */
export async function recordEffect(
  tx: Tx,
  tenantId: number,
  step: string,
  effect: string,
  runId: number | null,
) {
  await tx
    .insertInto('tenant_effects')
    .values({ tenant_id: tenantId, step, effect, run_id: runId })
    .execute();
}
