import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteClient } from '../../src/flows/remote-orders/client.js';
import { remoteCredentials } from '../../src/flows/remote-orders/credentials.js';
import { RemoteApiError } from '../../src/flows/remote-orders/errors.js';
import {
  ANOTHER_ORDER_EXISTS,
  LIMITS_ALREADY_MATCH,
  REMOTE_NO_CHANGE_TEXT,
} from '../../src/flows/remote-orders/state-map.js';
import { remoteOrderSteps } from '../../src/flows/remote-orders/workflow.js';
import { dashed } from '../support/order-api.js';
import {
  action,
  type Federation,
  forwarded,
  order,
  provision,
  pullUntil,
  remoteMarketplace,
  resource,
  settles,
  startFederation,
} from '../support/remote.js';
import { makeOrder, makeResource } from '../support/resource-factories.js';

let f: Federation;
beforeAll(async () => {
  f = await startFederation();
});
afterAll(() => f.close());

/** POST a consumer resource action on the local server; returns the new order's uuid. */
async function resourceAction(uuid: string, name: string, token: string, body: unknown = {}) {
  const r = await f.local.request<{ order_uuid: string }>(
    'POST',
    `/api/marketplace-resources/${uuid}/${name}/`,
    {
      token,
      body,
    },
  );
  expect(r.status, r.text).toBe(200);
  return r.body.order_uuid;
}

type Listed = { uuid: string; type: string; state: string }[];

describe('UPDATE of limits on a Remote resource', () => {
  it('round trip: a remote update order, approved remotely, updates the local limits', async () => {
    const { lm, rm } = await remoteMarketplace(f);
    const p = await provision(f, lm, rm);
    const uuid = await resourceAction(p.localResource, 'update_limits', lm.owner.token, {
      limits: { cpu: 4 },
    });
    const lo = await forwarded(f.local, uuid, lm.staff);
    const ro = await order(f.remote, lo.backend_id, rm.staff);
    expect(ro).toMatchObject({ type: 'Update', state: 'pending-provider', limits: { cpu: 4 } });
    expect(ro.marketplace_resource_uuid).toBe(p.remoteResource);
    expect((await resource(f.local, p.localResource, lm.owner)).state).toBe('Updating');

    await action(f.remote, lo.backend_id, 'approve_by_provider', rm.providerOwner, 200, {});
    await pullUntil(f.local, uuid, lm.providerOwner, 'done');
    expect(await resource(f.local, p.localResource, lm.owner)).toMatchObject({
      state: 'OK',
      limits: { cpu: 4 },
    });
    expect((await resource(f.remote, p.remoteResource, rm.owner)).limits).toEqual({ cpu: 4 });
  });

  it('limits the remote resource already has complete the order without a remote order', async () => {
    const { lm, rm } = await remoteMarketplace(f);
    const p = await provision(f, lm, rm);
    const set = await f.remote.request(
      'POST',
      `/api/marketplace-provider-resources/${p.remoteResource}/set_limits/`,
      {
        token: rm.providerOwner.token,
        body: { limits: { cpu: 8 } },
      },
    );
    expect(set.status, set.text).toBe(200);
    const uuid = await resourceAction(p.localResource, 'update_limits', lm.owner.token, {
      limits: { cpu: 8 },
    });
    const done = await settles(f.local, uuid, lm.staff, 'done');
    expect(done.output).toBe(LIMITS_ALREADY_MATCH);
    expect(done.backend_id).toBe('');
    expect(await resource(f.local, p.localResource, lm.owner)).toMatchObject({
      state: 'OK',
      limits: { cpu: 8 },
    });
    const updates = await f.remote.request<Listed>(
      'GET',
      `/api/marketplace-orders/?resource_uuid=${p.remoteResource}&type=Update`,
      { token: rm.staff.token },
    );
    expect(updates.body).toEqual([]);
  });

  it('the remote 400 "Impossible to create update orders…" is treated as no change needed', async () => {
    const { lm, rm } = await remoteMarketplace(f);
    const p = await provision(f, lm, rm);
    const client = new RemoteClient(
      remoteCredentials({ api_url: `${f.remote.url}/api/`, token: rm.owner.token }),
    );
    const refused = await client.updateLimits(p.remoteResource, { cpu: 2 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RemoteApiError);
    expect((refused as RemoteApiError).status).toBe(400);
    expect((refused as RemoteApiError).mentions(REMOTE_NO_CHANGE_TEXT)).toBe(true);

    // An executing UPDATE whose preflight saw different limits (the remote changed meanwhile).
    const row = await f.local.tdb.db
      .selectFrom('resources')
      .select(['id', 'uuid', 'name'])
      .where('uuid', '=', dashed(p.localResource))
      .executeTakeFirstOrThrow();
    const lo = await makeOrder(
      f.local.tdb.db,
      lm,
      { ...row, hex: p.localResource },
      {
        type: 'Update',
        state: 'executing',
        attributes: { old_limits: { cpu: 1 } },
      },
    );
    const steps = remoteOrderSteps(f.local.tdb.db, { publicUrl: () => f.local.url, pullDelaysMs: [] });
    const ctx = {
      workflowId: 'no-change',
      stepName: 'submit-remote-order',
      attempt: 1,
      signal: new AbortController().signal,
    };
    const r = await steps.submit.invoke(
      { args: { orderId: lo.id, attempt: 0 }, plan: { kind: 'update-limits' } },
      ctx,
    );
    expect(r).toBe('done');
    expect((await order(f.local, lo.hex, lm.staff)).output).toBe(LIMITS_ALREADY_MATCH);
  });
});

describe('TERMINATE of a Remote resource', () => {
  it('round trip: the remote terminate order, approved remotely, terminates the local resource', async () => {
    const { lm, rm } = await remoteMarketplace(f);
    const p = await provision(f, lm, rm);
    const uuid = await resourceAction(p.localResource, 'terminate', lm.owner.token);
    const lo = await forwarded(f.local, uuid, lm.staff);
    expect(await order(f.remote, lo.backend_id, rm.staff)).toMatchObject({
      type: 'Terminate',
      state: 'pending-provider',
    });
    expect((await resource(f.local, p.localResource, lm.owner)).state).toBe('Terminating');
    await action(f.remote, lo.backend_id, 'approve_by_provider', rm.providerOwner, 200, {});
    await pullUntil(f.local, uuid, lm.providerOwner, 'done');
    expect((await resource(f.local, p.localResource, lm.owner)).state).toBe('Terminated');
    expect((await resource(f.remote, p.remoteResource, rm.owner)).state).toBe('Terminated');
  });

  it('a resource without backend_id is terminated at once, without the remote', async () => {
    const { lm } = await remoteMarketplace(f);
    const r = await makeResource(f.local.tdb.db, lm, { backendId: '' });
    const uuid = await resourceAction(r.hex, 'terminate', lm.owner.token);
    const done = await settles(f.local, uuid, lm.staff, 'done');
    expect(done.backend_id).toBe('');
    expect((await resource(f.local, r.hex, lm.owner)).state).toBe('Terminated');
  });

  it('a live remote TERMINATE order errs the local one: "Another order exists already."', async () => {
    const { lm, rm } = await remoteMarketplace(f);
    const p = await provision(f, lm, rm);
    const direct = await f.remote.request(
      'POST',
      `/api/marketplace-resources/${p.remoteResource}/terminate/`,
      {
        token: rm.owner.token,
        body: {},
      },
    );
    expect(direct.status, direct.text).toBe(200);
    const uuid = await resourceAction(p.localResource, 'terminate', lm.owner.token);
    const erred = await settles(f.local, uuid, lm.staff, 'erred');
    expect(erred.error_message).toBe(ANOTHER_ORDER_EXISTS);
    expect(erred.backend_id).toBe('');
    const terminates = await f.remote.request<Listed>(
      'GET',
      `/api/marketplace-orders/?resource_uuid=${p.remoteResource}&type=Terminate`,
      { token: rm.staff.token },
    );
    expect(terminates.body).toHaveLength(1);
  });
});
