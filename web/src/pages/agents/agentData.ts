import { api, unwrap, unwrapPage } from '../../api/client.js';
import type {
  AgentIdentity,
  AgentProcessor,
  IntegrationStatus,
  ProviderOffering,
  SiteAgentLog,
} from '../../api/types.js';

/** Everything the Agents view of one offering shows. */
export interface OfferingAgents {
  offering: ProviderOffering;
  identities: AgentIdentity[];
  processors: AgentProcessor[];
  logs: SiteAgentLog[];
  logCount: number;
  statuses: IntegrationStatus[];
}

/** How many recent log lines the view shows. */
export const RECENT_LOGS = 25;

/** Loads an offering's agents, processors, recent logs and integration statuses in parallel. */
export async function loadOfferingAgents(uuid: string): Promise<OfferingAgents> {
  const query = { offering_uuid: uuid, page_size: 100 };
  const [offering, identities, processors, logs, statuses] = await Promise.all([
    unwrap(api.GET('/api/marketplace-provider-offerings/{uuid}/', { params: { path: { uuid } } })),
    unwrapPage<AgentIdentity>(api.GET('/api/marketplace-site-agent-identities/', { params: { query } })),
    unwrapPage<AgentProcessor>(api.GET('/api/marketplace-site-agent-processors/', { params: { query } })),
    unwrapPage<SiteAgentLog>(
      api.GET('/api/marketplace-site-agent-logs/', {
        params: { query: { offering_uuid: uuid, page_size: RECENT_LOGS } },
      }),
    ),
    unwrapPage<IntegrationStatus>(
      api.GET('/api/marketplace-integration-statuses/', { params: { query: { offering_uuid: uuid } } }),
    ),
  ]);
  return {
    offering,
    identities: identities.items,
    processors: processors.items,
    logs: logs.items,
    logCount: logs.count,
    statuses: statuses.items,
  };
}

/** The latest time any agent kind called in, or null when none ever did. */
export function lastSeen(statuses: IntegrationStatus[]): string | null {
  let best: string | null = null;
  for (const s of statuses) {
    if (s.last_request_timestamp && (!best || s.last_request_timestamp > best))
      best = s.last_request_timestamp;
  }
  return best;
}
