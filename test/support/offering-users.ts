import { expect } from 'vitest';
import { makeUser } from './factories.js';
import { startTestServer, type TestServer } from './http.js';
import { type Marketplace, makeMarketplace } from './order-factories.js';
import { hexOf, makeResource } from './resource-factories.js';

/** The offering users collection. */
export const OU = '/api/marketplace-offering-users';
/** Plugin options that turn offering users on. */
export const ENABLED = { service_provider_can_create_offering_user: true };

/** An offering user as the API returns it (the fields the tests read). */
export interface OfferingUser {
  uuid: string;
  url: string;
  username: string | null;
  state: string;
  user_uuid: string;
  user_username: string;
  offering_uuid: string;
  service_provider_comment: string;
  service_provider_comment_url: string;
}
/** A problem body. */
export interface Problem {
  code: string;
  errors?: { pointer: string }[];
}

/** A server with a SLURM marketplace whose offering has offering users on, and one resource. */
export async function startOfferingUsers(): Promise<{ s: TestServer; m: Marketplace }> {
  const s = await startTestServer();
  const m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', ENABLED);
  await makeResource(s.tdb.db, m);
  return { s, m };
}

/** The calls the offering-user tests repeat, over the server and marketplace of `ctx()`. */
export function offeringUserCalls(ctx: () => { s: TestServer; m: Marketplace }) {
  const list = (token: string, query = '') =>
    ctx().s.request<OfferingUser[]>('GET', `${OU}/?page_size=100${query}`, { token });
  const post = <T = OfferingUser>(path: string, token: string, body?: unknown) =>
    ctx().s.request<T>('POST', path, { token, body });
  return {
    list,
    post,
    ofOffering: (token: string, offeringUuid: string, extra = '') =>
      list(token, `&offering_uuid=${offeringUuid}${extra}`),
    /** A fresh offering user of the marketplace's offering for a new person, created by the provider. */
    async freshOfferingUser(username?: string): Promise<OfferingUser> {
      const { s, m } = ctx();
      const person = await makeUser(s.tdb.db);
      const res = await post(`${OU}/`, m.providerOwner.token, {
        user: `http://x/api/users/${hexOf(person.uuid)}/`,
        offering: `http://x/api/marketplace-provider-offerings/${hexOf(m.offering.uuid)}/`,
        ...(username ? { username } : {}),
      });
      expect(res.status, res.text).toBe(201);
      return res.body;
    },
    /** The id of the offering's provider organization. */
    async providerCustomerId(): Promise<number> {
      const { s, m } = ctx();
      const o = await s.tdb.db
        .selectFrom('offerings')
        .select('customer_id')
        .where('id', '=', m.offering.id)
        .executeTakeFirstOrThrow();
      return o.customer_id;
    },
  };
}
