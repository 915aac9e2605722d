import { randomBytes } from 'node:crypto';
import {
  type ComponentInput,
  insertComponents,
} from '../../src/modules/offerings/adapters/pg/component-repository.js';
import { insertPlan, type PlanInput } from '../../src/modules/offerings/adapters/pg/plan-repository.js';
import {
  OFFERING_STATE_CODES,
  type OfferingState,
  OfferingType,
} from '../../src/modules/offerings/domain/offering-type.js';
import type { Db } from '../../src/platform/db/database.js';
import { factoryPluginOptions } from './order-factories.js';

const unique = (p: string) => `${p}-${process.pid}-${randomBytes(3).toString('hex')}`;

/** Creates an offering category. */
export function makeCategory(db: Db, title = unique('Category')) {
  return db
    .insertInto('offering_categories')
    .values({ title })
    .returning(['id', 'uuid', 'title'])
    .executeTakeFirstOrThrow();
}

/** Options of {@link makeOffering}. */
export interface OfferingOptions {
  name?: string;
  type?: string;
  state?: OfferingState;
  shared?: boolean;
  categoryId?: number;
  components?: ComponentInput[];
  /** Plans to create; by default one monthly plan with no component prices. */
  plans?: PlanInput[];
  pluginOptions?: Record<string, unknown>;
  secretOptions?: Record<string, unknown>;
}

/** Creates an offering of an organization directly (bypassing the API), with components and plans. */
export async function makeOffering(db: Db, customerId: number, opts: OfferingOptions = {}) {
  const categoryId = opts.categoryId ?? (await makeCategory(db)).id;
  const name = opts.name ?? unique('Offering');
  const offering = await db
    .insertInto('offerings')
    .values({
      customer_id: customerId,
      category_id: categoryId,
      name,
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      type: opts.type ?? OfferingType.BASIC,
      state: OFFERING_STATE_CODES[opts.state ?? 'Active'],
      shared: opts.shared ?? true,
      // Basic: auto_complete_on_approval on unless told otherwise (see factoryPluginOptions).
      plugin_options: factoryPluginOptions(opts.type ?? OfferingType.BASIC, opts.pluginOptions),
      secret_options: opts.secretOptions ?? {},
    })
    .returning(['id', 'uuid', 'name', 'customer_id'])
    .executeTakeFirstOrThrow();
  const { plans, components } = await db.transaction().execute(async (tx) => {
    const rows = await insertComponents(tx, offering.id, opts.components ?? []);
    const made: { id: number; uuid: string }[] = [];
    for (const p of opts.plans ?? [{ name: 'Default' }])
      made.push(await insertPlan(tx, offering.id, p, rows));
    return { plans: made, components: rows };
  });
  return { ...offering, plans, components };
}

/** Standard limit components: cpu (cores), ram (GB), storage (GB). */
export const VM_COMPONENTS: ComponentInput[] = [
  { type: 'cpu', name: 'CPU', billing_type: 'limit', measured_unit: 'cores', min_value: 1, max_value: 64 },
  { type: 'ram', name: 'RAM', billing_type: 'limit', measured_unit: 'GB' },
  { type: 'storage', name: 'Storage', billing_type: 'limit', measured_unit: 'GB' },
];
