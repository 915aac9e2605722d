import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { isUniqueViolation } from '../../../platform/db/pg-errors.js';
import { ForbiddenError, ValidationError } from '../../../platform/errors.js';
import type { CustomerRow } from '../adapters/pg/customer-repository.js';
import { insertCustomer, updateCustomerRow } from '../adapters/pg/organization-writes.js';
import { Permission } from '../domain/permissions.js';
import { slugify } from '../domain/slug.js';
import { authorize, requireStaff } from './access.js';

/** Fields of an organization. */
export interface CustomerInput {
  name: string;
  slug?: string | undefined;
  abbreviation?: string | undefined;
  native_name?: string | undefined;
  email?: string | undefined;
  backend_id?: string | undefined;
  blocked?: boolean | undefined;
  archived?: boolean | undefined;
}

/** Awaits a write of an organization, turning a clash on its slug into a 400 on `slug`. */
async function orSlugTaken(write: Promise<CustomerRow>): Promise<CustomerRow> {
  try {
    return await write;
  } catch (err) {
    throw isUniqueViolation(err, 'customers_slug_key')
      ? ValidationError.field(
          '/body/slug',
          'An organization with this slug already exists.',
          'customer.duplicate_slug',
        )
      : err;
  }
}

/** Creates an organization (staff only, as in Waldur's default `OWNER_CAN_MANAGE_CUSTOMER=False`). */
export async function createCustomer(tx: Tx, actor: Actor, input: CustomerInput): Promise<CustomerRow> {
  requireStaff(actor);
  const slug = input.slug ?? (await uniqueSlug(tx, 'customers', slugify(input.name)));
  return orSlugTaken(insertCustomer(tx, { ...input, slug }));
}

/** Gate of organization edits, checked before the body is read (403 before 400). */
export function authorizeCustomerUpdate(tx: Tx, actor: Actor, customer: CustomerRow): Promise<void> {
  return authorize(tx, actor, Permission.CUSTOMER_UPDATE, [{ type: 'customer', id: customer.id }]);
}

/**
 * Edits an organization (after {@link authorizeCustomerUpdate}): owners edit its details; only staff
 * block, archive or change its slug.
 */
export async function updateCustomer(
  tx: Tx,
  actor: Actor,
  customer: CustomerRow,
  changes: Partial<CustomerInput>,
): Promise<CustomerRow> {
  const staffOnly = (['blocked', 'archived', 'slug', 'backend_id'] as const).filter(
    (f) => changes[f] !== undefined && changes[f] !== customer[f],
  );
  if (staffOnly.length > 0 && !actor.isStaff) {
    throw new ForbiddenError('staff_only_field', `Only staff can change: ${staffOnly.join(', ')}.`);
  }
  return orSlugTaken(updateCustomerRow(tx, customer.id, changes));
}

/**
 * A slug not yet taken in `table`: the base, else base-2, base-3… (one query for the taken ones).
 */
export async function uniqueSlug(tx: Tx, table: 'customers' | 'projects', base: string): Promise<string> {
  const taken = new Set(
    (
      await tx
        .selectFrom(table)
        .select('slug')
        .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
        .execute()
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
