import type { filterCustomers } from './customer-repository.js';
import type { grantsOnScope } from './grant-repository.js';
import { projectColumns, type visibleProjects } from './project-repository.js';

/** One page of a filtered organization list, by name. */
export function customerPage(q: ReturnType<typeof filterCustomers>, limit: number, offset: number) {
  return q
    .selectAll('customers')
    .orderBy('customers.name')
    .orderBy('customers.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** One page of a filtered project list (any narrowing of the visible projects), by name. */
export function projectPage<Q extends ReturnType<typeof visibleProjects>>(
  q: Q,
  limit: number,
  offset: number,
) {
  return projectColumns(q)
    .orderBy('projects.name')
    .orderBy('projects.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** One page of the grants on a scope, oldest first. */
export function grantPage(q: ReturnType<typeof grantsOnScope>, limit: number, offset: number) {
  return q.orderBy('ur.created').orderBy('ur.id').limit(limit).offset(offset).execute();
}
