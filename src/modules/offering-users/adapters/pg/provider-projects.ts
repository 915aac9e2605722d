import type { Tx } from '../../../../platform/db/database.js';
import { normalizeUuid } from '../../../../platform/http/ids.js';
import { escapeLike } from '../../../identity/api.js';
import { RESOURCE_STATE_CODES } from '../../../resources/domain/resource-state.js';

/** The filters of `GET /api/marketplace-service-providers/{uuid}/projects/`. */
export interface ProviderProjectFilters {
  query?: string | undefined;
  name?: string | undefined;
  name_exact?: string | undefined;
  customer?: string[] | undefined;
  backend_id?: string | undefined;
}

/** The service provider's organization id, if there is such a provider. */
export async function providerCustomerId(tx: Tx, providerUuid: string): Promise<number | undefined> {
  const sp = await tx
    .selectFrom('service_providers')
    .select('customer_id')
    .where('uuid', '=', providerUuid)
    .executeTakeFirst();
  return sp?.customer_id;
}

/** Live projects holding a live resource of the provider's offerings, narrowed by the filters. */
export function providerProjects(tx: Tx, customerId: number, f: ProviderProjectFilters) {
  let q = tx
    .selectFrom('projects')
    .innerJoin('customers', 'customers.id', 'projects.customer_id')
    .where('projects.removed_at', 'is', null)
    .where('projects.id', 'in', (qc) =>
      qc
        .selectFrom('resources')
        .innerJoin('offerings', 'offerings.id', 'resources.offering_id')
        .select('resources.project_id')
        .where('offerings.customer_id', '=', customerId)
        .where('resources.state', '!=', RESOURCE_STATE_CODES.Terminated),
    );
  if (f.query) {
    const asUuid = normalizeUuid(f.query.trim());
    const like = `%${escapeLike(f.query)}%`;
    q = q.where((eb) =>
      eb.or([eb('projects.name', 'ilike', like), ...(asUuid ? [eb('projects.uuid', '=', asUuid)] : [])]),
    );
  }
  if (f.name) q = q.where('projects.name', 'ilike', `%${escapeLike(f.name)}%`);
  if (f.name_exact) q = q.where('projects.name', '=', f.name_exact);
  if (f.customer?.length) q = q.where('customers.uuid', 'in', f.customer);
  if (f.backend_id !== undefined) q = q.where('projects.backend_id', '=', f.backend_id);
  return q;
}

/** One page of provider projects, by name: the identity module's project page. */
export { projectPage as providerProjectPage } from '../../../identity/api.js';
