import { api, unwrap } from '../../api/client.js';
import type { Order } from '../../api/types.js';
import type { Option } from '../../ui/SelectField.js';

const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label);

function distinct(rows: Order[], value: (o: Order) => string, label: (o: Order) => string): Option[] {
  const seen = new Map<string, string>();
  for (const o of rows) if (value(o)) seen.set(value(o), label(o));
  return [...seen].map(([v, l]) => ({ value: v, label: l })).sort(byLabel);
}

/**
 * Choices for the provider filters: the provider's offerings, and the client organizations and
 * projects that appear in its orders (a provider cannot list its clients' organizations directly).
 */
export async function providerFilterOptions(provider: string, customer: string) {
  const [offerings, recent] = await Promise.all([
    unwrap(
      api.GET('/api/marketplace-provider-offerings/', {
        params: { query: { page_size: 300, ...(provider ? { customer_uuid: provider } : {}) } },
      }),
    ),
    unwrap(
      api.GET('/api/marketplace-orders/', {
        params: {
          query: {
            page_size: 300,
            o: '-created',
            field: ['customer_uuid', 'customer_name', 'project_uuid', 'project_name'],
            ...(provider ? { provider_uuid: provider } : {}),
          },
        },
      }),
    ),
  ]);
  return {
    offerings: offerings.map((o) => ({ value: o.uuid, label: o.name })).sort(byLabel),
    customers: distinct(
      recent,
      (o) => o.customer_uuid,
      (o) => o.customer_name,
    ),
    projects: distinct(
      recent.filter((o) => !customer || o.customer_uuid === customer),
      (o) => o.project_uuid,
      (o) => `${o.project_name} (${o.customer_name})`,
    ),
  };
}

/** Choices for My orders: the organizations and projects the user can see, and the public offerings. */
export async function consumerFilterOptions(customer: string, mine: { uuid: string; name: string }[]) {
  const [projects, offerings] = await Promise.all([
    unwrap(api.GET('/api/projects/', { params: { query: { page_size: 300 } } })),
    unwrap(api.GET('/api/marketplace-public-offerings/', { params: { query: { page_size: 300 } } })),
  ]);
  const customers = new Map([
    ...mine.map((c): [string, string] => [c.uuid, c.name]),
    ...projects.map((p): [string, string] => [p.customer_uuid, p.customer_name]),
  ]);
  return {
    customers: [...customers].map(([value, label]) => ({ value, label })).sort(byLabel),
    projects: projects
      .filter((p) => !customer || p.customer_uuid === customer)
      .map((p) => ({ value: p.uuid, label: `${p.name} (${p.customer_name})` }))
      .sort(byLabel),
    offerings: offerings.map((o) => ({ value: o.uuid, label: o.name })).sort(byLabel),
  };
}
