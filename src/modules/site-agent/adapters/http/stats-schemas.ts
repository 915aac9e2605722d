import { z } from 'zod';

/** Waldur `AgentStatsResponse`. */
export const AgentStatsOut = z
  .object({
    identities: z.object({
      total: z.number().int(),
      by_offering: z.array(
        // Waldur's keys are Django `values()` lookups, hence the double underscores.
        z.object({ offering__name: z.string(), offering__uuid: z.string(), count: z.number().int() }),
      ),
    }),
    services: z.object({
      total: z.number().int(),
      by_state: z.object({ active: z.number().int(), idle: z.number().int(), error: z.number().int() }),
      stale_count: z.number().int(),
    }),
    processors: z.object({
      total: z.number().int(),
      by_backend_type: z.array(z.object({ backend_type: z.string().nullable(), count: z.number().int() })),
      stale_count: z.number().int(),
    }),
  })
  .meta({ id: 'AgentStatsResponse' });

/** Waldur `AgentTaskStatsResponse`. */
export const TaskStatsOut = z
  .object({
    active_tasks: z.array(z.record(z.string(), z.unknown())),
    scheduled_tasks: z.array(z.record(z.string(), z.unknown())),
    reserved_tasks: z.array(z.record(z.string(), z.unknown())),
    error: z.string().optional(),
  })
  .meta({ id: 'AgentTaskStatsResponse' });

/** Waldur `AgentConnectionStatsResponse` (no broker: nothing is ever connected or queued). */
export const ConnectionStatsOut = z
  .object({
    agents: z.array(
      z.object({
        uuid: z.string(),
        name: z.string(),
        offering_uuid: z.string(),
        offering_name: z.string(),
        version: z.string().nullable(),
        last_restarted: z.string(),
        services: z.array(
          z.object({ uuid: z.string(), name: z.string(), state: z.string(), modified: z.string() }),
        ),
        event_subscriptions: z.array(z.record(z.string(), z.unknown())),
        queues: z.array(z.record(z.string(), z.unknown())),
      }),
    ),
    summary: z.object({
      total_agents: z.number().int(),
      connected_agents: z.number().int(),
      disconnected_agents: z.number().int(),
      total_queued_messages: z.number().int(),
    }),
  })
  .meta({ id: 'AgentConnectionStatsResponse' });
