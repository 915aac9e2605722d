import type { FastifyInstance } from 'fastify';
import { type ZodType, z } from 'zod';
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
import type { OfferingRow } from '../pg/offering-repository.js';
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

/** `POST {offering}/<action>/`: the editable offering (404/403/409), `change` under it, the offering back. */
function componentAction<B extends ZodType>(
  app: FastifyInstance,
  spec: {
    action: string;
    summary: string;
    description: string;
    body: B;
    status: 200 | 201;
    change(tx: Tx, actor: Actor, offering: OfferingRow, body: z.output<B>): Promise<unknown>;
  },
): void {
  addRoute(app, {
    method: 'POST',
    url: `${PATH}${spec.action}/`,
    operationId: `marketplace_provider_offerings_${spec.action}`,
    summary: spec.summary,
    description: spec.description,
    tags,
    params: UuidParams,
    body: spec.body,
    responses: { [spec.status]: ProviderOfferingOut },
    load: (tx, ctx) => loadEditableOffering(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, ctx, o) => {
      await spec.change(tx, ctx.actor, o, ctx.body() as z.output<B>);
      return {
        status: spec.status,
        body: await presentProviderOfferingById(tx, ctx.base, ctx.actor, o.uuid),
      };
    },
  });
}

/** Offering components added, changed and removed after the offering was created. */
export function componentRoutes(app: FastifyInstance): void {
  componentAction(app, {
    action: 'create_offering_component',
    summary: `Add a component to an offering (${WHO})`,
    description: 'Answers 409 on an archived offering; the offering is returned with the new component.',
    body: ComponentBody,
    status: 201,
    change: (tx, actor, o, b) => createComponent(tx, actor, o, b),
  });
  componentAction(app, {
    action: 'update_offering_component',
    summary: `Change a component of an offering (${WHO})`,
    description: 'Answers 404 when the offering has no component with the `uuid` of the body.',
    body: UpdateComponentBody,
    status: 200,
    change: async (tx, actor, o, { uuid, ...changes }) =>
      updateComponent(tx, actor, o, await findOfferingComponent(tx, o, uuid), changes),
  });
  componentAction(app, {
    action: 'remove_offering_component',
    summary: `Remove a component from an offering (${WHO})`,
    description: 'Answers 409 while a resource holds a limit or a usage of the component.',
    body: RemoveComponentBody,
    status: 200,
    change: async (tx, actor, o, b) => removeComponent(tx, actor, await findOfferingComponent(tx, o, b.uuid)),
  });
}
