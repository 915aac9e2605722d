import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { checkUniqueBackendId } from '../../app/check-backend-id.js';
import { loadProviderOffering } from './offering-loaders.js';

const CheckBody = z
  .object({
    backend_id: z.string().trim().min(1).max(255),
    check_all_offerings: z.boolean().default(false),
    use_offering_rules: z.boolean().default(false),
  })
  .meta({ id: 'CheckUniqueBackendIDRequest' });

const CheckOut = z
  .object({ is_unique: z.boolean(), is_valid_format: z.boolean().nullable(), errors: z.array(z.string()) })
  .meta({ id: 'CheckUniqueBackendIDResponse' });

/** `check_unique_backend_id`: the site agent's question before it names a new backend account. */
export function backendIdRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'POST',
    url: '/api/marketplace-provider-offerings/:uuid/check_unique_backend_id/',
    operationId: 'marketplace_provider_offerings_check_unique_backend_id',
    summary: "Is a backend id free among the offering's resources (or all offerings')?",
    tags: ['marketplace-provider-offerings'],
    params: UuidParams,
    body: CheckBody,
    responses: { 200: CheckOut },
    load: (tx, ctx) => loadProviderOffering(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, o) => {
      const body = ctx.body() as z.output<typeof CheckBody>;
      return {
        status: 200,
        body: await checkUniqueBackendId(tx, o, body.backend_id, body.check_all_offerings),
      };
    },
  });
}
