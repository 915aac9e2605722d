import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { can } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';
import { upsertIntegrationStatus } from '../adapters/pg/agent-upkeep-writes.js';
import { type AgentType, isSiteAgent } from '../domain/integration-status.js';

/** A request that may come from a site agent: its `User-Agent` and the offerings it names. */
export interface AgentRequest {
  userAgent: string | undefined;
  offeringUuids: readonly string[];
}

/**
 * Marks an offering's agent as last seen (Waldur `refresh_integration_agent_status`): only for a
 * `waldur-site-agent` user agent naming the offering, and only when the caller manages it (anyone
 * else listing orders leaves no trace). Everything else is silently skipped, never an error.
 */
export async function recordAgentRequest(
  tx: Tx,
  actor: Actor,
  request: AgentRequest,
  agentTypes: readonly AgentType[],
): Promise<void> {
  if (!isSiteAgent(request.userAgent) || request.offeringUuids.length === 0) return;
  const offerings = await tx
    .selectFrom('offerings')
    .select(['id', 'customer_id'])
    .where('uuid', 'in', [...request.offeringUuids])
    .execute();
  const now = new Date();
  for (const o of offerings) {
    const scopes = [
      { type: 'customer' as const, id: o.customer_id },
      { type: 'offering' as const, id: o.id },
    ];
    if (!(await can(tx, actor, Permission.OFFERING_UPDATE, scopes))) continue;
    for (const agentType of agentTypes) {
      await upsertIntegrationStatus(tx, o.id, agentType, request.userAgent ?? '', now);
    }
  }
}
