import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addRoute } from './route.js';

const Configuration = z
  .object({ WALDUR_CORE: z.object({ CURRENCY_NAME: z.string() }) })
  .meta({ id: 'Configuration', description: "The subset of Waldur's public configuration Orderly has." });

/**
 * `GET /api/configuration/`: public settings a client renders with (Waldur's endpoint; Orderly
 * answers the part it has, the currency of every price and cost).
 */
export function configurationRoutes(app: FastifyInstance, currency: string): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/configuration/',
    operationId: 'configuration_retrieve',
    summary: 'Public configuration: the currency of prices and costs',
    tags: ['configuration'],
    public: true,
    responses: { 200: Configuration },
    tx: 'none',
    handler: async () => ({ status: 200, body: { WALDUR_CORE: { CURRENCY_NAME: currency } } }),
  });
}
