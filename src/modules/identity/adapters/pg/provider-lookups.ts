import type { Tx } from '../../../../platform/db/database.js';

/** Which of these organizations are service providers. */
export async function providerCustomerIds(tx: Tx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .selectFrom('service_providers')
    .select('customer_id')
    .where('customer_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.customer_id));
}
