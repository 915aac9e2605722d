// The resources module's published surface (issue 13): what other modules and flows may use. They
// import from here, never from `resources/adapters/`.

/** HTTP: the 404-or-visible loader of the resource views, for routes on a resource. */
export { loadVisibleResource } from './adapters/http/resource-context.js';

/** Reads: the resource record, its visibility per view, the usages a caller may see. */
export { resourceRecords, resourcesInScope } from './adapters/pg/resource-query.js';
export { visibleResourceIds, visibleResources } from './adapters/pg/resource-visibility.js';
export { visibleUsages } from './adapters/pg/usage-queries.js';
/** Writes others ask of resources (only this module writes `resources` and its history). */
export { applyOrderEffect, type OrderEffect } from './app/apply-order-effect.js';
export {
  applyUpdateOrder,
  createResourceOfOrder,
  followOrderEdit,
  publishEndpoints,
  recordBackendId,
} from './app/order-writes.js';
