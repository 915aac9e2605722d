import type { Tx } from '../../../../platform/db/database.js';
import { queryList } from '../../../../platform/db/paging.js';

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

/** Service providers with their organization's names (the catalogue is visible to every signed-in user). */
export function serviceProviders(tx: Tx) {
  return tx
    .selectFrom('service_providers')
    .innerJoin('customers', 'customers.id', 'service_providers.customer_id')
    .selectAll('service_providers')
    .select([
      'customers.uuid as customer_uuid',
      'customers.name as customer_name',
      'customers.slug as customer_slug',
    ]);
}

/** `GET /api/marketplace-service-providers/`: oldest first, optionally of one organization. */
export function serviceProviderList(tx: Tx, f: { customer_uuid?: string | undefined }) {
  let q = serviceProviders(tx);
  if (f.customer_uuid) q = q.where('customers.uuid', '=', f.customer_uuid);
  return queryList(tx, q, (w, limit, offset) =>
    w
      .orderBy('service_providers.created')
      .orderBy('service_providers.id')
      .limit(limit)
      .offset(offset)
      .execute(),
  );
}

/** The service provider with this uuid, if any. */
export function findServiceProvider(tx: Tx, uuid: string) {
  return serviceProviders(tx).where('service_providers.uuid', '=', uuid).executeTakeFirst();
}
