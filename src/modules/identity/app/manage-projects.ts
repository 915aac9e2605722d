import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { isUniqueViolation } from '../../../platform/db/pg-errors.js';
import { ValidationError } from '../../../platform/errors.js';
import type { CustomerRow } from '../adapters/pg/customer-repository.js';
import { deactivateScopeGrants } from '../adapters/pg/grant-writes.js';
import { insertProject, markProjectRemoved, updateProjectRow } from '../adapters/pg/organization-writes.js';
import type { ProjectRow } from '../adapters/pg/project-repository.js';
import { Permission } from '../domain/permissions.js';
import { slugify } from '../domain/slug.js';
import { authorize } from './access.js';
import { uniqueSlug } from './manage-customers.js';

/** Fields of a project. */
export interface ProjectInput {
  name: string;
  description?: string | undefined;
  start_date?: string | null | undefined;
  end_date?: string | null | undefined;
  slug?: string | undefined;
  backend_id?: string | undefined;
}

/** Waldur refuses new work in blocked or archived organizations with a 400. */
export function checkCustomerUsable(customer: Pick<CustomerRow, 'blocked' | 'archived'>): void {
  if (customer.blocked)
    throw new ValidationError('Blocked organization is not available.', [], 'customer.blocked');
  if (customer.archived)
    throw new ValidationError('Archived organization is not available.', [], 'customer.archived');
}

/** Creates a project in an organization (PROJECT.CREATE on it). */
export async function createProject(tx: Tx, actor: Actor, customer: CustomerRow, input: ProjectInput) {
  await authorize(tx, actor, Permission.PROJECT_CREATE, [{ type: 'customer', id: customer.id }]);
  checkCustomerUsable(customer);
  checkDates(input.start_date, input.end_date);
  const slug = input.slug ?? (await uniqueSlug(tx, 'projects', slugify(input.name)));
  try {
    const { uuid } = await insertProject(tx, { ...input, slug, customer_id: customer.id });
    return { uuid };
  } catch (err) {
    throw duplicateSlug(err);
  }
}

/** Gate of project edits (PROJECT.UPDATE on it or its organization), checked before the body is read. */
export function authorizeProjectUpdate(tx: Tx, actor: Actor, project: ProjectRow): Promise<void> {
  return authorize(tx, actor, Permission.PROJECT_UPDATE, scopes(project));
}

/** Edits a project (after {@link authorizeProjectUpdate}). */
export async function updateProject(tx: Tx, project: ProjectRow, changes: Partial<ProjectInput>) {
  checkDates(
    changes.start_date === undefined ? project.start_date : changes.start_date,
    changes.end_date === undefined ? project.end_date : changes.end_date,
  );
  try {
    await updateProjectRow(tx, project.id, changes);
  } catch (err) {
    throw duplicateSlug(err);
  }
}

/** Soft-deletes a project (PROJECT.DELETE): hidden everywhere, kept for orders and audit. */
export async function deleteProject(tx: Tx, actor: Actor, project: ProjectRow): Promise<void> {
  await authorize(tx, actor, Permission.PROJECT_DELETE, scopes(project));
  await markProjectRemoved(tx, project.id);
  await deactivateScopeGrants(tx, 'project', project.id);
}

function scopes(p: ProjectRow) {
  return [
    { type: 'project' as const, id: p.id },
    { type: 'customer' as const, id: p.customer_id },
  ];
}

function checkDates(start: string | null | undefined, end: string | null | undefined): void {
  if (start && end && end < start) {
    throw ValidationError.field('/body/end_date', 'End date must be on or after the start date.');
  }
}

function duplicateSlug(err: unknown): unknown {
  return isUniqueViolation(err, 'projects_slug_key')
    ? ValidationError.field(
        '/body/slug',
        'A project with this slug already exists.',
        'project.duplicate_slug',
      )
    : err;
}
