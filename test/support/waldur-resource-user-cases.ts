import { makeUser } from './factories.js';
import type { Case, CaseContext } from './waldur-cases.js';

const views = ['/api/marketplace-resources', '/api/marketplace-provider-resources'] as const;
const ROLE = 'RESOURCE.MEMBER';

/** A new resource with a fresh user holding {@link ROLE} on it, granted by staff. */
async function withMember(c: CaseContext, view: string) {
  const resource = await c.newResource();
  const user = (await makeUser(c.s.tdb.db)).uuid;
  await c.ok('POST', `${view}/${resource}/add_user/`, c.m.staff.token, { role: ROLE, user });
  return { resource, user };
}

/** Resource users (`add_user`, `update_user`, `delete_user`) on both views (issue 15, item 3). */
export const RESOURCE_USER_CASES: Case[] = views.flatMap((view): Case[] => [
  [
    'POST',
    `${view}/{uuid}/add_user/`,
    async (c) => ({
      url: `${view}/${await c.newResource()}/add_user/`,
      token: c.m.staff.token,
      body: { role: ROLE, user: (await makeUser(c.s.tdb.db)).uuid },
    }),
  ],
  [
    'POST',
    `${view}/{uuid}/update_user/`,
    async (c) => {
      const { resource, user } = await withMember(c, view);
      const expiration_time = new Date(Date.now() + 86_400_000 * 30).toISOString();
      return {
        url: `${view}/${resource}/update_user/`,
        token: c.m.staff.token,
        body: { role: ROLE, user, expiration_time },
      };
    },
  ],
  [
    'POST',
    `${view}/{uuid}/delete_user/`,
    async (c) => {
      const { resource, user } = await withMember(c, view);
      return { url: `${view}/${resource}/delete_user/`, token: c.m.staff.token, body: { role: ROLE, user } };
    },
  ],
]);
