import type { Customer, Me } from '../api/types.js';

/** An organization, by uuid and name. */
export interface OrgRef {
  uuid: string;
  name: string;
}

/**
 * What the navigation offers, from the caller's grants. This only decides which pages are linked;
 * every action on a page comes from the server's `abilities`.
 */
export interface Access {
  isStaff: boolean;
  isSupport: boolean;
  /** Organizations whose provider dashboard the user may open. */
  providers: OrgRef[];
  /** The user has a consumer role (organization or project) or is staff: marketplace and My orders. */
  consumer: boolean;
  /** Organizations the user orders for (organization grants, and the organizations of project grants). */
  consumerCustomers: OrgRef[];
  /** Lines such as "CUSTOMER.OWNER · Aurora Research" for the home page. */
  roles: string[];
}

/** Derives the navigation from `/users/me/` grants and the visible organizations. */
export function accessOf(me: Me, customers: Customer[]): Access {
  const byUuid = new Map(customers.map((c) => [c.uuid, c]));
  const providers = new Map<string, OrgRef>();
  const consumers = new Map<string, OrgRef>();
  let consumer = me.is_staff;
  for (const g of me.permissions) {
    const customer = g.customer_uuid ? byUuid.get(g.customer_uuid) : undefined;
    if ((g.scope_type === 'project' || g.scope_type === 'customer') && g.customer_uuid) {
      consumer = true;
      consumers.set(g.customer_uuid, { uuid: g.customer_uuid, name: customer?.name ?? g.scope_name });
    }
    if (g.scope_type === 'customer') {
      if (customer?.is_service_provider)
        providers.set(customer.uuid, { uuid: customer.uuid, name: customer.name });
    }
    if (g.scope_type === 'offering' && g.customer_uuid) {
      providers.set(g.customer_uuid, { uuid: g.customer_uuid, name: customer?.name ?? 'Service provider' });
    }
  }
  if (me.is_staff || me.is_support) {
    for (const c of customers)
      if (c.is_service_provider) providers.set(c.uuid, { uuid: c.uuid, name: c.name });
  }
  return {
    isStaff: me.is_staff,
    isSupport: me.is_support,
    providers: [...providers.values()].sort((a, b) => a.name.localeCompare(b.name)),
    consumer,
    consumerCustomers: [...consumers.values()].sort((a, b) => a.name.localeCompare(b.name)),
    roles: [
      ...(me.is_staff ? ['Platform staff'] : []),
      ...(me.is_support ? ['Global support'] : []),
      ...me.permissions.map((g) => `${g.role_name} · ${g.scope_name}`),
    ],
  };
}
