import type { Selectable } from 'kysely';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import type { ProjectsTable } from '../../../../platform/db/schema.js';
import { grantedScopeIds } from './access-queries.js';
import { escapeLike } from './customer-repository.js';

/** A project row joined with its organization's public fields. */
export type ProjectRow = Selectable<ProjectsTable> & {
  customer_uuid: string;
  customer_name: string;
  customer_slug: string;
};

/**
 * Projects `actor` may see (soft-deleted ones never): staff and support all; others projects they
 * hold a role in, and every project of an organization they hold a role in.
 */
export function visibleProjects(tx: Tx, actor: Actor) {
  const q = tx
    .selectFrom('projects')
    .innerJoin('customers', 'customers.id', 'projects.customer_id')
    .where('projects.removed_at', 'is', null);
  if (actor.isStaff || actor.isSupport) return q;
  return q.where((eb) =>
    eb.or([
      eb('projects.id', 'in', grantedScopeIds(tx, actor.id, 'project')),
      eb('projects.customer_id', 'in', grantedScopeIds(tx, actor.id, 'customer')),
    ]),
  );
}

/** Selects the columns of {@link ProjectRow}. */
export function projectColumns<Q extends ReturnType<typeof visibleProjects>>(q: Q) {
  return q
    .selectAll('projects')
    .select([
      'customers.uuid as customer_uuid',
      'customers.name as customer_name',
      'customers.slug as customer_slug',
    ]);
}

/** One visible project by uuid. */
export function findVisibleProject(tx: Tx, actor: Actor, uuid: string): Promise<ProjectRow | undefined> {
  return projectColumns(visibleProjects(tx, actor)).where('projects.uuid', '=', uuid).executeTakeFirst();
}

/** List filters of `GET /api/projects/`. */
export interface ProjectFilter {
  customer?: string[] | undefined;
  name?: string | undefined;
  /** Exact match; a Remote offering finds the project it created for a peer's project this way. */
  backend_id?: string | undefined;
}

/** Visible projects matching the filters. */
export function filterProjects(tx: Tx, actor: Actor, f: ProjectFilter) {
  let q = visibleProjects(tx, actor);
  if (f.customer?.length) q = q.where('customers.uuid', 'in', f.customer);
  if (f.name) q = q.where('projects.name', 'ilike', `%${escapeLike(f.name)}%`);
  if (f.backend_id !== undefined) q = q.where('projects.backend_id', '=', f.backend_id);
  return q;
}
