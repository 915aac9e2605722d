import { expect } from 'vitest';
import type { Db } from '../../src/platform/db/database.js';
import { waitFor } from '../workflows/helpers.js';
import type { TestUser } from './factories.js';
import { startTestServer, type TestServer } from './http.js';
import { type Marketplace, makeMarketplace, orderBody } from './order-factories.js';

/** Two real Orderly servers: `local` federates its Remote offerings to `remote`. */
export interface Federation {
  local: TestServer;
  remote: TestServer;
  close(): Promise<void>;
}

/**
 * Starts the pair: the local server runs the workflow engine (it forwards and pulls); the remote is
 * a plain server (its Basic and SLURM offerings finish by approval or agent calls). Each has its
 * own database. `pullDelaysMs` sets the local run's own pulls (`[]`: only explicit pulls and jobs).
 */
export async function startFederation(pullDelaysMs?: number[]): Promise<Federation> {
  const remote = await startTestServer();
  const local = await startTestServer({
    workflows: true,
    ...(pullDelaysMs ? { remotePullDelaysMs: pullDelaysMs } : {}),
  });
  return {
    local,
    remote,
    async close() {
      await local.close();
      await remote.close();
    },
  };
}

/** Options of {@link remoteMarketplace}. */
export interface RemoteLink {
  /** The remote user whose token the local offering uses (default: the remote consumer owner). */
  integrationUser?: TestUser;
  pluginOptions?: Record<string, unknown>;
}

/** Points a local marketplace's offering at the remote marketplace's offering and plan (§17 g). */
export async function linkOffering(
  db: Db,
  local: Marketplace,
  remoteUrl: string,
  remote: Marketplace,
  link: RemoteLink = {},
) {
  const user = link.integrationUser ?? remote.owner;
  await db
    .updateTable('offerings')
    .set({
      backend_id: remote.offering.uuid,
      secret_options: {
        api_url: `${remoteUrl}/api/`,
        token: user.token,
        customer_uuid: remote.customer.uuid,
      },
    })
    .where('id', '=', local.offering.id)
    .execute();
  await db
    .updateTable('plans')
    .set({ backend_id: remote.offering.plan.uuid })
    .where('id', '=', local.offering.plan.id)
    .execute();
}

/** A local `Waldur.RemoteOffering` marketplace linked to a new remote marketplace of `remoteType`. */
export async function remoteMarketplace(
  f: Federation,
  remoteType = 'Marketplace.Basic',
  link: RemoteLink = {},
) {
  const rm = await makeMarketplace(f.remote.tdb.db, remoteType);
  const lm = await makeMarketplace(
    f.local.tdb.db,
    'Waldur.RemoteOffering',
    link.pluginOptions ?? { auto_approve_remote_orders: true },
  );
  await linkOffering(f.local.tdb.db, lm, f.remote.url, rm, {
    ...link,
    integrationUser: link.integrationUser ?? rm.owner,
  });
  return { lm, rm };
}

/** The order fields the remote tests read. */
export interface RemoteOrderView {
  uuid: string;
  state: string;
  type: string;
  backend_id: string;
  error_message: string;
  output: string;
  callback_url: string | null;
  project_uuid: string;
  offering_uuid: string;
  plan_uuid: string | null;
  attributes: Record<string, unknown>;
  limits: Record<string, unknown>;
  marketplace_resource_uuid: string;
  abilities: Record<string, { allowed: boolean; reason?: string }>;
}

/** The resource fields the remote tests read. */
export interface ResourceView {
  uuid: string;
  state: string;
  backend_id: string;
  limits: Record<string, unknown>;
}

/** GET an order (asserts 200). */
export async function order(s: TestServer, uuid: string, user: TestUser): Promise<RemoteOrderView> {
  const r = await s.request<RemoteOrderView>('GET', `/api/marketplace-orders/${uuid}/`, {
    token: user.token,
  });
  expect(r.status, r.text).toBe(200);
  return r.body;
}

/** GET a resource through the consumer view (asserts 200). */
export async function resource(s: TestServer, uuid: string, user: TestUser): Promise<ResourceView> {
  const r = await s.request<ResourceView>('GET', `/api/marketplace-resources/${uuid}/`, {
    token: user.token,
  });
  expect(r.status, r.text).toBe(200);
  return r.body;
}

/** POST an order action on `s` and assert its status. */
export async function action(
  s: TestServer,
  uuid: string,
  name: string,
  user: TestUser,
  status = 200,
  body?: unknown,
) {
  const r = await s.request('POST', `/api/marketplace-orders/${uuid}/${name}/`, {
    token: user.token,
    ...(body === undefined ? {} : { body }),
  });
  expect(r.status, `${name}: ${r.text}`).toBe(status);
  return r;
}

/** Creates a local order and waits until the local run has forwarded it (its `backend_id` is set). */
export async function orderRemotely(
  f: Federation,
  lm: Marketplace,
  user: TestUser = lm.owner,
  extra: Record<string, unknown> = {},
) {
  const r = await f.local.request<RemoteOrderView>('POST', '/api/marketplace-orders/', {
    token: user.token,
    body: orderBody(f.local.url, lm, extra),
  });
  expect(r.status, r.text).toBe(201);
  return forwarded(f.local, r.body.uuid, lm.staff);
}

/** Waits until a local order has a `backend_id` (the remote order uuid); returns the order. */
export function forwarded(local: TestServer, uuid: string, staff: TestUser): Promise<RemoteOrderView> {
  return waitFor(`order ${uuid} to be forwarded`, async () => {
    const o = await order(local, uuid, staff);
    if (o.state === 'erred') throw new Error(`order ${uuid} erred: ${o.error_message}`);
    return o.backend_id ? o : undefined;
  });
}

/** Pulls a local order until it reaches `state` (the remote order's callback target, §17 g). */
export function pullUntil(
  local: TestServer,
  uuid: string,
  user: TestUser,
  state: string,
): Promise<RemoteOrderView> {
  return waitFor(`order ${uuid} to be ${state}`, async () => {
    const r = await local.request<RemoteOrderView>('POST', `/api/marketplace-orders/${uuid}/pull/`, {
      token: user.token,
    });
    expect(r.status, r.text).toBe(200);
    return r.body.state === state ? r.body : undefined;
  });
}

/** Waits for a local order to reach `state` without pulling (the local run does it). */
export function settles(
  local: TestServer,
  uuid: string,
  user: TestUser,
  state: string,
): Promise<RemoteOrderView> {
  return waitFor(`order ${uuid} to be ${state}`, async () => {
    const o = await order(local, uuid, user);
    return o.state === state ? o : undefined;
  });
}

/**
 * A full CREATE round trip: order locally, the remote provider approves, pull: the local resource
 * is OK with the remote resource's uuid as `backend_id`. Returns both sides' ids.
 */
export async function provision(f: Federation, lm: Marketplace, rm: Marketplace) {
  const lo = await orderRemotely(f, lm);
  await action(f.remote, lo.backend_id, 'approve_by_provider', rm.providerOwner, 200, {});
  const done = await pullUntil(f.local, lo.uuid, lm.providerOwner, 'done');
  const remoteOrder = await order(f.remote, lo.backend_id, rm.staff);
  return {
    localOrder: done,
    localResource: done.marketplace_resource_uuid,
    remoteResource: remoteOrder.marketplace_resource_uuid,
  };
}
