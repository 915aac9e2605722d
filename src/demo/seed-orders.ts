import { approveByConsumer } from '../modules/orders/app/approve-by-consumer.js';
import { approveByProvider } from '../modules/orders/app/approve-by-provider.js';
import { cancelOrder } from '../modules/orders/app/cancel-order.js';
import { createOrder } from '../modules/orders/app/create-order.js';
import { createResourceOrder } from '../modules/orders/app/create-resource-order.js';
import { rejectByProvider } from '../modules/orders/app/reject-order.js';
import { setStateDone, setStateErred } from '../modules/orders/app/set-order-state.js';
import { recordBackendId } from '../modules/resources/api.js';
import { type Actor, actorFromUser } from '../platform/auth/actor.js';
import type { Tx } from '../platform/db/database.js';

async function actorOf(tx: Tx, username: string): Promise<Actor> {
  const u = await tx
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return actorFromUser(u);
}

async function offeringAndPlan(tx: Tx, name: string) {
  return tx
    .selectFrom('offerings as f')
    .innerJoin('plans as p', 'p.offering_id', 'f.id')
    .select(['f.uuid as offering', 'p.uuid as plan'])
    .where('f.name', '=', name)
    .executeTakeFirstOrThrow();
}

/**
 * Orders and resources in every state, made through the real use cases (so every transition row,
 * attempt and event is there): done, pending consumer, pending provider, executing (a Basic order
 * the provider has yet to mark done, a SLURM order waiting for the agent), an erred SLURM
 * order to retry, a resource stuck in Terminating, canceled, rejected, and a failed OpenStack order.
 */
export async function seedOrders(tx: Tx, projectUuid: string): Promise<void> {
  const [dave, alice, paula, staff] = await Promise.all(
    ['dave', 'alice', 'paula', 'staff'].map((u) => actorOf(tx, u)),
  );
  const order = async (who: Actor, offering: string, name: string, limits: Record<string, number>) => {
    const o = await offeringAndPlan(tx, offering);
    return createOrder(tx, who!, {
      projectUuid,
      offeringUuid: o.offering,
      planUuid: o.plan,
      attributes: { name },
      limits,
    });
  };
  const storage = 'Managed Research Storage';
  const hpc = 'Nordic HPC Cluster';

  // Basic orders stay Executing after approval until the provider marks them done (seed 000).
  const done = await order(dave!, storage, 'genomics-scratch', { storage: 500 });
  await approveByConsumer(tx, alice!, done);
  await approveByProvider(tx, paula!, done, undefined);
  await setStateDone(tx, paula!, done);

  const provisioning = await order(alice!, storage, 'imaging-archive', { storage: 300 });
  await approveByProvider(tx, paula!, provisioning, undefined);

  await order(dave!, storage, 'shared-datasets', { storage: 200 });
  await order(alice!, storage, 'archive-bucket', { storage: 1000 });

  const running = await order(alice!, hpc, 'hpc-allocation', { cpu: 50_000, ram: 100_000 });
  await approveByProvider(tx, paula!, running, undefined);

  const failed = await order(alice!, hpc, 'gpu-allocation', { cpu: 20_000 });
  await approveByProvider(tx, paula!, failed, undefined);
  await setStateErred(
    tx,
    staff!,
    failed,
    'sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified',
    'Traceback (most recent call last):\n  File "waldur_site_agent/backend/slurm.py", line 212, in create_account\n    raise BackendError(stderr)\nBackendError: Invalid account or account/partition combination specified',
  );

  const legacy = await order(alice!, hpc, 'legacy-cluster-account', { cpu: 10_000 });
  await approveByProvider(tx, paula!, legacy, undefined);
  await setStateDone(tx, staff!, legacy);
  const resource = await tx
    .selectFrom('orders')
    .select('resource_id')
    .where('id', '=', legacy)
    .executeTakeFirstOrThrow();
  await recordBackendId(tx, resource.resource_id, 'legacy_acct_0042');
  const terminate = await createResourceOrder(tx, alice!, resource.resource_id, { type: 'Terminate' });
  // The provider approves, the site agent never confirms: the resource stays in Terminating (seed 001).
  if (terminate.state === 'pending-provider')
    await approveByProvider(tx, paula!, terminate.row.id, undefined);

  const canceled = await order(dave!, 'Expert Support', 'consulting-hours', {});
  await cancelOrder(tx, dave!, canceled, 'Requested by mistake');

  const rejected = await order(alice!, storage, 'oversized-bucket', { storage: 90_000 });
  await rejectByProvider(tx, paula!, rejected, 'This exceeds the storage we can provision this quarter.');

  await order(alice!, 'OpenStack Project', 'openstack-project', { cores: 8, ram: 16384, storage: 200 });
}
