import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteProjectBackendId } from '../../src/flows/remote-orders/state-map.js';
import { grant, makeProject, makeUser } from '../support/factories.js';
import type { TestServer } from '../support/http.js';
import { hexId } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import {
  action,
  type Federation,
  forwarded,
  linkOffering,
  order,
  orderRemotely,
  pullUntil,
  resource,
  startFederation,
} from '../support/remote.js';
import { makeOrder, makeResource } from '../support/resource-factories.js';

let f: Federation;
let lm: Marketplace;
let rm: Marketplace;
let remoteProject: string;

/**
 * The remote integration user is a project admin of a remote project prepared for the local one
 * (found by its backend_id): it may order but not approve, so its TERMINATE orders wait for the
 * remote consumer — the window in which `reject_by_consumer` can abort them.
 */
beforeAll(async () => {
  f = await startFederation();
  rm = await makeMarketplace(f.remote.tdb.db, 'Marketplace.Basic');
  lm = await makeMarketplace(f.local.tdb.db, 'Waldur.RemoteOffering', { auto_approve_remote_orders: true });
  const admin = await makeUser(f.remote.tdb.db);
  const p = await makeProject(f.remote.tdb.db, rm.customer.id);
  await f.remote.tdb.db
    .updateTable('projects')
    .set({ backend_id: remoteProjectBackendId(lm.customer.uuid, lm.project.uuid) })
    .where('id', '=', p.id)
    .execute();
  await grant(f.remote.tdb.db, admin.id, 'PROJECT.ADMIN', { type: 'project', id: p.id });
  await linkOffering(f.local.tdb.db, lm, f.remote.url, rm, { integrationUser: admin });
  remoteProject = hexId(p.uuid);
});
afterAll(() => f.close());

/** A provisioned local resource: remote consumer and provider approve the CREATE. */
async function provisioned() {
  const lo = await orderRemotely(f, lm);
  const ro = await order(f.remote, lo.backend_id, rm.staff);
  expect(ro).toMatchObject({ state: 'pending-consumer', project_uuid: remoteProject });
  await action(f.remote, lo.backend_id, 'approve_by_consumer', rm.owner);
  await action(f.remote, lo.backend_id, 'approve_by_provider', rm.providerOwner, 200, {});
  const done = await pullUntil(f.local, lo.uuid, lm.providerOwner, 'done');
  return { local: done.marketplace_resource_uuid, remote: ro.marketplace_resource_uuid };
}

/** Terminates the local resource and waits until the remote TERMINATE order exists. */
async function terminating(localResource: string) {
  const r = await f.local.request<{ order_uuid: string }>(
    'POST',
    `/api/marketplace-resources/${localResource}/terminate/`,
    {
      token: lm.owner.token,
      body: {},
    },
  );
  expect(r.status, r.text).toBe(200);
  return forwarded(f.local, r.body.order_uuid, lm.staff);
}

const cancelTermination = (s: TestServer, uuid: string, token: string, slash: boolean, body?: unknown) =>
  s.request<{ detail?: string; code?: string }>(
    'POST',
    `/api/remote-waldur-api/cancel_termination/${uuid}${slash ? '/' : ''}`,
    { token, ...(body === undefined ? {} : { body }) },
  );

describe('cancel_termination (§7.21, §17 f) against a real remote Orderly', () => {
  it('rejects the remote TERMINATE order, cancels the local one and puts the resource back to OK', async () => {
    const res = await provisioned();
    const lo = await terminating(res.local);
    expect((await order(f.remote, lo.backend_id, rm.staff)).state).toBe('pending-consumer');

    expect((await order(f.local, lo.uuid, lm.providerOwner)).abilities.cancel_termination).toEqual({
      allowed: true,
    });
    expect((await order(f.local, lo.uuid, lm.staff)).abilities.cancel_termination).toEqual({ allowed: true });
    expect((await order(f.local, lo.uuid, lm.owner)).abilities.cancel_termination).toMatchObject({
      allowed: false,
      reason: 'permission_denied',
    });
    expect((await cancelTermination(f.local, lo.uuid, lm.owner.token, true)).status).toBe(403);
    expect((await cancelTermination(f.local, lo.uuid, lm.outsider.token, true)).status).toBe(404);

    // Waldur's own route has no trailing slash (quirk 16); HomePort sends one. Both work.
    const ok = await cancelTermination(f.local, lo.uuid, lm.providerOwner.token, false, {
      reason: 'The customer asked to keep it.',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await order(f.local, lo.uuid, lm.owner)).state).toBe('canceled');
    expect((await resource(f.local, res.local, lm.owner)).state).toBe('OK');
    expect((await order(f.remote, lo.backend_id, rm.staff)).state).toBe('rejected');
    expect((await resource(f.remote, res.remote, rm.owner)).state).toBe('OK');

    const events = await f.local.request<
      { event_type: string; reason: string; actor_username: string | null }[]
    >('GET', `/api/events/?order_uuid=${lo.uuid}`, { token: lm.staff.token });
    expect(events.body).toContainEqual(
      expect.objectContaining({
        reason: 'The customer asked to keep it.',
        actor_username: lm.providerOwner.username,
      }),
    );
    // The order is no longer EXECUTING: the lookup fails as for any other order.
    expect((await cancelTermination(f.local, lo.uuid, lm.staff.token, true)).status).toBe(404);
  });

  it('answers 400 and changes nothing when the remote refuses; the termination then completes', async () => {
    const res = await provisioned();
    const lo = await terminating(res.local);
    // The remote consumer approved meanwhile: reject_by_consumer is no longer possible there (409).
    await action(f.remote, lo.backend_id, 'approve_by_consumer', rm.owner);
    const refused = await cancelTermination(f.local, lo.uuid, lm.staff.token, true);
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body.code).toBe('remote.cancel_termination_failed');
    expect((await order(f.local, lo.uuid, lm.staff)).state).toBe('executing');
    expect((await resource(f.local, res.local, lm.owner)).state).toBe('Terminating');

    await action(f.remote, lo.backend_id, 'approve_by_provider', rm.providerOwner, 200, {});
    await pullUntil(f.local, lo.uuid, lm.providerOwner, 'done');
    expect((await resource(f.local, res.local, lm.owner)).state).toBe('Terminated');
  });

  it('answers 404 for orders that are not executing Remote TERMINATE orders, before the permission', async () => {
    const created = await orderRemotely(f, lm);
    expect((await cancelTermination(f.local, created.uuid, lm.owner.token, true)).status).toBe(404);
    expect((await order(f.local, created.uuid, lm.staff)).abilities.cancel_termination).toMatchObject({
      allowed: false,
      reason: 'order.not_found',
    });
    const basic = await makeMarketplace(f.local.tdb.db, 'Marketplace.Basic');
    const r = await makeResource(f.local.tdb.db, basic, { state: 'Terminating' });
    const t = await makeOrder(f.local.tdb.db, basic, r, { type: 'Terminate', state: 'executing' });
    expect((await cancelTermination(f.local, t.hex, basic.staff.token, true)).status).toBe(404);
  });

  it('a termination not forwarded yet has nothing to abort remotely and is canceled locally', async () => {
    const r = await makeResource(f.local.tdb.db, lm, { state: 'Terminating', backendId: 'gone-remote' });
    const t = await makeOrder(f.local.tdb.db, lm, r, { type: 'Terminate', state: 'executing' });
    const ok = await cancelTermination(f.local, t.hex, lm.providerOwner.token, true, {});
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await order(f.local, t.hex, lm.staff)).state).toBe('canceled');
    expect((await resource(f.local, r.hex, lm.owner)).state).toBe('OK');
  });
});
