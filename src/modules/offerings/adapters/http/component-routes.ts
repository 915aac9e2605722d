import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { UuidInput, UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import {
  authorizeComponentChange,
  checkOfferingEditable,
  findOfferingComponent,
} from '../../app/component-checks.js';
import { createComponent } from '../../app/create-component.js';
import { removeComponent } from '../../app/remove-component.js';
import { updateComponent } from '../../app/update-component.js';
import { ComponentBody, ComponentFields } from './inputs.js';
import { loadProviderOffering, presentProviderOfferingById } from './offering-loaders.js';
import { ProviderOfferingOut } from './offering-schemas.js';

const tags = ['marketplace-provider-offerings'];
const PATH = '/api/marketplace-provider-offerings/:uuid/';
const WHO = 'staff, or OFFERING.UPDATE on the offering organization';
const ComponentUuid = UuidInput.meta({ description: 'UUID of the offering component.' });

/** `update_offering_component` body (Waldur `UpdateOfferingComponentRequest`). */
const UpdateComponentBody = ComponentFields.partial().extend({ uuid: ComponentUuid });
/** `remove_offering_component` body (Waldur `RemoveOfferingComponentRequest`). */
const RemoveComponentBody = z.object({ uuid: ComponentUuid });

/** The offering of a component change: visible (404), its caller allowed (403), not archived (409). */
async function loadEditableOffering(tx: Tx, actor: Actor, uuid: string) {
  const o = await loadProviderOffering(tx, actor, uuid);
  await authorizeComponentChange(tx, actor, o);
  checkOfferingEditable(o);
  return o;
}

/** Offering components added, changed and removed after the offering was created. */
export function componentRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'POST',
    url: `${PATH}create_offering_component/`,
    operationId: 'marketplace_provider_offerings_create_offering_component',
    summary: `Add a component to an offering (${WHO})`,
    description: 'Answers 409 on an archived offering; the offering is returned with the new component.',
    tags,
    params: UuidParams,
    body: ComponentBody,
    responses: { 201: ProviderOfferingOut },
    load: (tx, ctx) => loadEditableOffering(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, o) => {
      await createComponent(tx, ctx.actor, o, ctx.body());
      return { status: 201, body: await presentProviderOfferingById(tx, ctx.base, ctx.actor, o.uuid) };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: `${PATH}update_offering_component/`,
    operationId: 'marketplace_provider_offerings_update_offering_component',
    summary: `Change a component of an offering (${WHO})`,
    description: 'Answers 404 when the offering has no component with the `uuid` of the body.',
    tags,
    params: UuidParams,
    body: UpdateComponentBody,
    responses: { 200: ProviderOfferingOut },
    load: (tx, ctx) => loadEditableOffering(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, o) => {
      const { uuid, ...changes } = ctx.body();
      await updateComponent(tx, ctx.actor, o, await findOfferingComponent(tx, o, uuid), changes);
      return { status: 200, body: await presentProviderOfferingById(tx, ctx.base, ctx.actor, o.uuid) };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: `${PATH}remove_offering_component/`,
    operationId: 'marketplace_provider_offerings_remove_offering_component',
    summary: `Remove a component from an offering (${WHO})`,
    description: 'Answers 409 while a resource holds a limit or a usage of the component.',
    tags,
    params: UuidParams,
    body: RemoveComponentBody,
    responses: { 200: ProviderOfferingOut },
    load: (tx, ctx) => loadEditableOffering(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, o) => {
      await removeComponent(tx, ctx.actor, await findOfferingComponent(tx, o, ctx.body().uuid));
      return { status: 200, body: await presentProviderOfferingById(tx, ctx.base, ctx.actor, o.uuid) };
    },
  });
}
