// The identity module's published surface (issue 13): what other modules may use. They import from
// here, never from `identity/adapters/`.

/** HTTP pieces other modules' routes reuse: grant routes on a scope, project and group representations. */
export { grantRoutes } from './adapters/http/grant-routes.js';
export {
  OrganizationGroupOut,
  presentOrganizationGroup,
} from './adapters/http/organization-group-presenter.js';
export { OrganizationGroupsBody } from './adapters/http/organization-group-routes.js';
export { presentProject } from './adapters/http/tenancy-presenter.js';
export { ProjectOut } from './adapters/http/tenancy-schemas.js';
/** Grant queries other modules' visibility filters build on. */
export {
  grantedScopeIds,
  liveGrant,
  providerSideRoleIds,
  reachableCustomerIds,
} from './adapters/pg/access-queries.js';
/** Visibility filters and lookups of organizations, projects and users (an invisible one is a 404). */
export { type CustomerRow, escapeLike, findVisibleCustomer } from './adapters/pg/customer-repository.js';
export { projectPage } from './adapters/pg/list-pages.js';
export {
  groupIdsOfCustomer,
  groupIdsOfUser,
  groupsByIds,
  type OrganizationGroupView,
} from './adapters/pg/organization-group-repository.js';
export { findVisibleProject, projectColumns, visibleProjects } from './adapters/pg/project-repository.js';
export { findVisibleUser } from './adapters/pg/user-repository.js';
