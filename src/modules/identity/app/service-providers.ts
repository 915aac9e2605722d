import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { isUniqueViolation } from '../../../platform/db/pg-errors.js';
import { ValidationError } from '../../../platform/errors.js';
import type { CustomerRow } from '../adapters/pg/customer-repository.js';
import { insertServiceProvider } from '../adapters/pg/organization-writes.js';
import { Permission } from '../domain/permissions.js';
import { authorize } from './access.js';
import { checkCustomerUsable } from './manage-projects.js';

/** Registers an organization as a service provider (staff or its owner); one per organization. */
export async function registerServiceProvider(
  tx: Tx,
  actor: Actor,
  customer: CustomerRow,
  input: { description?: string | undefined; enable_notifications?: boolean | undefined },
) {
  await authorize(tx, actor, Permission.SERVICE_PROVIDER_REGISTER, [{ type: 'customer', id: customer.id }]);
  checkCustomerUsable(customer);
  try {
    return await insertServiceProvider(tx, { ...input, customer_id: customer.id });
  } catch (err) {
    throw isUniqueViolation(err, 'service_providers_customer_id_key')
      ? ValidationError.field(
          '/body/customer',
          'This organization is already a service provider.',
          'service_provider.exists',
        )
      : err;
  }
}
