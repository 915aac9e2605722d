import { hexOf } from './resource-factories.js';
import type { Case, CaseContext, CaseRequest } from './waldur-cases.js';

const groups = '/api/organization-groups';

const asStaff = (c: CaseContext, url: string, body?: unknown): CaseRequest => ({
  url,
  token: c.m.staff.token,
  body,
});
const asOwner = (c: CaseContext, url: string, body?: unknown): CaseRequest => ({
  url,
  token: c.m.providerOwner.token,
  body,
});

/** A new organization group, created through the API by staff. */
async function newGroup(c: CaseContext): Promise<{ uuid: string; url: string }> {
  return c.ok<{ uuid: string; url: string }>('POST', `${groups}/`, c.m.staff.token, {
    name: `Schema group ${Math.random()}`,
  });
}

/** A new unused plan of the marketplace's offering (so limiting it changes no other case); its hex uuid. */
async function newPlan(c: CaseContext): Promise<string> {
  const p = await c.ok<{ uuid: string }>('POST', '/api/marketplace-plans/', c.m.providerOwner.token, {
    name: `Schema group plan ${Math.random()}`,
    offering: c.link('marketplace-provider-offerings', c.m.offering.uuid),
    unit: 'month',
  });
  return p.uuid;
}

const offering = (c: CaseContext) => `/api/marketplace-provider-offerings/${hexOf(c.m.offering.uuid)}`;

/** Organization groups and the offering, plan and organization actions that use them. */
export const GROUP_CASES: Case[] = [
  [
    'GET',
    `${groups}/`,
    async (c) => {
      const parent = await newGroup(c);
      await c.ok('POST', `${groups}/`, c.m.staff.token, { name: 'Schema child', parent: parent.url });
      return { url: `${groups}/`, token: c.m.owner.token };
    },
  ],
  ['POST', `${groups}/`, async (c) => asStaff(c, `${groups}/`, { name: 'Schema created' })],
  [
    'GET',
    `${groups}/{uuid}/`,
    async (c) => ({ url: `${groups}/${(await newGroup(c)).uuid}/`, token: c.m.owner.token }),
  ],
  [
    'PUT',
    `${groups}/{uuid}/`,
    async (c) => asStaff(c, `${groups}/${(await newGroup(c)).uuid}/`, { name: 'Put' }),
  ],
  [
    'PATCH',
    `${groups}/{uuid}/`,
    async (c) => asStaff(c, `${groups}/${(await newGroup(c)).uuid}/`, { parent: (await newGroup(c)).url }),
  ],
  ['DELETE', `${groups}/{uuid}/`, async (c) => asStaff(c, `${groups}/${(await newGroup(c)).uuid}/`)],
  [
    'POST',
    '/api/customers/{uuid}/update_organization_groups/',
    async (c) =>
      asStaff(c, `/api/customers/${hexOf(c.m.customer.uuid)}/update_organization_groups/`, {
        organization_groups: [(await newGroup(c)).url],
      }),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/update_organization_groups/',
    // An empty set keeps the shared offering open to the organizations of the other cases.
    async (c) => asOwner(c, `${offering(c)}/update_organization_groups/`, { organization_groups: [] }),
  ],
  [
    'POST',
    '/api/marketplace-provider-offerings/{uuid}/delete_organization_groups/',
    async (c) => asOwner(c, `${offering(c)}/delete_organization_groups/`),
  ],
  [
    'POST',
    '/api/marketplace-plans/{uuid}/update_organization_groups/',
    async (c) =>
      asOwner(c, `/api/marketplace-plans/${await newPlan(c)}/update_organization_groups/`, {
        organization_groups: [(await newGroup(c)).url],
      }),
  ],
  [
    'POST',
    '/api/marketplace-plans/{uuid}/delete_organization_groups/',
    async (c) => asOwner(c, `/api/marketplace-plans/${await newPlan(c)}/delete_organization_groups/`),
  ],
];
