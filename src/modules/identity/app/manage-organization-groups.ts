import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { uuidFromHyperlink } from '../../../platform/http/ids.js';
import {
  deleteGroupRow,
  groupIdsByUuid,
  insertGroup,
  isSelfOrAncestor,
  type OrganizationGroupView,
  replaceCustomerGroups,
  updateGroupRow,
} from '../adapters/pg/organization-group-repository.js';
import { requireStaff } from './access.js';

/** Fields of a group (Waldur `OrganizationGroupRequest`); `parent` is a group URL or null. */
export interface OrganizationGroupInput {
  name?: string | undefined;
  parent?: string | null | undefined;
}

const missing = (field: string) =>
  ValidationError.field(`/body/${field}`, 'Invalid hyperlink - Object does not exist.', 'invalid_hyperlink');

/**
 * Resolves a list of group URLs (`…/api/organization-groups/<uuid>/`) to ids; an unknown one is a
 * 400 naming `field` (Waldur's HyperlinkedRelatedField).
 */
export async function resolveGroupLinks(tx: Tx, links: readonly string[], field: string): Promise<number[]> {
  const uuids = links.map((l) => uuidFromHyperlink(l, 'organization-groups', field));
  const ids = await groupIdsByUuid(tx, uuids);
  return uuids.map((u) => {
    const id = ids.get(u);
    if (id === undefined) throw missing(field);
    return id;
  });
}

async function parentId(tx: Tx, parent: string | null | undefined, self?: number) {
  if (parent === undefined || parent === null) return parent;
  const [id] = await resolveGroupLinks(tx, [parent], 'parent');
  if (id !== undefined && self !== undefined && (await isSelfOrAncestor(tx, id, self))) {
    throw ValidationError.field(
      '/body/parent',
      'A group cannot be its own parent or descend from itself.',
      'organization_group.parent_cycle',
    );
  }
  return id ?? null;
}

/** Creates a group (staff only). */
export async function createOrganizationGroup(
  tx: Tx,
  actor: Actor,
  input: OrganizationGroupInput & { name: string },
): Promise<string> {
  requireStaff(actor);
  return insertGroup(tx, input.name, (await parentId(tx, input.parent)) ?? null);
}

/** Renames or moves a group (staff only); a parent may not be the group or one of its subgroups. */
export async function updateOrganizationGroup(
  tx: Tx,
  actor: Actor,
  group: OrganizationGroupView,
  input: OrganizationGroupInput,
): Promise<void> {
  requireStaff(actor);
  await updateGroupRow(tx, group.id, {
    name: input.name,
    parent_id: await parentId(tx, input.parent, group.id),
  });
}

/** Deletes a group and its subgroups (staff only); offerings and plans limited to it no longer are. */
export async function deleteOrganizationGroup(tx: Tx, actor: Actor, group: OrganizationGroupView) {
  requireStaff(actor);
  await deleteGroupRow(tx, group.id);
}

/** `update_organization_groups` of an organization: replaces its groups (staff only, as in Waldur). */
export async function setCustomerGroups(
  tx: Tx,
  actor: Actor,
  customerId: number,
  links: readonly string[],
): Promise<void> {
  requireStaff(actor);
  await replaceCustomerGroups(tx, customerId, await resolveGroupLinks(tx, links, 'organization_groups'));
}
