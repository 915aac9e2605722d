/**
 * Integration status (Waldur `IntegrationStatus`): which agent kinds an agent request counts for,
 * and how a request is recognised as coming from a site agent.
 */

/** Agent kinds (Waldur `AgentTypeEnum`); listing orders counts for the first two. */
export const AGENT_TYPES = {
  ORDER_PROCESSING: 'Order processing',
  EVENT_PROCESSING: 'Event processing',
  USAGE_REPORTING: 'Usage reporting',
  GLAUTH_SYNC: 'Glauth sync',
  RESOURCE_SYNC: 'Resource sync',
} as const;

/** An agent kind label. */
export type AgentType = (typeof AGENT_TYPES)[keyof typeof AGENT_TYPES];

/** Agent kinds an order list or retrieve by an agent marks as seen (Waldur's order view). */
export const ORDER_LIST_AGENT_TYPES: readonly AgentType[] = [
  AGENT_TYPES.ORDER_PROCESSING,
  AGENT_TYPES.EVENT_PROCESSING,
];

/** Agent kinds a resource list by an agent marks as seen (Waldur's resource views: usage reporting). */
export const RESOURCE_LIST_AGENT_TYPES: readonly AgentType[] = [AGENT_TYPES.USAGE_REPORTING];

/** Whether a `User-Agent` header is a Waldur site agent's (`waldur-site-agent-<mode>/<version>`). */
export function isSiteAgent(userAgent: string | undefined): boolean {
  return (userAgent ?? '').includes('waldur-site-agent');
}
