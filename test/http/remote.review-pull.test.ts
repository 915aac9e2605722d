import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteOrderJobs } from '../../src/flows/remote-orders/pull.js';
import { startSchedule } from '../../src/platform/jobs/periodic.js';
import { grant, makeCustomer, makeProject, makeUser } from '../support/factories.js';
import { hexId } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import {
  action,
  type Federation,
  forwarded,
  order,
  orderRemotely,
  remoteMarketplace,
  resource,
  startFederation,
} from '../support/remote.js';

let f: Federation;
// The local runs submit and stop: only the jobs and explicit pulls move orders here.
beforeAll(async () => {
  f = await startFederation([]);
});
afterAll(() => f.close());

const jobs = () =>
  startSchedule(f.local.tdb.db, remoteOrderJobs(f.local.tdb.db), pino({ level: 'silent' }), false);

/** Creates an order as `token` in `project`; returns its state after routing. */
async function stateAfterCreate(lm: Marketplace, token: string, projectUuid: string) {
  const o = hexId(lm.offering.uuid);
  const r = await f.local.request<{ state: string }>('POST', '/api/marketplace-orders/', {
    token,
    body: {
      project: `${f.local.url}/api/projects/${hexId(projectUuid)}/`,
      offering: `${f.local.url}/api/marketplace-public-offerings/${o}/`,
      plan: `${f.local.url}/api/marketplace-public-offerings/${o}/plans/${hexId(lm.offering.plan.uuid)}/`,
      attributes: { name: 'review' },
      limits: { cpu: 1 },
    },
  });
  expect(r.status, r.text).toBe(201);
  return r.body.state;
}

describe('provider review of Remote orders (§5.3)', () => {
  it('needs the provider unless auto_approve_remote_orders, an offering-customer owner, or a service manager who is an offering user', async () => {
    const { lm } = await remoteMarketplace(f, 'Marketplace.Basic', { pluginOptions: {} });
    const db = f.local.tdb.db;
    // A consumer owner: consumer review skipped, provider review needed.
    expect(await stateAfterCreate(lm, lm.owner.token, lm.project.uuid)).toBe('pending-provider');
    // The provider organization's owner ordering for its own project: no provider review.
    const own = await makeProject(db, lm.provider.id);
    expect(await stateAfterCreate(lm, lm.providerOwner.token, own.uuid)).toBe('executing');
    // A service manager who is also an offering user (offering manager): no provider review.
    const manager = await makeUser(db);
    const theirs = await makeCustomer(db);
    const theirProject = await makeProject(db, theirs.id);
    await grant(db, manager.id, 'CUSTOMER.OWNER', { type: 'customer', id: theirs.id });
    await grant(db, manager.id, 'CUSTOMER.MANAGER', { type: 'customer', id: lm.provider.id });
    expect(await stateAfterCreate(lm, manager.token, theirProject.uuid)).toBe('pending-provider');
    await grant(db, manager.id, 'OFFERING.MANAGER', { type: 'offering', id: lm.offering.id });
    expect(await stateAfterCreate(lm, manager.token, theirProject.uuid)).toBe('executing');

    const auto = await remoteMarketplace(f);
    expect(await stateAfterCreate(auto.lm, auto.lm.owner.token, auto.lm.project.uuid)).toBe('executing');
  });

  it('provider approval of a pending Remote order forwards it', async () => {
    const { lm, rm } = await remoteMarketplace(f, 'Marketplace.Basic', { pluginOptions: {} });
    const r = await f.local.request<{ uuid: string; state: string }>('POST', '/api/marketplace-orders/', {
      token: lm.owner.token,
      body: {
        project: `${f.local.url}/api/projects/${hexId(lm.project.uuid)}/`,
        offering: `${f.local.url}/api/marketplace-public-offerings/${hexId(lm.offering.uuid)}/`,
        plan: `${f.local.url}/api/marketplace-public-offerings/${hexId(lm.offering.uuid)}/plans/${hexId(lm.offering.plan.uuid)}/`,
        limits: { cpu: 1 },
      },
    });
    expect(r.body.state).toBe('pending-provider');
    await action(f.local, r.body.uuid, 'approve_by_provider', lm.providerOwner, 200, {});
    const lo = await forwarded(f.local, r.body.uuid, lm.staff);
    expect((await order(f.remote, lo.backend_id, rm.staff)).state).toBe('pending-provider');
  });
});

describe('POST /api/marketplace-orders/{uuid}/pull/', () => {
  it('is for staff and the provider (403 for the consumer, 404 when invisible, 405 for other types)', async () => {
    const { lm } = await remoteMarketplace(f);
    const lo = await orderRemotely(f, lm);
    expect((await order(f.local, lo.uuid, lm.providerOwner)).abilities.pull).toEqual({ allowed: true });
    expect((await order(f.local, lo.uuid, lm.owner)).abilities.pull).toMatchObject({ allowed: false });
    await action(f.local, lo.uuid, 'pull', lm.owner, 403);
    await action(f.local, lo.uuid, 'pull', lm.outsider, 404);
    await action(f.local, lo.uuid, 'pull', lm.staff, 200);
    const basic = await makeMarketplace(f.local.tdb.db, 'Marketplace.Basic');
    const b = await f.local.request<{ uuid: string }>('POST', '/api/marketplace-orders/', {
      token: basic.owner.token,
      body: {
        project: `${f.local.url}/api/projects/${hexId(basic.project.uuid)}/`,
        offering: `${f.local.url}/api/marketplace-public-offerings/${hexId(basic.offering.uuid)}/`,
        plan: `${f.local.url}/api/marketplace-public-offerings/${hexId(basic.offering.uuid)}/plans/${hexId(basic.offering.plan.uuid)}/`,
      },
    });
    await action(f.local, b.body.uuid, 'pull', basic.providerOwner, 405);
  });

  it('answers 400 when the remote cannot be asked, and changes nothing', async () => {
    const { lm } = await remoteMarketplace(f);
    const lo = await orderRemotely(f, lm);
    await f.local.tdb.db
      .updateTable('offerings')
      .set({ secret_options: { api_url: `${f.remote.url}/api/`, token: 'revoked-token' } })
      .where('id', '=', lm.offering.id)
      .execute();
    const r = await action(f.local, lo.uuid, 'pull', lm.providerOwner, 400);
    expect(r.text).toContain('remote.pull_failed');
    expect((await order(f.local, lo.uuid, lm.staff)).state).toBe('executing');
  });
});

describe('periodic pulls (§17 g)', () => {
  it('the minute job completes executing orders whose remote order is done', async () => {
    const { lm, rm } = await remoteMarketplace(f);
    const lo = await orderRemotely(f, lm);
    expect((await jobs().tick())['remote-orders.pull']).toBe(0);
    await action(f.remote, lo.backend_id, 'approve_by_provider', rm.providerOwner, 200, {});
    expect((await jobs().tick())['remote-orders.pull']).toBeGreaterThanOrEqual(1);
    expect((await order(f.local, lo.uuid, lm.staff)).state).toBe('done');
  });

  it('the daily job resumes an erred UPDATE whose remote order is alive again, then it completes', async () => {
    const { lm, rm } = await remoteMarketplace(f, 'Marketplace.Slurm');
    const lo = await orderRemotely(f, lm);
    await action(f.remote, lo.backend_id, 'approve_by_provider', rm.providerOwner, 200, {});
    await action(f.remote, lo.backend_id, 'set_state_done', rm.providerOwner);
    await action(f.local, lo.uuid, 'pull', lm.providerOwner);
    const res = lo.marketplace_resource_uuid;
    expect((await resource(f.local, res, lm.owner)).state).toBe('OK');

    const upd = await f.local.request<{ order_uuid: string }>(
      'POST',
      `/api/marketplace-resources/${res}/update_limits/`,
      {
        token: lm.owner.token,
        body: { limits: { cpu: 5 } },
      },
    );
    const up = await forwarded(f.local, upd.body.order_uuid, lm.staff);
    await action(f.remote, up.backend_id, 'approve_by_provider', rm.providerOwner, 200, {});
    await action(f.remote, up.backend_id, 'set_state_erred', rm.providerOwner, 200, {
      error_message: 'Slurm down.',
    });
    await action(f.local, up.uuid, 'pull', lm.providerOwner);
    expect((await order(f.local, up.uuid, lm.staff)).state).toBe('erred');
    expect((await resource(f.local, res, lm.owner)).state).toBe('Erred');

    // The remote provider retries; the daily pull sees the remote order alive again.
    await action(f.remote, up.backend_id, 'retry', rm.providerOwner);
    expect((await jobs().tick())['remote-orders.pull-erred']).toBeGreaterThanOrEqual(1);
    expect((await order(f.local, up.uuid, lm.staff)).state).toBe('executing');
    expect((await resource(f.local, res, lm.owner)).state).toBe('Updating');

    await action(f.remote, up.backend_id, 'set_state_done', rm.providerOwner);
    await jobs().tick();
    expect((await order(f.local, up.uuid, lm.staff)).state).toBe('done');
    expect(await resource(f.local, res, lm.owner)).toMatchObject({ state: 'OK', limits: { cpu: 5 } });
  });

  it('the daily job leaves an erred CREATE alone, even when its remote order is alive again', async () => {
    const { lm, rm } = await remoteMarketplace(f, 'Marketplace.Slurm');
    const lo = await orderRemotely(f, lm);
    await action(f.remote, lo.backend_id, 'approve_by_provider', rm.providerOwner, 200, {});
    await action(f.remote, lo.backend_id, 'set_state_erred', rm.providerOwner, 200, {
      error_message: 'No nodes.',
    });
    await action(f.local, lo.uuid, 'pull', lm.providerOwner);
    expect((await order(f.local, lo.uuid, lm.staff)).state).toBe('erred');
    await action(f.remote, lo.backend_id, 'retry', rm.providerOwner);
    await jobs().tick();
    expect((await order(f.local, lo.uuid, lm.staff)).state).toBe('erred');
  });
});
