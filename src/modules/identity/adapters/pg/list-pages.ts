import type { filterCustomers } from './customer-repository.js';
import { type filterProjects, projectColumns } from './project-repository.js';

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

/** One page of a filtered project list, by name. */
export function projectPage(q: ReturnType<typeof filterProjects>, limit: number, offset: number) {
  return projectColumns(q)
    .orderBy('projects.name')
    .orderBy('projects.id')
    .limit(limit)
    .offset(offset)
    .execute();
}
