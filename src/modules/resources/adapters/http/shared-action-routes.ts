import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TERMINABLE_STATES, terminable } from '../../../marketplace/domain/terminable.js';
import { restoreResource } from '../../app/restore-resource.js';
import { setStateOk } from '../../app/set-state-ok.js';
import { terminateResource } from '../../app/terminate-resource.js';
import { unlinkResource } from '../../app/unlink-resource.js';
import { assertResourceAction } from '../../domain/abilities.js';
import { resourceInvalidStateError } from '../../domain/errors.js';
import { forceDestroyRoute } from './force-destroy-route.js';
import { orderingActionRoute, resourceActionRoute, statusActionRoute } from './resource-action-route.js';
import { reason } from './resource-schemas.js';

const both = ['consumer', 'provider'] as const;

/**
 * Actions served on both views: terminate, restore, unlink, set_state_ok (orders spec §8 note) and
 * the staff force destroy of seed 001.
 */
export function sharedResourceActionRoutes(app: FastifyInstance): void {
  forceDestroyRoute(app);
  orderingActionRoute(app, {
    name: 'terminate',
    checkedBy: { table: 'resource', action: 'terminate' },
    views: both,
    summary:
      'Terminate: creates a Terminate order, or confirms one pending consumer approval (staff may force-destroy)',
    body: z.object({
      attributes: z.record(z.string(), z.unknown()).optional().meta({
        description: 'Plugin delete options, e.g. `{"action": "force_destroy"}` (staff only, §11.1).',
      }),
      reason,
    }),
    create: async (tx, actor, rec, b, facts) => {
      // §17 f: a staff force destroy is shown only when a *new* terminate order would pass; it never
      // confirms someone else's pending order, so its own checks apply on top of terminate's.
      if (actor.isStaff && b.attributes?.action === 'force_destroy') {
        assertResourceAction('force_destroy', facts.input);
        // A stuck resource (orders in flight) is recovered through …/force_destroy/, which fails them.
        if (!terminable(facts.input.resource.state)) throw resourceInvalidStateError(TERMINABLE_STATES);
      }
      return terminateResource(tx, actor, rec.id, b);
    },
  });
  orderingActionRoute(app, {
    name: 'restore',
    checkedBy: { table: 'resource', action: 'restore' },
    views: both,
    summary: 'Restore a Terminated resource (offering option can_restore_resource): creates a Restore order',
    create: (tx, actor, rec, b) => restoreResource(tx, actor, rec.id, b.reason),
  });
  statusActionRoute(app, {
    name: 'set_state_ok',
    checkedBy: { table: 'resource', action: 'set_state_ok' },
    views: both,
    summary: 'Set state OK from Erred, Creating, Updating or Terminating (errors kept, backend untouched)',
    use: (tx, actor, rec, b) => setStateOk(tx, actor, rec.id, b.reason),
  });
  resourceActionRoute(app, {
    name: 'unlink',
    checkedBy: { table: 'resource', action: 'unlink' },
    views: both,
    staffFirst: true,
    summary: 'Remove the resource and its orders without any backend action (staff)',
    responses: { 204: null },
    run: async (tx, actor, rec, b) => {
      await unlinkResource(tx, actor, rec.id, b.reason);
      return { status: 204 };
    },
  });
}
