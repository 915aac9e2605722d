import { z } from 'zod';
import { LOG_LEVELS, SERVICE_STATES } from '../../domain/agent-states.js';

const ServiceState = z.enum(Object.values(SERVICE_STATES));
const Json = z.record(z.string(), z.unknown());

/** A processor nested in a service. */
export const NestedProcessorOut = z
  .object({
    uuid: z.string(),
    url: z.string(),
    name: z.string(),
    last_run: z.string().nullable(),
    backend_type: z.string(),
    backend_version: z.string().nullable(),
    created: z.string(),
    modified: z.string(),
  })
  .meta({ id: 'NestedAgentProcessor' });

/** A processor (Waldur `AgentProcessor`). */
export const ProcessorOut = NestedProcessorOut.extend({
  service: z.string(),
  service_name: z.string(),
}).meta({ id: 'AgentProcessor' });

/** A service nested in an identity. */
export const NestedServiceOut = z
  .object({
    uuid: z.string(),
    url: z.string(),
    name: z.string(),
    mode: z.string().nullable(),
    state: ServiceState,
    statistics: Json,
    created: z.string(),
    modified: z.string(),
  })
  .meta({ id: 'NestedAgentService' });

/** A service with its processors (Waldur `AgentService`). */
export const ServiceOut = NestedServiceOut.extend({
  identity: z.string(),
  identity_name: z.string(),
  processors: z.array(NestedProcessorOut),
}).meta({ id: 'AgentService' });

/** An identity with its services (Waldur `AgentIdentity`). */
export const IdentityOut = z
  .object({
    uuid: z.string(),
    url: z.string(),
    offering: z.string().meta({ description: 'UUID of the offering.' }),
    offering_name: z.string(),
    created_by: z.string().nullable(),
    name: z.string(),
    version: z.string().nullable(),
    dependencies: z.array(z.object({ package: z.string(), version: z.string() })),
    config_file_path: z.string().nullable(),
    config_file_content: z.string().nullable(),
    last_restarted: z.string(),
    created: z.string(),
    modified: z.string(),
    services: z.array(NestedServiceOut),
  })
  .meta({ id: 'AgentIdentity' });

/** A log line (Waldur `SiteAgentLog`). */
export const LogOut = z
  .object({
    uuid: z.string(),
    offering: z.string().meta({ description: 'Hyperlink of the offering.' }),
    offering_uuid: z.string(),
    agent_identity_uuid: z.string(),
    timestamp: z.number(),
    level: z.enum(LOG_LEVELS),
    message: z.string(),
    module: z.string(),
    created: z.string(),
  })
  .meta({ id: 'SiteAgentLog' });

/** When an agent kind last called in for an offering (Waldur `IntegrationStatusDetails`). */
export const IntegrationStatusOut = z
  .object({
    url: z.string(),
    uuid: z.string(),
    offering: z.string(),
    offering_uuid: z.string(),
    agent_type: z.string(),
    status: z.enum(['Active', 'Disconnected', 'Unknown']),
    service_name: z.string(),
    last_request_timestamp: z.string().nullable(),
  })
  .meta({ id: 'IntegrationStatusDetails' });
