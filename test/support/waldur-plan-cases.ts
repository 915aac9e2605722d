import { makeCategory } from './offering-factories.js';
import { hexOf } from './resource-factories.js';
import type { Case, CaseContext, CaseRequest } from './waldur-cases.js';

const plans = '/api/marketplace-plans';
const offering = (c: CaseContext) => `/api/marketplace-provider-offerings/${hexOf(c.m.offering.uuid)}`;

/** A request as the provider's owner. */
const asOwner = (c: CaseContext, url: string, body?: unknown): CaseRequest => ({
  url,
  token: c.m.providerOwner.token,
  body,
});

/** A new unused plan of the marketplace's offering, created through the API; its hex uuid. */
async function newPlan(c: CaseContext): Promise<string> {
  const p = await c.ok<{ uuid: string }>('POST', `${plans}/`, c.m.providerOwner.token, {
    name: `Schema plan ${Math.random()}`,
    offering: c.link('marketplace-provider-offerings', c.m.offering.uuid),
    unit: 'month',
  });
  return p.uuid;
}

/** A new component of the marketplace's offering, created through the API; its uuid. */
async function newComponent(c: CaseContext): Promise<string> {
  const type = `schema_${Math.random().toString(36).slice(2, 10)}`;
  const o = await c.ok<{ components: { uuid: string; type: string }[] }>(
    'POST',
    `${offering(c)}/create_offering_component/`,
    c.m.providerOwner.token,
    { type, name: type, billing_type: 'usage' },
  );
  const made = o.components.find((x) => x.type === type);
  if (!made) throw new Error('component not created');
  return made.uuid;
}

/** Plan edits and offering component management (run with the writes, waldur-schema.writes.test.ts). */
export const PLAN_CASES: Case[] = [
  [
    'PUT',
    '/api/marketplace-plans/{uuid}/',
    async (c) => asOwner(c, `${plans}/${await newPlan(c)}/`, { name: 'Put' }),
  ],
  [
    'PATCH',
    '/api/marketplace-plans/{uuid}/',
    async (c) => asOwner(c, `${plans}/${await newPlan(c)}/`, { description: 'Patched' }),
  ],
  ['DELETE', '/api/marketplace-plans/{uuid}/', async (c) => asOwner(c, `${plans}/${await newPlan(c)}/`)],
  [
    'POST',
    '/api/marketplace-plans/{uuid}/archive/',
    async (c) => asOwner(c, `${plans}/${await newPlan(c)}/archive/`),
  ],
  [
    'POST',
    '/api/marketplace-plans/{uuid}/update_prices/',
    async (c) => asOwner(c, `${plans}/${await newPlan(c)}/update_prices/`, { prices: {} }),
  ],
  [
    'POST',
    '/api/marketplace-plans/{uuid}/update_quotas/',
    async (c) => asOwner(c, `${plans}/${await newPlan(c)}/update_quotas/`, { quotas: {} }),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/create_offering_component/',
    async (c) =>
      asOwner(c, `${offering(c)}/create_offering_component/`, {
        type: `schema_${Math.random().toString(36).slice(2, 10)}`,
        name: 'Schema',
        billing_type: 'usage',
      }),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/update_offering_component/',
    async (c) =>
      asOwner(c, `${offering(c)}/update_offering_component/`, {
        uuid: await newComponent(c),
        name: 'Renamed',
      }),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/remove_offering_component/',
    async (c) => asOwner(c, `${offering(c)}/remove_offering_component/`, { uuid: await newComponent(c) }),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/update_description/',
    async (c) =>
      asOwner(c, `${offering(c)}/update_description/`, {
        category: c.link('marketplace-categories', (await makeCategory(c.s.tdb.db)).uuid),
      }),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/update_overview/',
    async (c) =>
      asOwner(c, `${offering(c)}/update_overview/`, { name: 'Schema offering', getting_started: 'Go' }),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/update_options/',
    async (c) => asOwner(c, `${offering(c)}/update_options/`, { options: { options: {}, order: [] } }),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/update_resource_options/',
    async (c) =>
      asOwner(c, `${offering(c)}/update_resource_options/`, { resource_options: { options: {}, order: [] } }),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/update_attributes/',
    async (c) => asOwner(c, `${offering(c)}/update_attributes/`, { schema: true }),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/update_location/',
    async (c) => asOwner(c, `${offering(c)}/update_location/`, { latitude: 1.5, longitude: -2.5 }),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/update_thumbnail/',
    async (c) => ({
      ...asOwner(c, `${offering(c)}/update_thumbnail/`),
      // GIF's signature is ASCII, so the body survives being sent as a string.
      rawBody:
        '--zz\r\nContent-Disposition: form-data; name="thumbnail"; filename="t.gif"\r\n\r\nGIF89a;\r\n--zz--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=zz' },
    }),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/delete_thumbnail/',
    async (c) => asOwner(c, `${offering(c)}/delete_thumbnail/`),
  ],
];
