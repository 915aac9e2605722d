import { randomBytes } from 'node:crypto';
import { ORDER_STATE_CODES, type OrderState } from '../../src/modules/orders/domain/order-state.js';
import { ORDER_TYPE_CODES, type OrderType } from '../../src/modules/orders/domain/order-type.js';
import {
  RESOURCE_STATE_CODES,
  type ResourceState,
} from '../../src/modules/resources/domain/resource-state.js';
import type { Db } from '../../src/platform/db/database.js';
import type { Marketplace } from './order-factories.js';

const tag = () => randomBytes(4).toString('hex');

/** Waldur's hex form of a dashed uuid (what the API returns). */
export const hexOf = (uuid: string) => uuid.replace(/-/g, '');

/** A resource row as tests refer to it. */
export interface TestResource {
  id: number;
  uuid: string;
  hex: string;
  name: string;
}

/** Options of {@link makeResource}. */
export interface ResourceOptions {
  state?: ResourceState;
  backendId?: string;
  name?: string;
  limits?: Record<string, number>;
  errorMessage?: string;
  errorTraceback?: string;
  /** The CREATE order that made it (default: a done one, as after normal provisioning). */
  creation?: OrderState | null;
}

/** A resource of the marketplace's offering and project, inserted directly (default state OK). */
export async function makeResource(
  db: Db,
  m: Marketplace,
  opts: ResourceOptions = {},
): Promise<TestResource> {
  const name = opts.name ?? `res-${tag()}`;
  const r = await db
    .insertInto('resources')
    .values({
      offering_id: m.offering.id,
      project_id: m.project.id,
      plan_id: m.offering.plan.id,
      name,
      slug: name,
      state: RESOURCE_STATE_CODES[opts.state ?? 'OK'],
      backend_id: opts.backendId ?? '',
      attributes: { name },
      limits: opts.limits ?? { cpu: 2 },
      error_message: opts.errorMessage ?? '',
      error_traceback: opts.errorTraceback ?? '',
    })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
  const res = { id: r.id, uuid: r.uuid, hex: hexOf(r.uuid), name };
  if (opts.creation !== null) await makeOrder(db, m, res, { type: 'Create', state: opts.creation ?? 'done' });
  return res;
}

/** An order of a resource in a given type and state, inserted directly (e.g. a stuck Terminate). */
export async function makeOrder(
  db: Db,
  m: Marketplace,
  resource: TestResource,
  opts: { type: OrderType; state: OrderState; attributes?: Record<string, unknown> },
) {
  const o = await db
    .insertInto('orders')
    .values({
      resource_id: resource.id,
      offering_id: m.offering.id,
      project_id: m.project.id,
      plan_id: m.offering.plan.id,
      type: ORDER_TYPE_CODES[opts.type],
      state: ORDER_STATE_CODES[opts.state],
      attributes: opts.attributes ?? { name: resource.name },
      limits: { cpu: 2 },
      created_by: m.owner.id,
      error_message: opts.state === 'erred' ? 'Backend failed.' : '',
    })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
  return { id: o.id, uuid: o.uuid, hex: hexOf(o.uuid) };
}

/** The resource's current row (state code and fields tests inspect). */
export function resourceRow(db: Db, id: number) {
  return db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
