import { hexOf } from './resource-factories.js';
import type { Case, CaseContext, CaseRequest } from './waldur-cases.js';

const offering = (c: CaseContext) => `/api/marketplace-provider-offerings/${hexOf(c.m.offering.uuid)}`;

/** A request as the offering's manager. */
const asManager = (c: CaseContext, url: string, body?: unknown): CaseRequest => ({
  url,
  token: c.m.offeringManager.token,
  body,
});

/** The hex uuid of the marketplace's service provider. */
async function serviceProvider(c: CaseContext): Promise<string> {
  const sp = await c.s.tdb.db
    .selectFrom('service_providers')
    .select('uuid')
    .where('customer_id', '=', c.m.provider.id)
    .executeTakeFirstOrThrow();
  return hexOf(sp.uuid);
}

/**
 * The provider's views of the people on its offerings (run by test/http/waldur-schema.agent.test.ts;
 * the marketplace has `enable_membership_sync_status` and a live resource).
 */
export const PROVIDER_CASES: Case[] = [
  [
    'GET',
    '/api/marketplace-provider-offerings/{uuid}/user-attribute-config/',
    async (c) => asManager(c, `${offering(c)}/user-attribute-config/`),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/update-user-attribute-config/',
    async (c) => asManager(c, `${offering(c)}/update-user-attribute-config/`, { expose_phone_number: true }),
  ],
  [
    'PATCH',
    '/api/marketplace-provider-offerings/{uuid}/update-user-attribute-config/',
    async (c) => asManager(c, `${offering(c)}/update-user-attribute-config/`, { expose_email: true }),
  ],
  [
    'PUT',
    '/api/marketplace-provider-offerings/{uuid}/update-user-attribute-config/',
    async (c) => asManager(c, `${offering(c)}/update-user-attribute-config/`, { expose_job_title: true }),
  ],
  [
    'DELETE',
    '/api/marketplace-provider-offerings/{uuid}/delete-user-attribute-config/',
    async (c) => asManager(c, `${offering(c)}/delete-user-attribute-config/`),
  ],
  [
    'GET',
    '/api/marketplace-provider-offerings/{uuid}/list_course_accounts/',
    async (c) => asManager(c, `${offering(c)}/list_course_accounts/`),
  ],
  [
    'GET',
    '/api/marketplace-provider-offerings/{uuid}/list_project_service_accounts/',
    async (c) => asManager(c, `${offering(c)}/list_project_service_accounts/`),
  ],
  [
    'GET',
    '/api/marketplace-service-providers/{uuid}/keys/',
    async (c) => asManager(c, `/api/marketplace-service-providers/${await serviceProvider(c)}/keys/`),
  ],
  [
    'GET',
    '/api/marketplace-service-providers/{uuid}/projects/',
    async (c) => asManager(c, `/api/marketplace-service-providers/${await serviceProvider(c)}/projects/`),
  ],
  [
    'POST',
    '/api/marketplace-provider-resources/{uuid}/set_membership_sync_statuses/',
    async (c) =>
      asManager(
        c,
        `/api/marketplace-provider-resources/${await c.newResource()}/set_membership_sync_statuses/`,
        {
          statuses: [
            {
              scope_type: 'resource',
              role_name: 'PROJECT.ADMIN',
              state: 'synced',
              user_uuid: c.m.projectAdmin.uuid,
            },
            {
              scope_type: 'resource',
              role_name: 'PROJECT.MEMBER',
              state: 'error',
              username: 'ghost',
              message: 'x',
            },
          ],
        },
      ),
  ],
  [
    'POST',
    '/api/marketplace-service-providers/{uuid}/set_offerings_username/',
    async (c) => ({
      url: `/api/marketplace-service-providers/${await serviceProvider(c)}/set_offerings_username/`,
      token: c.m.providerOwner.token,
      body: { user_uuid: c.m.projectAdmin.uuid, username: 'padmin' },
    }),
  ],
  // Provider figures (src/modules/provider-figures).
  ...['stats', 'state_counters', 'costs', 'component_stats', 'customers'].map(
    (f): Case => [
      'GET',
      `/api/marketplace-provider-offerings/{uuid}/${f}/`,
      async (c) => {
        // A reported usage, so `component_stats/` has a row to check.
        if (f === 'component_stats')
          await c.ok('POST', '/api/marketplace-component-usages/set_usage/', c.m.providerOwner.token, {
            resource: await c.newResource(),
            usages: [{ type: 'cpu', amount: '2' }],
          });
        return asManager(c, `${offering(c)}/${f}/`);
      },
    ],
  ),
  ...['stat', 'revenue'].map(
    (f): Case => [
      'GET',
      `/api/marketplace-service-providers/{uuid}/${f}/`,
      async (c) => ({
        url: `/api/marketplace-service-providers/${await serviceProvider(c)}/${f}/`,
        token: c.m.providerOwner.token,
      }),
    ],
  ),
];

/** Lists Orderly always answers empty (it has no such objects): their status is checked, not a body. */
export const ALWAYS_EMPTY = new Set([
  '/api/marketplace-provider-offerings/{uuid}/list_course_accounts/',
  '/api/marketplace-provider-offerings/{uuid}/list_project_service_accounts/',
  '/api/marketplace-service-providers/{uuid}/keys/',
]);
