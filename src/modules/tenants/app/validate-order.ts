import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { OfferingType } from '../../offerings/domain/offering-type.js';
import { orderStateToCode, PENDING_STATES } from '../../orders/domain/order-state.js';
import { orderTypeToCode } from '../../orders/domain/order-type.js';
import { slugTaken } from '../domain/errors.js';
import { isValidBaseDomain, tenantOfferingOptions } from '../domain/offering-options.js';
import { isValidEmail, slugProblem } from '../domain/slug.js';

/** The tenant attributes of a CREATE order (tenant spec §2). */
export interface TenantAttributes {
  name: string;
  slug: string;
  adminEmail: string;
}

const field = (name: string, detail: string, code: string) =>
  ValidationError.field(`/body/attributes/${name}`, detail, code);

/** Reads and checks the attributes without touching the database (slug rules, e-mail). */
export function tenantAttributes(
  attributes: Record<string, unknown>,
  pluginOptions: Record<string, unknown>,
): TenantAttributes {
  const opts = tenantOfferingOptions(pluginOptions);
  if (!isValidBaseDomain(opts.baseDomain)) {
    throw new ValidationError(
      `The offering's base_domain '${opts.baseDomain}' is not a valid domain.`,
      [],
      'tenant.invalid_configuration',
    );
  }
  const slug = typeof attributes.slug === 'string' ? attributes.slug : '';
  if (!slug) throw field('slug', 'This field is required.', 'tenant.slug_required');
  const problem = slugProblem(slug, opts.reservedSlugs);
  if (problem) throw field('slug', problem, 'tenant.invalid_slug');
  const adminEmail = typeof attributes.admin_email === 'string' ? attributes.admin_email : '';
  if (!isValidEmail(adminEmail))
    throw field('admin_email', 'Enter a valid email address.', 'tenant.invalid_email');
  const name = typeof attributes.name === 'string' && attributes.name ? attributes.name : slug;
  return { name, slug, adminEmail };
}

/** Whether a live tenant holds the slug or a pending CREATE order of a tenant offering asks for it. */
export async function slugInUse(tx: Tx, slug: string, exceptOrderId?: number): Promise<boolean> {
  const live = await tx
    .selectFrom('tenants')
    .select('id')
    .where('slug', '=', slug)
    .where('state', '<>', 'Decommissioned')
    .executeTakeFirst();
  if (live) return true;
  let pending = tx
    .selectFrom('orders as o')
    .innerJoin('offerings as f', 'f.id', 'o.offering_id')
    .select('o.id')
    .where('f.type', '=', OfferingType.ORDERLY_TENANT)
    .where('o.type', '=', orderTypeToCode('Create'))
    .where('o.state', 'in', [...PENDING_STATES].map(orderStateToCode))
    .where((eb) => eb(eb.ref('o.attributes', '->>').key('slug'), '=', slug));
  if (exceptOrderId !== undefined) pending = pending.where('o.id', '<>', exceptOrderId);
  return (await pending.executeTakeFirst()) !== undefined;
}

/**
 * The processor's `validate_order` for CREATE orders of `Orderly.Tenant` (§2, 400): a plan, slug
 * rules, the slug free among live tenants and pending orders, a valid admin e-mail.
 */
export async function validateTenantOrder(
  tx: Tx,
  input: {
    planId: number | null;
    attributes: Record<string, unknown>;
    pluginOptions: Record<string, unknown>;
  },
): Promise<void> {
  if (input.planId === null)
    throw ValidationError.field('/body/plan', 'A plan is required for tenants.', 'tenant.plan_required');
  const a = tenantAttributes(input.attributes, input.pluginOptions);
  if (await slugInUse(tx, a.slug)) throw slugTaken(a.slug);
}
