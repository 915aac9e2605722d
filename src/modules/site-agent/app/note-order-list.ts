import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import {
  isSiteAgent,
  ORDER_LIST_AGENT_TYPES,
  RESOURCE_LIST_AGENT_TYPES,
} from '../domain/integration-status.js';
import { recordAgentRequest } from './record-agent-request.js';

/** Which list an agent polled: orders (order and event processing) or resources (usage reporting). */
export type PolledList = 'orders' | 'resources';

const AGENT_TYPES_BY_LIST = { orders: ORDER_LIST_AGENT_TYPES, resources: RESOURCE_LIST_AGENT_TYPES };

/**
 * The list routes' hook into this module: a site agent listing its offering's orders or resources
 * counts as that offering's agents of the matching kinds being seen now (Waldur's integration status).
 */
export function noteAgentListRequest(
  tx: Tx,
  actor: Actor,
  list: PolledList,
  userAgent: string | undefined,
  offeringUuids: readonly string[] | undefined,
): Promise<void> {
  return recordAgentRequest(
    tx,
    actor,
    { userAgent, offeringUuids: offeringUuids ?? [] },
    AGENT_TYPES_BY_LIST[list],
  );
}

/**
 * The transaction a polled list needs: a site agent's request may record the agent as seen (write);
 * anyone else's is a plain read, served by the read pool without BEGIN/COMMIT round trips.
 */
export function listTxMode(userAgent: string | undefined): 'read' | 'write' {
  return isSiteAgent(userAgent) ? 'write' : 'read';
}
