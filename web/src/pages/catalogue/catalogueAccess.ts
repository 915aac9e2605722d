import { api, unwrapPage } from '../../api/client.js';
import type { Me } from '../../api/types.js';
import { sameId } from '../../lib/format.js';
import type { Role } from './catalogueTypes.js';

/** What the caller may change on one offering; the server checks again on every call. */
export interface CatalogueRights {
  /** Overview, location, thumbnail: OFFERING.UPDATE on the offering or its organization. */
  details: boolean;
  /** Components: OFFERING.UPDATE on the organization only (offering managers may not). */
  components: boolean;
  /** Plans: OFFERING.CREATE_PLAN on the organization. */
  plans: boolean;
  /** Organization groups of the offering and its plans: owners only (CUSTOMER.UPDATE). */
  groups: boolean;
  /** The same for plans, which stay open to this when the offering is archived. */
  planGroups: boolean;
}

/** The role → permission table (readable by every signed-in user). */
export async function loadRoles(): Promise<Role[]> {
  return (await unwrapPage<Role>(api.GET('/api/roles/', { params: { query: { page_size: 300 } } }))).items;
}

/** Does one of the caller's grants carry `permission` on one of these scopes? Staff always does. */
function holds(me: Me, roles: Role[], permission: string, scopes: { type: string; uuid: string }[]): boolean {
  if (me.is_staff) return true;
  const carrying = new Set(roles.filter((r) => r.permissions.includes(permission)).map((r) => r.name));
  return me.permissions.some(
    (g) =>
      carrying.has(g.role_name) &&
      scopes.some((s) => s.type === g.scope_type && sameId(s.uuid, g.scope_uuid)),
  );
}

/**
 * The same rules the server applies (`authorizeOfferingUpdate`, `authorizeComponentChange`,
 * `authorizePlanChange`, `authorizeGroupChange`), from `/users/me/` grants and `/roles/`, so refused actions are not offered.
 * An archived offering's own fields are frozen (409); its plans can still be managed.
 */
export function rightsOn(
  me: Me,
  roles: Role[],
  offering: { uuid: string; customer_uuid: string; state: string },
): CatalogueRights {
  const open = offering.state !== 'Archived';
  const org = [{ type: 'customer', uuid: offering.customer_uuid }];
  return {
    details: open && holds(me, roles, 'OFFERING.UPDATE', [...org, { type: 'offering', uuid: offering.uuid }]),
    components: open && holds(me, roles, 'OFFERING.UPDATE', org),
    plans: holds(me, roles, 'OFFERING.CREATE_PLAN', org),
    groups: open && holds(me, roles, 'CUSTOMER.UPDATE', org),
    planGroups: holds(me, roles, 'CUSTOMER.UPDATE', org),
  };
}
