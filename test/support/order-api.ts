import { expect } from 'vitest';
import {
  createResourceOrder,
  type ResourceOrderInput,
} from '../../src/modules/orders/app/create-resource-order.js';
import { type OrderState, orderStateToCode } from '../../src/modules/orders/domain/order-state.js';
import {
  type ResourceState,
  resourceStateFromCode,
  resourceStateToCode,
} from '../../src/modules/resources/domain/resource-state.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import type { Db } from '../../src/platform/db/database.js';
import { grant, makeCustomer, type TestUser } from './factories.js';
import type { TestResponse, TestServer } from './http.js';
import { type Marketplace, orderBody } from './order-factories.js';

/** The order fields the order tests read. */
export interface OrderView {
  uuid: string;
  url: string;
  state: OrderState;
  type: string;
  offering_uuid: string;
  project_uuid: string;
  marketplace_resource_uuid: string;
  resource_name: string;
  attributes: Record<string, unknown>;
  limits: Record<string, unknown>;
  error_message: string;
  error_traceback: string;
  error_updated_at: string | null;
  completed_at: string | null;
  created: string;
  attempt_count: number;
  created_by_username: string | null;
  consumer_reviewed_by: string | null;
  consumer_reviewed_at: string | null;
  provider_reviewed_by: string | null;
  provider_reviewed_at: string | null;
  consumer_rejection_comment: string;
  provider_rejection_comment: string;
  termination_comment: string;
  start_date: string | null;
  backend_id: string;
}

/** A problem+json body. */
export interface ProblemView {
  status: number;
  code: string;
  detail: string;
  errors?: { pointer: string; detail: string }[];
}

/** One attempt row of `GET …/attempts/`. */
export interface AttemptView {
  attempt_number: number;
  trigger: string;
  outcome: string;
  error_message: string;
  error_traceback: string;
  finished_at: string | null;
  started_by_username: string | null;
}

/** Dashed form of a 32-hex id (the database and Waldur's clients use it). */
export function dashed(id: string): string {
  const h = id.replace(/-/g, '').toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** 32-hex form of an id. */
export function hexId(id: string): string {
  return id.replace(/-/g, '').toLowerCase();
}

/** `POST /api/marketplace-orders/` as `user`; asserts 201 and returns the order. */
export async function createOrder(
  s: TestServer,
  m: Marketplace,
  user: TestUser,
  extra: Record<string, unknown> = {},
): Promise<OrderView> {
  const r = await s.request<OrderView>('POST', '/api/marketplace-orders/', {
    token: user.token,
    body: orderBody(s.url, m, extra),
  });
  expect(r.status, r.text).toBe(201);
  return r.body;
}

/** `POST /api/marketplace-orders/{uuid}/<action>/`. */
export function act<T = unknown>(
  s: TestServer,
  uuid: string,
  action: string,
  user: TestUser | undefined,
  body?: unknown,
): Promise<TestResponse<T>> {
  return s.request<T>('POST', `/api/marketplace-orders/${uuid}/${action}/`, {
    token: user?.token,
    ...(body === undefined ? {} : { body }),
  });
}

/** Runs an action and asserts its status. */
export async function expectAct(
  s: TestServer,
  uuid: string,
  action: string,
  user: TestUser,
  status: number,
  body?: unknown,
): Promise<TestResponse<unknown>> {
  const r = await act(s, uuid, action, user, body);
  expect(r.status, `${action}: ${r.text}`).toBe(status);
  return r;
}

/** `GET /api/marketplace-orders/{uuid}/` as `user` (asserts 200). */
export async function getOrder(s: TestServer, uuid: string, user: TestUser): Promise<OrderView> {
  const r = await s.request<OrderView>('GET', `/api/marketplace-orders/${uuid}/`, { token: user.token });
  expect(r.status, r.text).toBe(200);
  return r.body;
}

/** The resource row of an order's `marketplace_resource_uuid`. */
export function resourceRow(db: Db, resourceUuid: string) {
  return db
    .selectFrom('resources')
    .selectAll()
    .where('uuid', '=', dashed(resourceUuid))
    .executeTakeFirstOrThrow();
}

/** The state label of a resource. */
export async function resourceState(db: Db, resourceUuid: string): Promise<ResourceState> {
  return resourceStateFromCode((await resourceRow(db, resourceUuid)).state);
}

/** The order row of an order uuid. */
export function orderRow(db: Db, uuid: string) {
  return db.selectFrom('orders').selectAll().where('uuid', '=', dashed(uuid)).executeTakeFirstOrThrow();
}

/** Forces an order (and optionally its resource) into a state: test setup only, no history written. */
export async function forceState(db: Db, order: OrderView, state: OrderState, resource?: ResourceState) {
  await db
    .updateTable('orders')
    .set({ state: orderStateToCode(state) })
    .where('uuid', '=', dashed(order.uuid))
    .execute();
  if (resource) {
    await db
      .updateTable('resources')
      .set({ state: resourceStateToCode(resource) })
      .where('uuid', '=', dashed(order.marketplace_resource_uuid))
      .execute();
  }
}

/** Adds a permission to a role for every holder (Waldur tests' `Role.add_permission`). */
export async function addRolePermission(db: Db, role: string, permission: string) {
  const r = await db.selectFrom('roles').select('id').where('name', '=', role).executeTakeFirstOrThrow();
  await db
    .insertInto('role_permissions')
    .values({ role_id: r.id, permission })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Removes a permission from a role. */
export async function removeRolePermission(db: Db, role: string, permission: string) {
  const r = await db.selectFrom('roles').select('id').where('name', '=', role).executeTakeFirstOrThrow();
  await db
    .deleteFrom('role_permissions')
    .where('role_id', '=', r.id)
    .where('permission', '=', permission)
    .execute();
}

/** Gives the marketplace's outsider an organization of their own (a user "from another organization"). */
export async function giveOutsiderAnOrganization(db: Db, m: Marketplace) {
  const other = await makeCustomer(db);
  await grant(db, m.outsider.id, 'CUSTOMER.OWNER', { type: 'customer', id: other.id });
}

/** Counts of order and resource rows (to prove a refused request wrote nothing). */
export async function rowCounts(db: Db) {
  const count = async (table: 'orders' | 'resources' | 'events' | 'order_transitions') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    orders: await count('orders'),
    resources: await count('resources'),
    events: await count('events'),
    transitions: await count('order_transitions'),
  };
}

/**
 * Creates an UPDATE, TERMINATE or RESTORE order for a resource through the orders module's
 * `createResourceOrder` (the path the resource actions use), committed, and returns its uuid (hex).
 */
export async function resourceOrder(
  db: Db,
  user: TestUser,
  resourceUuid: string,
  input: ResourceOrderInput,
  isStaff = false,
): Promise<string> {
  const actor: Actor = {
    id: user.id,
    uuid: user.uuid,
    username: user.username,
    fullName: user.username,
    isStaff,
    isSupport: false,
  };
  const res = await resourceRow(db, resourceUuid);
  const o = await db.transaction().execute((tx) => createResourceOrder(tx, actor, res.id, input));
  return hexId(o.row.uuid);
}

/** A CREATE order approved by both sides (owner creates, provider owner approves): Basic → done, Slurm → executing. */
export async function approvedOrder(s: TestServer, m: Marketplace, extra: Record<string, unknown> = {}) {
  const o = await createOrder(s, m, m.owner, extra);
  expect(o.state).toBe('pending-provider');
  await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, {});
  return getOrder(s, o.uuid, m.staff);
}
