import type { Tx } from '../../../platform/db/database.js';
import { InvalidStateError } from '../../../platform/errors.js';
import { creationOrderState } from '../adapters/pg/tenant-lookup.js';

/** 409 unless the creation order is erred: a tenant's provisioning is retried through that order. */
export async function assertCreationOrderErred(tx: Tx, creationOrderId: number): Promise<void> {
  if ((await creationOrderState(tx, creationOrderId)) !== 'erred') {
    throw new InvalidStateError('order.invalid_state', 'Valid states for operation: erred.');
  }
}
