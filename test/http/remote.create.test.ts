import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteProjectBackendId } from '../../src/flows/remote-orders/state-map.js';
import { remoteOrderSteps } from '../../src/flows/remote-orders/workflow.js';
import { ORDER_STATE_CODES } from '../../src/modules/orders/domain/order-state.js';
import { hexId } from '../support/order-api.js';
import {
  action,
  type Federation,
  forwarded,
  order,
  orderRemotely,
  pullUntil,
  remoteMarketplace,
  resource,
  settles,
  startFederation,
} from '../support/remote.js';

let f: Federation;
beforeAll(async () => {
  // Short pauses between the run's own pulls, so a test can also watch it finish on its own.
  f = await startFederation([200, 400, 800, ...Array<number>(16).fill(1500)]);
});
afterAll(() => f.close());

type Project = { uuid: string; backend_id: string; name: string; customer_uuid: string };

describe('CREATE on a Remote offering becomes a real order on the remote Orderly', () => {
  it('forwards project, offering, plan, attributes, limits and callback; provider approval makes it Done locally', async () => {
    const { lm, rm } = await remoteMarketplace(f);
    const lo = await orderRemotely(f, lm, lm.owner, { limits: { cpu: 3 } });
    expect(lo.state).toBe('executing');

    const ro = await order(f.remote, lo.backend_id, rm.staff);
    expect(ro).toMatchObject({
      state: 'pending-provider',
      type: 'Create',
      offering_uuid: hexId(rm.offering.uuid),
      plan_uuid: hexId(rm.offering.plan.uuid),
      attributes: lo.attributes,
      limits: { cpu: 3 },
      callback_url: `${f.local.url}/api/marketplace-orders/${lo.uuid}/pull/`,
    });
    const key = remoteProjectBackendId(lm.customer.uuid, lm.project.uuid);
    const projects = await f.remote.request<Project[]>('GET', `/api/projects/?backend_id=${key}`, {
      token: rm.owner.token,
    });
    expect(projects.body).toHaveLength(1);
    expect(projects.body[0]).toMatchObject({ uuid: ro.project_uuid, customer_uuid: hexId(rm.customer.uuid) });

    await action(f.remote, lo.backend_id, 'approve_by_provider', rm.providerOwner, 200, {});
    const done = await pullUntil(f.local, lo.uuid, lm.providerOwner, 'done');
    const remoteResource = (await order(f.remote, lo.backend_id, rm.staff)).marketplace_resource_uuid;
    expect(await resource(f.local, done.marketplace_resource_uuid, lm.owner)).toMatchObject({
      state: 'OK',
      backend_id: remoteResource,
    });
    expect((await resource(f.remote, remoteResource, rm.owner)).state).toBe('OK');
  });

  it('the run keeps pulling by itself until the remote order is done', async () => {
    const { lm, rm } = await remoteMarketplace(f);
    const lo = await orderRemotely(f, lm);
    await action(f.remote, lo.backend_id, 'approve_by_provider', rm.providerOwner, 200, {});
    const done = await settles(f.local, lo.uuid, lm.staff, 'done');
    expect((await resource(f.local, done.marketplace_resource_uuid, lm.owner)).state).toBe('OK');
  });

  it('reuses the remote project of the local project for its next order', async () => {
    const { lm, rm } = await remoteMarketplace(f);
    const first = await orderRemotely(f, lm);
    const second = await orderRemotely(f, lm);
    const [a, b] = await Promise.all([
      order(f.remote, first.backend_id, rm.staff),
      order(f.remote, second.backend_id, rm.staff),
    ]);
    expect(a.uuid).not.toBe(b.uuid);
    expect(a.project_uuid).toBe(b.project_uuid);
  });

  it('a remote rejection cancels the local order and its resource is Terminated', async () => {
    const { lm, rm } = await remoteMarketplace(f);
    const lo = await orderRemotely(f, lm);
    await action(f.remote, lo.backend_id, 'reject_by_provider', rm.providerOwner, 200, {
      provider_rejection_comment: 'No capacity.',
    });
    const canceled = await pullUntil(f.local, lo.uuid, lm.providerOwner, 'canceled');
    expect((await resource(f.local, canceled.marketplace_resource_uuid, lm.owner)).state).toBe('Terminated');
  });

  it('a remote SLURM order marked erred errs the local order with the remote message', async () => {
    const { lm, rm } = await remoteMarketplace(f, 'Marketplace.Slurm');
    const lo = await orderRemotely(f, lm);
    await action(f.remote, lo.backend_id, 'approve_by_provider', rm.providerOwner, 200, {});
    // The site agent of the remote reports the failure.
    await action(f.remote, lo.backend_id, 'set_state_erred', rm.providerOwner, 200, {
      error_message: 'Account limit exceeded on cluster alpha.',
      error_traceback: 'slurm: sacctmgr failed',
    });
    const erred = await pullUntil(f.local, lo.uuid, lm.providerOwner, 'erred');
    expect(erred.error_message).toBe('Account limit exceeded on cluster alpha.');
    expect((await resource(f.local, erred.marketplace_resource_uuid, lm.owner)).state).toBe('Erred');
  });

  it('a remote order still waiting keeps the local order executing', async () => {
    const { lm } = await remoteMarketplace(f);
    const lo = await orderRemotely(f, lm);
    const r = await f.local.request<{ state: string }>('POST', `/api/marketplace-orders/${lo.uuid}/pull/`, {
      token: lm.staff.token,
    });
    expect(r.status, r.text).toBe(200);
    expect(r.body.state).toBe('executing');
  });
});

describe('the submit step is idempotent toward the remote', () => {
  it('a re-run after a lost local commit replays the remote answer instead of ordering twice', async () => {
    // No auto-approval: the order waits for the provider, so no run of our own races this test.
    const { lm, rm } = await remoteMarketplace(f, 'Marketplace.Basic', { pluginOptions: {} });
    const created = await f.local.request<{ uuid: string; state: string }>(
      'POST',
      '/api/marketplace-orders/',
      {
        token: lm.owner.token,
        body: {
          project: `${f.local.url}/api/projects/${hexId(lm.project.uuid)}/`,
          offering: `${f.local.url}/api/marketplace-public-offerings/${hexId(lm.offering.uuid)}/`,
          plan: `${f.local.url}/api/marketplace-public-offerings/${hexId(lm.offering.uuid)}/plans/${hexId(lm.offering.plan.uuid)}/`,
          attributes: { name: 'replayed' },
          limits: { cpu: 1 },
        },
      },
    );
    expect(created.body.state).toBe('pending-provider');
    const db = f.local.tdb.db;
    const row = await db
      .updateTable('orders')
      .set({ state: ORDER_STATE_CODES.executing, attempt_count: 1 })
      .where('uuid', '=', created.body.uuid)
      .returning(['id', 'resource_id'])
      .executeTakeFirstOrThrow();
    const steps = remoteOrderSteps(db, { publicUrl: () => f.local.url, pullDelaysMs: [] });
    const args = { orderId: row.id, attempt: 1 };
    const ctx = (stepName: string) => ({
      workflowId: 'remote-order-replay-test',
      stepName,
      attempt: 1,
      signal: new AbortController().signal,
    });
    const plan = await steps.prepare.invoke({ ...args, type: 'Create' }, ctx('prepare-remote'));
    expect(plan.kind).toBe('create');
    expect(await steps.submit.invoke({ args, plan }, ctx('submit-remote-order'))).toBe('submitted');
    const first = await order(f.local, created.body.uuid, lm.staff);
    // The remote accepted, but our transaction is lost (a crash before commit): back to unsent.
    await db.updateTable('orders').set({ backend_id: '' }).where('id', '=', row.id).execute();
    await db.updateTable('resources').set({ backend_id: '' }).where('id', '=', row.resource_id).execute();
    expect(await steps.submit.invoke({ args, plan }, ctx('submit-remote-order'))).toBe('submitted');
    const second = await forwarded(f.local, created.body.uuid, lm.staff);
    expect(second.backend_id).toBe(first.backend_id);

    const ro = await order(f.remote, first.backend_id, rm.staff);
    const inProject = await f.remote.request<unknown[]>(
      'GET',
      `/api/marketplace-orders/?project_uuid=${ro.project_uuid}`,
      {
        token: rm.staff.token,
      },
    );
    expect(inProject.body).toHaveLength(1);
  });
});
