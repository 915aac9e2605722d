import { type LockedOrder, lockOrder } from '../../modules/orders/app/lock-order.js';
import { lockTenant, type TenantRow } from '../../modules/tenants/adapters/pg/tenant-repository.js';
import { inTransaction, type Tx } from '../../platform/db/database.js';
import type { SagaDeps } from './deps.js';
import { LockLostError } from './errors.js';
import type { Lease } from './lease.js';

/**
 * Runs `fn` in one transaction that first proves this execution still holds the tenant's lock
 * (§7 fencing): the lock row must carry the lease's token, and is row-locked until commit, so a
 * concurrent Reset waits for us or we see its delete. Lock order: order (when asked) → resource →
 * tenant → lock row, the same everywhere. Zero rows → {@link LockLostError}, nothing written.
 */
export async function fenced<T>(
  deps: SagaDeps,
  lease: Lease,
  fn: (tx: Tx, t: TenantRow, order: LockedOrder | undefined) => Promise<T>,
  opts: { lockOrder?: boolean } = {},
): Promise<T> {
  return inTransaction(deps.db, async (tx) => {
    const order = opts.lockOrder ? await lockOrder(tx, lease.orderId) : undefined;
    const t = await lockTenant(tx, lease.tenantId);
    const held = await tx
      .selectFrom('tenant_locks')
      .select('token')
      .where('tenant_id', '=', lease.tenantId)
      .where('token', '=', lease.token)
      .forUpdate()
      .executeTakeFirst();
    if (!held) throw new LockLostError(lease.tenantId);
    return fn(tx, t, order);
  });
}
