import { z } from 'zod';
import { UuidInput } from '../../../../platform/http/ids.js';
import { LOG_LEVELS, OBSERVABLE_OBJECT_TYPES } from '../../domain/agent-states.js';

/** An ISO 8601 date-time, with or without offset (naive values are UTC, as in Waldur). */
export const DateTimeInput = z.iso
  .datetime({ offset: true, local: true })
  .transform((s) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`))
  .meta({ description: 'ISO 8601 date-time.', type: 'string' });

const UNIX_PATH = /^\/?([^/\0]+\/?)*$/;

const Dependency = z.object({ package: z.string().min(1).max(200), version: z.string().max(100) });

/** Body of `POST /api/marketplace-site-agent-identities/` and of PUT (Waldur `AgentIdentityRequest`). */
export const IdentityBody = z.object({
  offering: UuidInput.meta({ description: 'UUID of an offering with a site-agent compatible type.' }),
  name: z.string().trim().min(1, 'This field may not be blank.').max(150),
  version: z.string().max(100).nullable().optional(),
  dependencies: z.array(Dependency).max(500).optional(),
  config_file_path: z
    .string()
    .max(150)
    .refine((s) => s === '' || UNIX_PATH.test(s), 'Enter a valid Unix path, e.g. /etc/waldur/agent.yaml.')
    .nullable()
    .optional(),
  config_file_content: z.string().max(1_000_000).nullable().optional(),
  last_restarted: DateTimeInput.optional(),
});

/** Body of PATCH: every field optional. */
export const IdentityPatchBody = IdentityBody.partial();

/** Body of `register_service` (Waldur `AgentServiceCreateRequest`). */
export const ServiceBody = z.object({
  name: z.string().trim().min(1, 'This field may not be blank.').max(150),
  mode: z.string().max(100).nullable().optional(),
});

/** Body of `register_processor` (Waldur `AgentProcessorCreateRequest`). */
export const ProcessorBody = z.object({
  name: z.string().trim().min(1, 'This field may not be blank.').max(150),
  backend_type: z.string().trim().min(1, 'This field may not be blank.').max(100),
  backend_version: z.string().max(100).nullable().optional(),
});

/** Body of `set_statistics`. */
export const StatisticsBody = z.object({
  statistics: z
    .record(z.string(), z.unknown())
    .meta({ description: 'Statistics data to be stored for the service' }),
});

/** Body of `register_event_subscription` (Waldur `AgentEventSubscriptionCreateRequest`). */
export const EventSubscriptionBody = z.object({
  observable_object_type: z.enum(OBSERVABLE_OBJECT_TYPES),
  description: z.string().max(500).optional(),
});

/** Body of `register_queue` (Waldur `AgentQueueRegistrationRequest`). */
export const QueueBody = z.object({
  object_types: z.array(z.enum(OBSERVABLE_OBJECT_TYPES)).optional(),
});

/** One entry of `POST /api/marketplace-site-agent-logs/`. */
export const LogEntryBody = z.object({
  agent_identity_uuid: UuidInput,
  timestamp: z.number().finite(),
  level: z.enum(LOG_LEVELS),
  message: z.string().max(100_000),
  module: z.string().max(255),
});

/** Body of `POST /api/marketplace-site-agent-logs/`: a JSON array of entries. */
export const LogsBody = z.array(LogEntryBody).max(5000);
