import { api, unwrap } from '../../api/client.js';
import type { Order } from '../../api/types.js';
import { sameId } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { useLoad } from '../../lib/useLoad.js';

/** " · Tenant <slug>": the tenant an `Orderly.Tenant` order is about (found by its resource). */
export function TenantLink({ order: o }: { order: Order }) {
  const found = useLoad(async () => {
    const list = await unwrap(
      api.GET('/api/tenants/', { params: { query: { project_uuid: o.project_uuid, page_size: 300 } } }),
    );
    return list.find((t) => sameId(t.resource_uuid, o.marketplace_resource_uuid)) ?? null;
  }, [o.project_uuid, o.marketplace_resource_uuid]);
  if (!found.data) return null;
  return (
    <>
      {' · '}
      <Link to={`/tenants/${found.data.uuid}`}>Tenant {found.data.slug}</Link>
    </>
  );
}
