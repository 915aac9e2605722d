import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { StatusOut } from '../../../../platform/http/schemas.js';
import { loadResourceFacts } from '../../app/resource-facts.js';
import { type ResourceFlag, setResourceFlag } from '../../app/set-resource-flag.js';
import { updateResource } from '../../app/update-resource.js';
import { assertBookkeeping } from '../../domain/bookkeeping-actions.js';
import type { EndDateSetter } from '../../domain/end-date.js';
import { editableFields } from '../pg/resource-fields.js';
import { type ResourceView, VIEW_COLLECTION } from '../pg/resource-visibility.js';
import { resourceActionRoute } from './resource-action-route.js';
import { loadVisibleResource } from './resource-context.js';
import { VIEW_OPERATION } from './resource-routes.js';
import { reason } from './resource-schemas.js';

const both = ['consumer', 'provider'] as const;
const endDate = z.iso
  .date()
  .nullable()
  .optional()
  .meta({ description: 'YYYY-MM-DD, inclusive; once reached the resource is terminated. null clears it.' });
const name = z.string().trim().min(1).max(150);
const description = z.string().max(4000);

/** Waldur `ResourceUpdate`: what PUT/PATCH answer. */
const ResourceUpdateOut = z.object({
  name: z.string(),
  description: z.string(),
  end_date: z.string().nullable(),
});

/** PUT and PATCH `/api/<view>/{uuid}/`: name, description and end date (Waldur `ResourceUpdateSerializer`). */
function editRoutes(app: FastifyInstance, view: ResourceView): void {
  const bodies = {
    PUT: z.object({ name, description: description.optional(), end_date: endDate, reason }),
    PATCH: z.object({
      name: name.optional(),
      description: description.optional(),
      end_date: endDate,
      reason,
    }),
  };
  for (const method of ['PUT', 'PATCH'] as const) {
    addRoute(app, {
      method,
      url: `/api/${VIEW_COLLECTION[view]}/:uuid/`,
      operationId: `${VIEW_OPERATION[view]}_${method === 'PUT' ? 'update' : 'partial_update'}`,
      summary: 'Edit the name, description or end date (the end date must not be in the past)',
      tags: [VIEW_COLLECTION[view]],
      params: UuidParams,
      body: bodies[method],
      responses: { 200: ResourceUpdateOut },
      load: (tx, ctx) => loadVisibleResource(tx, ctx.actor, view, ctx.params.uuid),
      check: async (tx, ctx, rec) =>
        assertBookkeeping('update', (await loadResourceFacts(tx, rec, ctx.actor)).bookkeeping),
      run: async (tx, ctx, rec) => {
        const b = ctx.body() as z.output<(typeof bodies)['PATCH']>;
        await updateResource(tx, ctx.actor, rec.id, {
          name: b.name,
          description: b.description,
          endDate: b.end_date,
          setter: 'consumer',
          reason: b.reason,
        });
        return { status: 200, body: await editableFields(tx, rec.id) };
      },
    });
  }
}

const END_DATE_ACTIONS: readonly {
  name: 'set_end_date' | 'set_end_date_by_provider' | 'set_end_date_by_staff';
  setter: EndDateSetter;
  views: readonly ResourceView[];
  summary: string;
}[] = [
  { name: 'set_end_date', setter: 'consumer', views: both, summary: 'Set the end date (consumer owner)' },
  {
    name: 'set_end_date_by_provider',
    setter: 'provider',
    views: ['provider'],
    summary: 'Set the end date as the provider (at least 7 days ahead)',
  },
  {
    name: 'set_end_date_by_staff',
    setter: 'staff',
    views: both,
    summary: 'Set the end date as staff (at least 7 days ahead)',
  },
];

const FLAGS: readonly { flag: ResourceFlag; action: `set_${ResourceFlag}` }[] = [
  { flag: 'paused', action: 'set_paused' },
  { flag: 'downscaled', action: 'set_downscaled' },
  { flag: 'restrict_member_access', action: 'set_restrict_member_access' },
];

/** Edit routes, the end-date actions and the provider flags of both resource views. */
export function resourceEditRoutes(app: FastifyInstance): void {
  editRoutes(app, 'consumer');
  editRoutes(app, 'provider');
  for (const a of END_DATE_ACTIONS) {
    resourceActionRoute(app, {
      name: a.name,
      checkedBy: { table: 'bookkeeping', action: a.name },
      views: a.views,
      summary: a.summary,
      responses: { 200: null },
      body: z.object({ end_date: endDate, reason }),
      run: async (tx, actor, rec, b) => {
        await updateResource(tx, actor, rec.id, {
          endDate: b.end_date,
          setter: a.setter,
          reason: b.reason,
        });
        return { status: 200 };
      },
    });
  }
  for (const f of FLAGS) {
    resourceActionRoute(app, {
      name: f.action,
      checkedBy: { table: 'bookkeeping', action: f.action },
      views: both,
      summary: `Set \`${f.flag}\` (provider; the site agent reads it)`,
      responses: { 200: StatusOut },
      body: z.object({ reason }).extend({ [f.flag]: z.boolean().optional() }),
      run: async (tx, actor, rec, b) => {
        const value: unknown = b[f.flag];
        const status =
          typeof value === 'boolean'
            ? await setResourceFlag(tx, actor, rec.id, {
                flag: f.flag,
                value,
                reason: typeof b.reason === 'string' ? b.reason : undefined,
              })
            : `Resource ${f.flag.replaceAll('_', ' ')} is not changed.`;
        return { status: 200, body: { status } };
      },
    });
  }
}
