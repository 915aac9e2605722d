import type { FastifyInstance } from 'fastify';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { authorizeAgents } from '../../app/agent-access.js';
import { registerBrokerConsumer } from '../../app/register-broker-consumer.js';
import { registerService } from '../../app/register-service.js';
import { processorsOf } from '../pg/agent-records.js';
import { EventSubscriptionBody, QueueBody, ServiceBody } from './agent-inputs.js';
import { loadIdentity, loadService } from './agent-loaders.js';
import { presentService } from './agent-presenters.js';
import { ServiceOut } from './agent-schemas.js';

const tags = ['marketplace-site-agent-identities'];
const URL = '/api/marketplace-site-agent-identities/:uuid';

const BROKER_NOTE =
  'Orderly has no message broker: after the identity and body checks this answers 400 with code ' +
  '`site_agent.broker_unavailable` and detail "Failed to create RabbitMQ virtual host", as Waldur ' +
  'does when RabbitMQ is unreachable. Agents then keep polling.';

/** The actions of an identity: register_service, and the broker registrations Orderly cannot serve. */
export function identityActionRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'POST',
    url: `${URL}/register_service/`,
    operationId: 'marketplace_site_agent_identities_register_service',
    summary: 'Register a service of the agent, or re-activate the one of that name (200)',
    tags,
    params: UuidParams,
    body: ServiceBody,
    responses: { 200: ServiceOut, 201: ServiceOut },
    load: (tx, ctx) => loadIdentity(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, i) => authorizeAgents(tx, ctx.actor, i),
    run: async (tx, ctx, i) => {
      const b = ctx.body();
      const made = await registerService(tx, i.id, { name: b.name, mode: b.mode });
      const service = await loadService(tx, ctx.actor, made.uuid);
      const body = presentService(ctx.base, service, await processorsOf(tx, ctx.actor, [service.id]));
      return { status: made.created ? 201 : 200, body };
    },
  });
  const brokerActions = [
    {
      action: 'register_event_subscription',
      summary: 'Register a STOMP event subscription (unavailable: Orderly has no broker)',
      body: EventSubscriptionBody,
    },
    {
      action: 'register_queue',
      summary: 'Register a unified event-consumer queue (unavailable: Orderly has no broker)',
      body: QueueBody,
    },
  ];
  for (const a of brokerActions) {
    addRoute(app, {
      method: 'POST',
      url: `${URL}/${a.action}/`,
      operationId: `marketplace_site_agent_identities_${a.action}`,
      summary: a.summary,
      description: BROKER_NOTE,
      tags,
      params: UuidParams,
      body: a.body,
      responses: {},
      load: (tx, ctx) => loadIdentity(tx, ctx.actor, ctx.params.uuid),
      check: async (tx, ctx, i) => authorizeAgents(tx, ctx.actor, i),
      run: async (_tx, ctx) => {
        ctx.body();
        return registerBrokerConsumer();
      },
    });
  }
}
