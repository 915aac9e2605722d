import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/platform/db/database.js';
import {
  grant,
  makeCustomer,
  makeProject,
  makeServiceProvider,
  makeUser,
  type TestUser,
} from './factories.js';

const tag = () => randomBytes(4).toString('hex');

/**
 * Basic offerings made by the factories complete orders at approval (`auto_complete_on_approval`,
 * Waldur's Basic processor), explicitly: most tests are about routing and rules, not about the
 * provider marking orders done. Pass `{ auto_complete_on_approval: false }` (or any Basic offering
 * made through the API) for Orderly's default, where the order stays Executing until set_state_done.
 */
export function factoryPluginOptions(
  type: string,
  given: Record<string, unknown> = {},
): Record<string, unknown> {
  return type === 'Marketplace.Basic' ? { auto_complete_on_approval: true, ...given } : given;
}

/** An offering row created directly (Active unless told otherwise), with one plan and a cpu limit component. */
export async function makeOffering(
  db: Db,
  customerId: number,
  opts: { type?: string; state?: number; shared?: boolean; pluginOptions?: Record<string, unknown> } = {},
) {
  const category =
    (await db.selectFrom('offering_categories').select('id').executeTakeFirst()) ??
    (await db
      .insertInto('offering_categories')
      .values({ title: 'Compute' })
      .returning('id')
      .executeTakeFirstOrThrow());
  const offering = await db
    .insertInto('offerings')
    .values({
      customer_id: customerId,
      category_id: category.id,
      name: `Offering ${tag()}`,
      slug: `offering-${tag()}`,
      type: opts.type ?? 'Marketplace.Basic',
      state: opts.state ?? 2,
      shared: opts.shared ?? true,
      plugin_options: factoryPluginOptions(opts.type ?? 'Marketplace.Basic', opts.pluginOptions),
    })
    .returning(['id', 'uuid', 'type'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('offering_components')
    .values({ offering_id: offering.id, type: 'cpu', name: 'CPU', billing_type: 'limit', max_value: 1000 })
    .execute();
  const plan = await db
    .insertInto('plans')
    .values({ offering_id: offering.id, name: 'Default', unit_price: '10' })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
  return { ...offering, plan };
}

/** The cast of an order test: a consumer organization with a project, a provider with an offering, and users in every role. */
export interface Marketplace {
  staff: TestUser;
  support: TestUser;
  owner: TestUser;
  customerManager: TestUser;
  projectAdmin: TestUser;
  projectManager: TestUser;
  projectMember: TestUser;
  offeringManager: TestUser;
  providerOwner: TestUser;
  outsider: TestUser;
  customer: { id: number; uuid: string };
  project: { id: number; uuid: string };
  provider: { id: number; uuid: string };
  offering: Awaited<ReturnType<typeof makeOffering>>;
}

/** Builds a {@link Marketplace} whose offering has the given type. */
export async function makeMarketplace(
  db: Db,
  type = 'Marketplace.Basic',
  pluginOptions: Record<string, unknown> = {},
): Promise<Marketplace> {
  const customer = await makeCustomer(db);
  const project = await makeProject(db, customer.id);
  const provider = await makeCustomer(db);
  await makeServiceProvider(db, provider.id);
  const offering = await makeOffering(db, provider.id, { type, pluginOptions });
  const [
    staff,
    support,
    owner,
    customerManager,
    projectAdmin,
    projectManager,
    projectMember,
    offeringManager,
    providerOwner,
    outsider,
  ] = await Promise.all([
    makeUser(db, { staff: true }),
    makeUser(db, { support: true }),
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
  ]);
  await grant(db, owner.id, 'CUSTOMER.OWNER', { type: 'customer', id: customer.id });
  await grant(db, customerManager.id, 'CUSTOMER.MANAGER', { type: 'customer', id: provider.id });
  await grant(db, projectAdmin.id, 'PROJECT.ADMIN', { type: 'project', id: project.id });
  await grant(db, projectManager.id, 'PROJECT.MANAGER', { type: 'project', id: project.id });
  await grant(db, projectMember.id, 'PROJECT.MEMBER', { type: 'project', id: project.id });
  await grant(db, offeringManager.id, 'OFFERING.MANAGER', { type: 'offering', id: offering.id });
  await grant(db, providerOwner.id, 'CUSTOMER.OWNER', { type: 'customer', id: provider.id });
  return {
    staff,
    support,
    owner,
    customerManager,
    projectAdmin,
    projectManager,
    projectMember,
    offeringManager,
    providerOwner,
    outsider,
    customer,
    project,
    provider,
    offering,
  };
}

/** The order-create body for a marketplace's project and offering. */
export function orderBody(base: string, m: Marketplace, extra: Record<string, unknown> = {}) {
  const o = m.offering.uuid.replace(/-/g, '');
  return {
    project: `${base}/api/projects/${m.project.uuid.replace(/-/g, '')}/`,
    offering: `${base}/api/marketplace-public-offerings/${o}/`,
    plan: `${base}/api/marketplace-public-offerings/${o}/plans/${m.offering.plan.uuid.replace(/-/g, '')}/`,
    attributes: { name: `res-${tag()}` },
    limits: { cpu: 2 },
    ...extra,
  };
}
