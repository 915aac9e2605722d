import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_LIST } from '../../src/modules/notifications/domain/kinds.js';
import { makeUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import type { ProblemView } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
});
afterAll(async () => {
  await s.close();
});

type Settings = Record<string, boolean>;
const ME = '/api/users/me/notification-settings/';
const of = (uuid: string) => `/api/users/${uuid}/notification-settings/`;
const allOn = () => Object.fromEntries(KIND_LIST.map((k) => [k, true]));

describe('notification settings API', () => {
  it('every kind is on until the user turns it off; PATCH changes only the kinds named', async () => {
    const u = await makeUser(s.tdb.db);
    const first = await s.request<Settings>('GET', ME, { token: u.token });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual(allOn());
    const off = await s.request<Settings>('PATCH', ME, {
      token: u.token,
      body: { resource_ending: false, usage_reminder: false },
    });
    expect(off.status, off.text).toBe(200);
    expect(off.body).toEqual({ ...allOn(), resource_ending: false, usage_reminder: false });
    const back = await s.request<Settings>('PATCH', of(u.uuid), {
      token: u.token,
      body: { usage_reminder: true },
    });
    expect(back.status, back.text).toBe(200);
    expect(back.body).toEqual({ ...allOn(), resource_ending: false });
    expect((await s.request<Settings>('GET', of(u.uuid), { token: u.token })).body).toEqual(back.body);
  });

  it('staff and support may read anyone’s settings; other users get 403, invisible users 404', async () => {
    await s.request('PATCH', ME, { token: m.projectAdmin.token, body: { project_ending: false } });
    for (const reader of [m.staff, m.support]) {
      const r = await s.request<Settings>('GET', of(m.projectAdmin.uuid), { token: reader.token });
      expect(r.status, r.text).toBe(200);
      expect(r.body.project_ending).toBe(false);
    }
    // The organization owner sees the project administrator as a user, but not their settings.
    const visible = await s.request('GET', `/api/users/${m.projectAdmin.uuid}/`, { token: m.owner.token });
    expect(visible.status).toBe(200);
    expect((await s.request('GET', of(m.projectAdmin.uuid), { token: m.owner.token })).status).toBe(403);
    const stranger = await makeUser(s.tdb.db);
    expect((await s.request('GET', of(stranger.uuid), { token: m.outsider.token })).status).toBe(404);
    expect((await s.request('GET', ME)).status).toBe(401);
  });

  it('a user edits only their own settings: others (staff included) get 403, before the body is read', async () => {
    for (const editor of [m.staff, m.owner]) {
      const r = await s.request<ProblemView>('PATCH', of(m.projectAdmin.uuid), {
        token: editor.token,
        body: { resource_ending: 'nope' },
      });
      expect(r.status, r.text).toBe(403);
    }
    const after = await s.request<Settings>('GET', of(m.projectAdmin.uuid), { token: m.staff.token });
    expect(after.body.resource_ending).toBe(true);
    expect((await s.request('PATCH', ME, { body: { resource_ending: false } })).status).toBe(401);
  });

  it('bad input is a 400 naming the field, and nothing changes', async () => {
    const u = await makeUser(s.tdb.db);
    const wrongType = await s.request<ProblemView>('PATCH', ME, {
      token: u.token,
      body: { resource_create_failed: 'no', resource_ending: false },
    });
    expect(wrongType.status, wrongType.text).toBe(400);
    expect(wrongType.body.errors?.map((e) => e.pointer)).toEqual(['/body/resource_create_failed']);
    expect(wrongType.body.detail).toContain('resource_create_failed');
    const unknown = await s.request<ProblemView>('PATCH', ME, {
      token: u.token,
      body: { no_such_kind: false },
    });
    expect(unknown.status, unknown.text).toBe(400);
    expect(JSON.stringify(unknown.body.errors)).toContain('no_such_kind');
    const notObject = await s.request<ProblemView>('PATCH', ME, { token: u.token, body: [false] });
    expect(notObject.status, notObject.text).toBe(400);
    expect((await s.request<Settings>('GET', ME, { token: u.token })).body).toEqual(allOn());
  });
});
