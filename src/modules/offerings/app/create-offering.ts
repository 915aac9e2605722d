import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../../platform/errors.js';
import type { CustomerRow } from '../../identity/api.js';
import { authorize } from '../../identity/app/access.js';
import { checkCustomerUsable } from '../../identity/app/manage-projects.js';
import { Permission } from '../../identity/domain/permissions.js';
import { slugify } from '../../identity/domain/slug.js';
import type { CategoryRow } from '../adapters/pg/category-repository.js';
import { type ComponentInput, insertComponents } from '../adapters/pg/component-repository.js';
import { uniqueOfferingSlug } from '../adapters/pg/offering-repository.js';
import { insertOffering } from '../adapters/pg/offering-writes.js';
import { insertPlan, type PlanInput } from '../adapters/pg/plan-repository.js';
import type { OfferingType } from '../domain/offering-type.js';
import { checkPluginOptions } from '../domain/plugin-options.js';
import { checkPlanComponentTypes } from './plan-prices.js';

/** Fields of a new offering (Waldur `OfferingCreateRequest`), hyperlinks already resolved. */
export interface OfferingInput {
  name: string;
  type: OfferingType;
  description?: string | undefined;
  shared?: boolean | undefined;
  billable?: boolean | undefined;
  backend_id?: string | undefined;
  plugin_options?: Record<string, unknown> | undefined;
  secret_options?: Record<string, unknown> | undefined;
  options?: Record<string, unknown> | undefined;
  resource_options?: Record<string, unknown> | undefined;
  components?: ComponentInput[] | undefined;
  plans?: PlanInput[] | undefined;
}

/** Only staff write `secret_options`: it holds script bodies and remote credentials. */
export function checkSecretOptionsWriter(actor: Actor, secret: unknown): void {
  if (secret !== undefined && !actor.isStaff) {
    throw new ForbiddenError('offering.secret_options_staff_only', 'Only staff can set secret_options.');
  }
}

async function checkServiceProvider(tx: Tx, customerId: number): Promise<void> {
  const sp = await tx
    .selectFrom('service_providers')
    .select('id')
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  if (!sp) {
    throw ValidationError.field(
      '/body/customer',
      'The organization is not a registered service provider.',
      'offering.not_service_provider',
    );
  }
}

function checkComponentTypes(components: readonly ComponentInput[]): Set<string> {
  const types = new Set<string>();
  for (const c of components) {
    if (types.has(c.type)) {
      throw ValidationError.field(
        '/body/components',
        `Component type ${c.type} is listed twice.`,
        'offering.duplicate_component',
      );
    }
    types.add(c.type);
  }
  return types;
}

/**
 * Creates an offering in state Draft with its components and plans (staff, or OFFERING.CREATE on the
 * organization, which must be a service provider); returns the new offering's ids.
 */
export async function createOffering(
  tx: Tx,
  actor: Actor,
  customer: CustomerRow,
  category: CategoryRow,
  input: OfferingInput,
): Promise<{ id: number; uuid: string }> {
  await authorize(tx, actor, Permission.OFFERING_CREATE, [{ type: 'customer', id: customer.id }]);
  checkSecretOptionsWriter(actor, input.secret_options);
  checkPluginOptions(input.type, input.plugin_options);
  checkCustomerUsable(customer);
  await checkServiceProvider(tx, customer.id);
  const { components = [], plans = [], ...fields } = input;
  const types = checkComponentTypes(components);
  plans.forEach((p, i) => {
    checkPlanComponentTypes(p, types, `/body/plans/${i}`);
  });
  const offering = await insertOffering(tx, {
    ...fields,
    customer_id: customer.id,
    category_id: category.id,
    slug: await uniqueOfferingSlug(tx, slugify(input.name)),
  });
  const rows = await insertComponents(tx, offering.id, components);
  for (const p of plans) await insertPlan(tx, offering.id, p, rows);
  return offering;
}
