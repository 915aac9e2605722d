import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { type Actor, seesEverything } from '../../../../platform/auth/actor.js';
import { ForbiddenError } from '../../../../platform/errors.js';
import { hex } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { serviceStateLabel } from '../../domain/agent-states.js';
import { agentStats, agentsWithServices } from '../pg/stats-queries.js';
import { AgentStatsOut, ConnectionStatsOut, TaskStatsOut } from './stats-schemas.js';

const tags = ['marketplace-site-agent-stats'];

/** Waldur's `IsSupport`: global support and staff only. */
function requireSupport(actor: Actor): void {
  if (!seesEverything(actor))
    throw new ForbiddenError('support_only', 'Only support and staff can see agent statistics.');
}

/** The support-only monitoring views of site agents. */
export function statsRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-site-agent-stats/',
    operationId: 'marketplace_site_agent_stats_retrieve',
    summary: 'Aggregated counts of agent identities, services and processors (support only)',
    tags,
    responses: { 200: AgentStatsOut },
    run: async (tx, ctx) => {
      requireSupport(ctx.actor);
      const s = await agentStats(tx, new Date());
      const body: z.output<typeof AgentStatsOut> = {
        identities: {
          total: s.byOffering.reduce((n, r) => n + r.count, 0),
          by_offering: s.byOffering.map((r) => ({
            offering__name: r.offering_name,
            offering__uuid: hex(r.offering_uuid),
            count: r.count,
          })),
        },
        services: {
          total: s.services.total,
          by_state: { active: s.services.active, idle: s.services.idle, error: s.services.error },
          stale_count: s.services.stale,
        },
        processors: {
          total: s.processors.total,
          by_backend_type: s.byBackend,
          stale_count: s.processors.stale,
        },
      };
      return { status: 200, body };
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-site-agent-task-stats/',
    operationId: 'marketplace_site_agent_task_stats_retrieve',
    summary: 'Background tasks about agents (support only; Orderly runs none, so the lists are empty)',
    tags,
    responses: { 200: TaskStatsOut },
    tx: 'none',
    handler: async (ctx) => {
      requireSupport(ctx.actor);
      return { status: 200, body: { active_tasks: [], scheduled_tasks: [], reserved_tasks: [] } };
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-site-agent-connection-stats/',
    operationId: 'marketplace_site_agent_connection_stats_retrieve',
    summary: 'Agents with their services and broker connections (support only; Orderly has no broker)',
    tags,
    responses: { 200: ConnectionStatsOut },
    run: async (tx, ctx) => {
      requireSupport(ctx.actor);
      const { identities, services } = await agentsWithServices(tx);
      const agents = identities.map((i) => ({
        uuid: hex(i.uuid),
        name: i.name,
        offering_uuid: hex(i.offering_uuid),
        offering_name: i.offering_name,
        version: i.version,
        last_restarted: i.last_restarted.toISOString(),
        services: services
          .filter((s) => s.identity_id === i.id)
          .map((s) => ({
            uuid: hex(s.uuid),
            name: s.name,
            state: serviceStateLabel(s.state),
            modified: s.modified.toISOString(),
          })),
        event_subscriptions: [],
        queues: [],
      }));
      const summary = {
        total_agents: agents.length,
        connected_agents: 0,
        disconnected_agents: agents.length,
        total_queued_messages: 0,
      };
      return { status: 200, body: { agents, summary } };
    },
  });
}
