import { z } from 'zod';
import { hex, objectUrl } from '../../../../platform/http/ids.js';
import type { OrganizationGroupView } from '../pg/organization-group-repository.js';

/** Waldur `OrganizationGroup` (also nested in organizations, offerings and plans). */
export const OrganizationGroupOut = z
  .object({
    uuid: z.string(),
    url: z.string(),
    name: z.string(),
    parent_uuid: z.string().optional(),
    parent_name: z.string().optional(),
    parent: z.string().nullable(),
    customers_count: z.number().int(),
  })
  .meta({ id: 'OrganizationGroup' });

/**
 * Renders a group as Waldur does (`parent` as a URL, ids as 32 hex digits); `parent_uuid` and
 * `parent_name` are left out of a top-level group, since Waldur's schema does not let them be null.
 */
export function presentOrganizationGroup(base: string, g: OrganizationGroupView) {
  return {
    uuid: hex(g.uuid),
    url: objectUrl(base, 'organization-groups', g.uuid),
    name: g.name,
    ...(g.parent_uuid ? { parent_uuid: hex(g.parent_uuid), parent_name: g.parent_name ?? '' } : {}),
    parent: g.parent_uuid ? objectUrl(base, 'organization-groups', g.parent_uuid) : null,
    customers_count: g.customers_count,
  };
}

/** The groups of `ids` in the order given, skipping ids not in `views`. */
export function presentGroupList(
  base: string,
  ids: readonly number[],
  views: Map<number, OrganizationGroupView>,
) {
  return ids.flatMap((id) => {
    const g = views.get(id);
    return g ? [presentOrganizationGroup(base, g)] : [];
  });
}
