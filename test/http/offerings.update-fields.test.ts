import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { makeCategory, makeOffering } from '../support/offering-factories.js';
import { hex, makeProviderCast, type Problem, pointers, type Row } from '../support/provider-cast.js';

type Offering = Record<string, unknown>;

let s: TestServer;
let staff: TestUser;
let owner: TestUser;
let spManager: TestUser;
let offeringManager: TestUser;
let admin: TestUser;
let ownerQ: TestUser;
let orgId: number;
let offering: Row;
let category: Row & { title: string };

const url = (o: Row, action: string) => `/api/marketplace-provider-offerings/${hex(o.uuid)}/${action}/`;
const OPTIONS = { options: { size: { type: 'integer', label: 'Size' } }, order: ['size'] };

/** Every action with a valid body and what the offering shows afterwards. */
const HAPPY: [string, () => unknown, () => Offering][] = [
  [
    'update_description',
    () => ({ category: `${s.url}/api/marketplace-categories/${hex(category.uuid)}/` }),
    () => ({ category_uuid: hex(category.uuid), category_title: category.title }),
  ],
  [
    'update_overview',
    () => ({
      name: 'Renamed',
      full_description: 'Long',
      access_url: 'https://x.example',
      getting_started: 'Go',
    }),
    () => ({
      name: 'Renamed',
      full_description: 'Long',
      access_url: 'https://x.example',
      getting_started: 'Go',
    }),
  ],
  ['update_options', () => ({ options: OPTIONS }), () => ({ options: OPTIONS })],
  ['update_resource_options', () => ({ resource_options: OPTIONS }), () => ({ resource_options: OPTIONS })],
  [
    'update_attributes',
    () => ({ vpc_size: 'large', gpus: 2 }),
    () => ({ attributes: { vpc_size: 'large', gpus: 2 } }),
  ],
  [
    'update_location',
    () => ({ latitude: 59.43, longitude: 24.75 }),
    () => ({ latitude: 59.43, longitude: 24.75 }),
  ],
];

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  const cast = await makeProviderCast(db);
  ({ staff, owner, spManager, offeringManager, admin, ownerQ } = cast);
  const { org } = cast;
  orgId = org.id;
  offering = await makeOffering(db, org.id);
  category = await makeCategory(db);
  await grant(db, offeringManager.id, 'OFFERING.MANAGER', { type: 'offering', id: offering.id });
});
afterAll(() => s.close());

describe('offering update_* actions', () => {
  for (const [action, body, shows] of HAPPY) {
    it(`${action}: owner, service manager, offering manager and staff: 200 with the offering`, async () => {
      for (const u of [owner, spManager, offeringManager, staff]) {
        const r = await s.request<Offering>('POST', url(offering, action), { token: u.token, body: body() });
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject(shows());
      }
      const again = await s.request<Offering>(
        'GET',
        `/api/marketplace-provider-offerings/${hex(offering.uuid)}/`,
        {
          token: owner.token,
        },
      );
      expect(again.body).toMatchObject(shows());
    });

    it(`${action}: consumer and another organization: 404; archived offering: 409`, async () => {
      for (const u of [admin, ownerQ]) {
        expect(
          (await s.request('POST', url(offering, action), { token: u.token, body: body() })).status,
        ).toBe(404);
      }
      const archived = await makeOffering(s.tdb.db, orgId, { state: 'Archived' });
      const r = await s.request<Problem>('POST', url(archived, action), { token: owner.token, body: body() });
      expect(r.status).toBe(409);
      expect(r.body.detail).toBe('It is not possible to update archived offering.');
    });
  }

  it('bad input: 400 naming the field', async () => {
    const cases: [string, unknown, string][] = [
      ['update_description', {}, '/body/category'],
      [
        'update_description',
        { category: `${s.url}/api/marketplace-categories/${'0'.repeat(32)}/` },
        '/body/category',
      ],
      ['update_overview', { description: 'x' }, '/body/name'],
      ['update_overview', { name: 'x', helpdesk_url: 'x'.repeat(201) }, '/body/helpdesk_url'],
      [
        'update_options',
        { options: { options: { a: { label: 'no type' } } } },
        '/body/options/options/a/type',
      ],
      ['update_resource_options', {}, '/body/resource_options'],
      ['update_location', { latitude: 91, longitude: 0 }, '/body/latitude'],
      ['update_location', { latitude: 1 }, '/body/longitude'],
      ['update_attributes', [1, 2], '/body'],
    ];
    for (const [action, body, pointer] of cases) {
      const r = await s.request<Problem>('POST', url(offering, action), { token: owner.token, body });
      expect(r.status, `${action} ${JSON.stringify(body)}`).toBe(400);
      expect(pointers(r.body)).toContain(pointer);
    }
  });
});
