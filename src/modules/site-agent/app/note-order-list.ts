import type { Tx } from '../../../platform/db/database.js';
import type { Actor } from '../../identity/domain/actor.js';
import { ORDER_LIST_AGENT_TYPES, RESOURCE_LIST_AGENT_TYPES } from '../domain/integration-status.js';
import { recordAgentRequest } from './record-agent-request.js';

/**
 * The order list's hook into this module: a site agent listing its offering's orders counts as
 * the offering's order-processing and event-processing agents being seen now.
 */
export function noteOrderListRequest(
  tx: Tx,
  actor: Actor,
  userAgent: string | undefined,
  offeringUuids: readonly string[] | undefined,
): Promise<void> {
  return recordAgentRequest(
    tx,
    actor,
    { userAgent, offeringUuids: offeringUuids ?? [] },
    ORDER_LIST_AGENT_TYPES,
  );
}

/**
 * The resource lists' hook: a site agent listing its offering's resources (its usage reporting
 * loop does) counts as the offering's usage-reporting agent being seen now.
 */
export function noteResourceListRequest(
  tx: Tx,
  actor: Actor,
  userAgent: string | undefined,
  offeringUuids: readonly string[] | undefined,
): Promise<void> {
  return recordAgentRequest(
    tx,
    actor,
    { userAgent, offeringUuids: offeringUuids ?? [] },
    RESOURCE_LIST_AGENT_TYPES,
  );
}
