import type { FastifyInstance } from 'fastify';
import { grantRoutes } from '../../../identity/api.js';
import { findVisibleResource } from '../pg/resource-lookups.js';
import { type ResourceView, VIEW_COLLECTION } from '../pg/resource-visibility.js';

/**
 * Waldur's resource `list_users`, `add_user`, `update_user` and `delete_user` on both views: role
 * grants on the resource itself, loaded through the view's visibility (404 when not visible).
 * Managed by staff, the consumer side as for project grants, and the provider side (offering update).
 */
export function resourceUserRoutes(app: FastifyInstance): void {
  for (const view of ['consumer', 'provider'] as const satisfies readonly ResourceView[]) {
    grantRoutes(
      app,
      VIEW_COLLECTION[view],
      'resource',
      async (tx, actor, uuid) => {
        const r = await findVisibleResource(tx, actor, view, uuid);
        return (
          r && {
            type: 'resource',
            id: r.id,
            customerId: r.customer_id,
            projectId: r.project_id,
            provider: { offeringId: r.offering_id, customerId: r.provider_customer_id },
          }
        );
      },
      { updateUser: true },
    );
  }
}
