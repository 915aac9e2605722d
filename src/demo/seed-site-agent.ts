import { pushLogs } from '../modules/site-agent/app/push-logs.js';
import { recordAgentRequest } from '../modules/site-agent/app/record-agent-request.js';
import { registerIdentity } from '../modules/site-agent/app/register-identity.js';
import { registerProcessor } from '../modules/site-agent/app/register-processor.js';
import { registerService } from '../modules/site-agent/app/register-service.js';
import { setServiceStatistics } from '../modules/site-agent/app/set-service-statistics.js';
import { ORDER_LIST_AGENT_TYPES } from '../modules/site-agent/domain/integration-status.js';
import { actorFromUser } from '../platform/auth/actor.js';
import type { Tx } from '../platform/db/database.js';

const VERSION = '0.7.0';

/**
 * One registered site agent for the Slurm offering, as the real agent leaves it after start-up:
 * an identity registered by the offering manager, its order-processing service and processor,
 * a few shipped log lines, and the order poll that marks it as last seen.
 */
export async function seedSiteAgent(tx: Tx, offeringId: number, managerUsername: string): Promise<void> {
  const offering = await tx
    .selectFrom('offerings')
    .select('uuid')
    .where('id', '=', offeringId)
    .executeTakeFirstOrThrow();
  const u = await tx
    .selectFrom('users')
    .select(['id', 'uuid', 'username', 'first_name', 'last_name', 'is_staff', 'is_support'])
    .where('username', '=', managerUsername)
    .executeTakeFirstOrThrow();
  const actor = actorFromUser(u);
  const identityUuid = await registerIdentity(tx, actor, {
    offeringId,
    name: `agent-${offering.uuid}`,
    version: VERSION,
    dependencies: [{ package: 'waldur-api-client', version: '8.1.2' }],
  });
  const identity = await tx
    .selectFrom('site_agent_identities')
    .select('id')
    .where('uuid', '=', identityUuid)
    .executeTakeFirstOrThrow();
  const service = await registerService(tx, identity.id, { name: 'order_process', mode: 'order_process' });
  await setServiceStatistics(tx, service.id, { processed_orders: 2, failed_orders: 0 });
  await registerProcessor(tx, service.id, {
    name: 'OfferingOrderProcessor',
    backendType: 'waldur_site_agent_slurm.backend.SlurmBackend',
    backendVersion: '23.11.4',
  });
  const t = Date.now() / 1000;
  const line = (dt: number, level: string, module: string, message: string) => ({
    identityId: identity.id,
    timestamp: t - dt,
    level,
    module,
    message,
  });
  await pushLogs(tx, [
    line(120, 'INFO', 'waldur_site_agent.main', `Waldur site agent ${VERSION} started in order_process mode`),
    line(90, 'INFO', 'waldur_site_agent.processors', 'Processing offering Nordic HPC Cluster'),
    line(60, 'WARNING', 'waldur_site_agent_slurm.backend', 'sacctmgr answered slowly (4.2 s)'),
    line(30, 'INFO', 'waldur_site_agent.processors', 'No pending orders'),
  ]);
  await recordAgentRequest(
    tx,
    actor,
    { userAgent: `waldur-site-agent-order_process/${VERSION}`, offeringUuids: [offering.uuid] },
    ORDER_LIST_AGENT_TYPES,
  );
}
