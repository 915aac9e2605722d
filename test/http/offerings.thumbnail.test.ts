import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  grant,
  makeCustomer,
  makeProject,
  makeServiceProvider,
  makeUser,
  type TestUser,
} from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { makeOffering } from '../support/offering-factories.js';

interface Row {
  id: number;
  uuid: string;
}

const hex = (uuid: string) => uuid.replace(/-/g, '');
const PNG = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), Buffer.from('png-body')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('jpeg-body')]);

let s: TestServer;
let owner: TestUser;
let offeringManager: TestUser;
let admin: TestUser;
let ownerQ: TestUser;
let orgId: number;

/** A multipart upload as a browser sends it. */
async function upload(o: Row, user: TestUser, data?: Buffer, field = 'thumbnail') {
  const form = new FormData();
  if (data) form.append(field, new Blob([new Uint8Array(data)], { type: 'image/png' }), 'logo.png');
  else form.append('note', 'no file');
  const res = await fetch(`${s.url}/api/marketplace-provider-offerings/${hex(o.uuid)}/update_thumbnail/`, {
    method: 'POST',
    headers: { authorization: `Token ${user.token}` },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}
const image = (o: Row, user: TestUser) =>
  fetch(`${s.url}/api/marketplace-public-offerings/${hex(o.uuid)}/thumbnail/`, {
    headers: { authorization: `Token ${user.token}` },
  });
const pointer = (b: Record<string, unknown>) => (b.errors as { pointer: string }[] | undefined)?.[0]?.pointer;

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  [owner, offeringManager, admin, ownerQ] = await Promise.all([
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
  ]);
  const org = await makeCustomer(db);
  const orgQ = await makeCustomer(db);
  orgId = org.id;
  await makeServiceProvider(db, org.id);
  await grant(db, owner.id, 'CUSTOMER.OWNER', { type: 'customer', id: org.id });
  await grant(db, admin.id, 'PROJECT.ADMIN', { type: 'project', id: (await makeProject(db, orgQ.id)).id });
  await grant(db, ownerQ.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgQ.id });
});
afterAll(() => s.close());

describe('offering thumbnail', () => {
  it('owner uploads, a consumer sees the image, a new upload replaces it, delete removes it', async () => {
    const o = await makeOffering(s.tdb.db, orgId);
    const r = await upload(o, owner, PNG);
    expect(r.status).toBe(200);
    expect(r.body.thumbnail).toBe(`${s.url}/api/marketplace-public-offerings/${hex(o.uuid)}/thumbnail/`);
    // The offering itself links the image, as Waldur's `thumbnail` field does.
    const detail = (path: string) =>
      s.request<{ thumbnail: string | null }>('GET', `${path}${hex(o.uuid)}/`, { token: owner.token });
    expect((await detail('/api/marketplace-provider-offerings/')).body.thumbnail).toBe(r.body.thumbnail);
    expect((await detail('/api/marketplace-public-offerings/')).body.thumbnail).toBe(r.body.thumbnail);
    const seen = await image(o, admin);
    expect(seen.status).toBe(200);
    expect(seen.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await seen.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await upload(o, owner, JPEG)).status).toBe(200);
    expect((await image(o, admin)).headers.get('content-type')).toBe('image/jpeg');
    const del = await s.request(
      'POST',
      `/api/marketplace-provider-offerings/${hex(o.uuid)}/delete_thumbnail/`,
      {
        token: owner.token,
      },
    );
    expect(del.status).toBe(204);
    expect((await image(o, admin)).status).toBe(404);
    expect((await detail('/api/marketplace-provider-offerings/')).body.thumbnail).toBeNull();
  });

  it('not an image, empty, too large or no file: 400 at /body/thumbnail', async () => {
    const o = await makeOffering(s.tdb.db, orgId);
    for (const data of [
      Buffer.from('%PDF-1.4 not an image'),
      Buffer.alloc(0),
      Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]),
      undefined,
    ]) {
      const r = await upload(o, owner, data);
      expect(r.status).toBe(400);
      expect(pointer(r.body)).toBe('/body/thumbnail');
    }
    expect((await image(o, admin)).status).toBe(404);
  });

  it('roles: offering manager may; another organization: 404; consumer: 404; archived: 409', async () => {
    const o = await makeOffering(s.tdb.db, orgId);
    await grant(s.tdb.db, offeringManager.id, 'OFFERING.MANAGER', { type: 'offering', id: o.id });
    expect((await upload(o, offeringManager, PNG)).status).toBe(200);
    expect((await upload(o, ownerQ, PNG)).status).toBe(404);
    expect((await upload(o, admin, PNG)).status).toBe(404);
    const del = await s.request(
      'POST',
      `/api/marketplace-provider-offerings/${hex(o.uuid)}/delete_thumbnail/`,
      {
        token: ownerQ.token,
      },
    );
    expect(del.status).toBe(404);
    const archived = await makeOffering(s.tdb.db, orgId, { state: 'Archived' });
    expect((await upload(archived, owner, PNG)).status).toBe(409);
    const hidden = await makeOffering(s.tdb.db, orgId, { shared: false });
    await upload(hidden, owner, PNG);
    expect((await image(hidden, ownerQ)).status).toBe(404);
  });
});
