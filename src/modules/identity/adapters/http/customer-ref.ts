import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { ValidationError } from '../../../../platform/errors.js';
import { uuidFromHyperlink } from '../../../../platform/http/ids.js';
import { type CustomerRow, findVisibleCustomer } from '../pg/customer-repository.js';

/** The organization a body's `customer` hyperlink names, if the caller sees it; else 400 as DRF. */
export async function customerOfBody(tx: Tx, actor: Actor, link: string): Promise<CustomerRow> {
  const customer = await findVisibleCustomer(tx, actor, uuidFromHyperlink(link, 'customers', 'customer'));
  if (!customer) throw ValidationError.field('/body/customer', 'Invalid hyperlink - Object does not exist.');
  return customer;
}
