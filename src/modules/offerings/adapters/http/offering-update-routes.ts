import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Tx } from '../../../../platform/db/database.js';
import { ValidationError } from '../../../../platform/errors.js';
import { UuidParams, uuidFromHyperlink } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { checkOfferingEditable } from '../../app/component-checks.js';
import { authorizeOfferingUpdate } from '../../app/update-offering.js';
import { type OfferingFieldChanges, updateOfferingFields } from '../../app/update-offering-fields.js';
import { findCategory } from '../pg/category-repository.js';
import { JsonObjectInput, OptionsInput } from './inputs.js';
import { loadProviderOffering, presentProviderOfferingById } from './offering-loaders.js';
import { ProviderOfferingOut } from './offering-schemas.js';

const tags = ['marketplace-provider-offerings'];
const text = (max: number) => z.string().max(max).optional();

/** Waldur `OfferingOverviewUpdateRequest`. */
const OverviewBody = z.object({
  name: z.string().trim().min(1).max(150),
  description: text(2000),
  full_description: text(100_000),
  privacy_policy_link: text(200),
  helpdesk_url: text(200),
  documentation_url: text(200),
  access_url: text(200),
  getting_started: text(100_000),
  integration_guide: text(100_000),
});

/** One `update_*` action: its body and how the body becomes column changes. */
interface FieldAction<B extends z.ZodType> {
  action: string;
  summary: string;
  body: B;
  changes: (tx: Tx, body: z.output<B>) => Promise<OfferingFieldChanges>;
}

const field = <B extends z.ZodType>(a: FieldAction<B>) => a;

/** The offering's field edits, as data: each writes only its own columns. */
const ACTIONS = [
  field({
    action: 'update_description',
    summary: 'Move an offering to another category',
    body: z.object({ category: z.string().min(1).meta({ description: 'Category URL.' }) }),
    changes: async (tx, b) => {
      const category = await findCategory(
        tx,
        uuidFromHyperlink(b.category, 'marketplace-categories', 'category'),
      );
      if (!category) {
        throw ValidationError.field(
          '/body/category',
          'Invalid hyperlink - Object does not exist.',
          'invalid_hyperlink',
        );
      }
      return { category_id: category.id };
    },
  }),
  field({
    action: 'update_overview',
    summary: 'Change the name, descriptions and links of an offering',
    body: OverviewBody,
    changes: async (_tx, b) => b,
  }),
  field({
    action: 'update_options',
    summary: 'Change the order form options of an offering',
    body: z.object({ options: OptionsInput }),
    changes: async (_tx, b) => ({ options: b.options }),
  }),
  field({
    action: 'update_resource_options',
    summary: 'Change the options a resource may change later',
    body: z.object({ resource_options: OptionsInput }),
    changes: async (_tx, b) => ({ resource_options: b.resource_options }),
  }),
  field({
    action: 'update_attributes',
    summary: 'Replace the category attributes of an offering',
    body: JsonObjectInput,
    changes: async (_tx, b) => ({ attributes: b }),
  }),
  field({
    action: 'update_location',
    summary: 'Set the location of an offering',
    body: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }),
    changes: async (_tx, b) => b,
  }),
];

/** `update_description`, `update_overview`, `update_options`, `update_resource_options`, `update_attributes`, `update_location`. */
export function offeringUpdateRoutes(app: FastifyInstance): void {
  for (const a of ACTIONS as FieldAction<z.ZodType>[]) {
    addRoute(app, {
      method: 'POST',
      url: `/api/marketplace-provider-offerings/:uuid/${a.action}/`,
      operationId: `marketplace_provider_offerings_${a.action}`,
      summary: `${a.summary} (OFFERING.UPDATE on the offering or its organization)`,
      description: 'Answers 409 on an archived offering.',
      tags,
      params: UuidParams,
      body: a.body,
      responses: { 200: ProviderOfferingOut },
      load: (tx, ctx) => loadProviderOffering(tx, ctx.actor, ctx.params.uuid),
      check: async (tx, ctx, o) => authorizeOfferingUpdate(tx, ctx.actor, o),
      run: async (tx, ctx, o) => {
        checkOfferingEditable(o);
        await updateOfferingFields(tx, ctx.actor, o, await a.changes(tx, ctx.body()));
        return { status: 200, body: await presentProviderOfferingById(tx, ctx.base, ctx.actor, o.uuid) };
      },
    });
  }
}
