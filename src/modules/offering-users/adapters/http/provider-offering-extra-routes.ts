import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hex, UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { listQuery } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import type { OfferingRow } from '../../../offerings/api.js';
import { loadProviderOffering } from '../../../offerings/api.js';
import { deleteAttributeConfig } from '../../app/delete-attribute-config.js';
import { authorizeProvider } from '../../app/provider-access.js';
import { saveAttributeConfig } from '../../app/save-attribute-config.js';
import {
  type ExposeFlags,
  exposedFields,
  resolveFlags,
  USER_ATTRIBUTES,
} from '../../domain/attribute-config.js';
import { findAttributeConfig } from '../pg/attribute-config-repository.js';

const P = '/api/marketplace-provider-offerings/:uuid';
const tags = ['marketplace-provider-offerings'];

const flagShape = Object.fromEntries(USER_ATTRIBUTES.map((a) => [`expose_${a}`, z.boolean()])) as Record<
  `expose_${(typeof USER_ATTRIBUTES)[number]}`,
  z.ZodBoolean
>;

/** `OfferingUserAttributeConfigRequest` (every flag optional; `offering` is ignored, the path names it). */
const ConfigBody = z
  .object(flagShape)
  .partial()
  .extend({ offering: z.string().max(100).optional() });

const ConfigOut = z
  .object({
    uuid: z.string(),
    created: z.string(),
    modified: z.string(),
    exposed_fields: z.array(z.string()),
    is_default: z.boolean(),
    offering_uuid: z.string(),
    offering_name: z.string(),
    ...flagShape,
  })
  .meta({ id: 'OfferingUserAttributeConfig' });

async function presentConfig(tx: Parameters<typeof findAttributeConfig>[0], o: OfferingRow) {
  const saved = await findAttributeConfig(tx, o.id);
  const flags = resolveFlags(saved?.flags);
  // The default is not stored; like Waldur's unsaved config it has the offering's uuid and times.
  return {
    uuid: hex(saved?.uuid ?? o.uuid),
    created: (saved?.created ?? o.created).toISOString(),
    modified: (saved?.modified ?? o.modified).toISOString(),
    exposed_fields: exposedFields(flags),
    is_default: !saved,
    offering_uuid: hex(o.uuid),
    offering_name: o.name,
    ...flags,
  };
}

/** Nothing of these kinds exists in Orderly: an always-empty list, after the same checks as Waldur's. */
const EmptyItem = z.object({ uuid: z.string() });

/** The offering-scoped provider endpoints of this module: user attribute config, service and course accounts. */
export function providerOfferingExtraRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: `${P}/user-attribute-config/`,
    operationId: 'marketplace_provider_offerings_user_attribute_config_retrieve',
    summary: 'Which user attributes the offering exposes to its provider (the default until saved)',
    tags,
    params: UuidParams,
    responses: { 200: ConfigOut },
    load: (tx, ctx) => loadProviderOffering(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, _ctx, o) => {
      return { status: 200, body: await presentConfig(tx, o) };
    },
  });

  for (const method of ['POST', 'PUT', 'PATCH'] as const) {
    addRoute(app, {
      method,
      url: `${P}/update-user-attribute-config/`,
      operationId: {
        POST: 'marketplace_provider_offerings_update_user_attribute_config',
        PUT: 'marketplace_provider_offerings_update_user_attribute_config_update',
        PATCH: 'marketplace_provider_offerings_update_user_attribute_config_partial_update',
      }[method],
      summary: 'Save which user attributes the offering exposes (PATCH keeps unnamed flags)',
      tags,
      params: UuidParams,
      body: ConfigBody,
      responses: { 200: ConfigOut },
      load: (tx, ctx) => loadProviderOffering(tx, ctx.actor, ctx.params.uuid),
      run: async (tx, ctx, o) => {
        const { offering: _ignored, ...flags } = ctx.body();
        await saveAttributeConfig(tx, ctx.actor, o, flags as Partial<ExposeFlags>, method === 'PATCH');
        return { status: 200, body: await presentConfig(tx, o) };
      },
    });
  }

  addRoute(app, {
    method: 'DELETE',
    url: `${P}/delete-user-attribute-config/`,
    operationId: 'marketplace_provider_offerings_delete_user_attribute_config_destroy',
    summary: 'Drop the saved user attribute config (the default applies again)',
    tags,
    params: UuidParams,
    responses: { 204: null },
    load: (tx, ctx) => loadProviderOffering(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, o) => {
      await deleteAttributeConfig(tx, ctx.actor, o);
      return { status: 204 };
    },
  });

  for (const kind of ['project_service_accounts', 'course_accounts'] as const) {
    addRoute(app, {
      method: 'GET',
      url: `${P}/list_${kind}/`,
      operationId: `marketplace_provider_offerings_list_${kind}_list`,
      summary: `The ${kind.replace(/_/g, ' ')} of the offering’s projects (Orderly has none: always empty)`,
      tags,
      params: UuidParams,
      query: listQuery({}),
      responses: { 200: z.array(EmptyItem) },
      load: (tx, ctx) => loadProviderOffering(tx, ctx.actor, ctx.params.uuid),
      check: async (tx, ctx, o) => authorizeProvider(tx, ctx.actor, o),
      run: async (_tx, ctx) => {
        return respondList(ctx, { count: async () => 0, rows: async () => [] }, (x: { uuid: string }) => x);
      },
    });
  }
}
