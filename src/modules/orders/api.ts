// The orders module's published surface (issue 13): what other modules and flows may use. They
// import from here, never from `orders/adapters/`, so the module can rearrange its inside freely.

/** HTTP: the order representation and the 404-or-visible loader, for routes that show orders. */
export { loadVisibleOrder, presentMany, presentOne } from './adapters/http/order-context.js';
export type { presentOrder } from './adapters/http/order-presenter.js';
export { OrderOut } from './adapters/http/order-schemas.js';
/** Reads: the order record and its visibility, the targets an order refers to. */
export { type OrderRecord, orderRecords, ordersInScope } from './adapters/pg/order-query.js';
export { componentsOf, findPlanOfOffering } from './adapters/pg/order-targets.js';
export { findVisibleOrder } from './adapters/pg/order-visibility.js';
/** Writes others ask of orders (only this module writes its tables). */
export { recordOrderBackendId, removeOrdersOfResource } from './app/order-writes.js';
