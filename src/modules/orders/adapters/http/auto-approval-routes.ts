import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { ValidationError } from '../../../../platform/errors.js';
import { hex, objectUrl, UuidInput, UuidParams, uuidFromHyperlink } from '../../../../platform/http/ids.js';
import { BoolFlag, listQuery } from '../../../../platform/http/query.js';
import { listRoute, orNotFound, retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { findVisibleProject } from '../../../identity/api.js';
import { formatDecimal, isDecimal, parseDecimal } from '../../../offerings/domain/decimal.js';
import {
  authorizeRuleWrite,
  createRule,
  deleteRule,
  updateRule,
} from '../../app/manage-auto-approval-rules.js';
import type { RuleRecord } from '../pg/auto-approval-rules.js';
import { findVisibleRule, ruleList } from '../pg/order-lists.js';

const COLLECTION = 'marketplace-project-order-auto-approvals';
const tags = [COLLECTION];

/** A non-negative amount with at most 12 integer digits (numeric(22, 10)). */
const Limit = z
  .union([z.string(), z.number()])
  .refine((v) => isDecimal(v) && parseDecimal(v) >= 0n && parseDecimal(v) < 10n ** 22n, {
    message: 'Must be a non-negative decimal with at most 12 integer digits.',
  })
  .transform((v) => formatDecimal(parseDecimal(v)));

const RuleOut = z
  .object({
    url: z.string(),
    uuid: z.string(),
    project: z.string(),
    project_uuid: z.string(),
    project_name: z.string(),
    customer_uuid: z.string(),
    customer_name: z.string(),
    monthly_cost_limit: z.string(),
    enabled: z.boolean(),
    created_by_uuid: z.string().nullable(),
    created_by_username: z.string().nullable(),
    created_by_full_name: z.string().nullable(),
    modified_by_uuid: z.string().nullable(),
    modified_by_username: z.string().nullable(),
    modified_by_full_name: z.string().nullable(),
    created: z.string(),
    modified: z.string(),
  })
  .meta({ id: 'ProjectOrderAutoApproval' });

const CreateBody = z.object({
  project: z.string().min(1).optional().meta({ description: 'Project URL `…/api/projects/<uuid>/`.' }),
  project_uuid: UuidInput.optional(),
  monthly_cost_limit: Limit,
  enabled: z.boolean().default(true),
});
const UpdateBody = z.object({ monthly_cost_limit: Limit.optional(), enabled: z.boolean().optional() });

function present(base: string, r: RuleRecord) {
  return {
    url: objectUrl(base, COLLECTION, r.uuid),
    uuid: hex(r.uuid),
    project: objectUrl(base, 'projects', r.project_uuid),
    project_uuid: hex(r.project_uuid),
    project_name: r.project_name,
    customer_uuid: hex(r.customer_uuid),
    customer_name: r.customer_name,
    monthly_cost_limit: r.monthly_cost_limit,
    enabled: r.enabled,
    created_by_uuid: r.created_by_uuid ? hex(r.created_by_uuid) : null,
    created_by_username: r.created_by_username ?? null,
    created_by_full_name: r.created_by_full_name ?? null,
    modified_by_uuid: r.modified_by_uuid ? hex(r.modified_by_uuid) : null,
    modified_by_username: r.modified_by_username ?? null,
    modified_by_full_name: r.modified_by_full_name ?? null,
    created: r.created.toISOString(),
    modified: r.modified.toISOString(),
  };
}

async function loadRule(tx: Tx, actor: Actor, uuid: string) {
  return orNotFound(findVisibleRule(tx, actor, uuid), 'auto_approval');
}

/** `/api/marketplace-project-order-auto-approvals/` (orders spec §2.3, §5.5): one rule per project. */
export function autoApprovalRoutes(app: FastifyInstance): void {
  listRoute(app, {
    url: `/api/${COLLECTION}/`,
    operationId: `${COLLECTION.replace(/-/g, '_')}_list`,
    summary: 'List project order auto-approval rules of visible projects',
    tags,
    query: listQuery({
      project_uuid: UuidInput.optional(),
      customer_uuid: UuidInput.optional(),
      enabled: BoolFlag.optional(),
    }),
    out: RuleOut,
    source: (tx, ctx) => ruleList(tx, ctx.actor, ctx.query),
    present: (ctx, r) => present(ctx.base, r),
  });
  addRoute(app, {
    method: 'POST',
    url: `/api/${COLLECTION}/`,
    operationId: `${COLLECTION.replace(/-/g, '_')}_create`,
    summary: 'Create the auto-approval rule of a project (ORDER.APPROVE on the project or its organization)',
    tags,
    body: CreateBody,
    responses: { 201: RuleOut },
    run: async (tx, ctx) => {
      const b = ctx.body();
      const projectUuid = b.project ? uuidFromHyperlink(b.project, 'projects', 'project') : b.project_uuid;
      if (!projectUuid) throw ValidationError.field('/body/project', 'This field is required.');
      const project = await findVisibleProject(tx, ctx.actor, projectUuid);
      if (!project)
        throw ValidationError.field('/body/project', 'Invalid hyperlink - Object does not exist.');
      const uuid = await createRule(tx, ctx.actor, project, {
        monthlyCostLimit: b.monthly_cost_limit,
        enabled: b.enabled,
      });
      return { status: 201, body: present(ctx.base, await loadRule(tx, ctx.actor, uuid)) };
    },
  });
  retrieveRoute(app, {
    url: `/api/${COLLECTION}/:uuid/`,
    operationId: `${COLLECTION.replace(/-/g, '_')}_retrieve`,
    summary: 'Retrieve a project order auto-approval rule',
    tags,
    out: RuleOut,
    load: (tx, ctx) => loadRule(tx, ctx.actor, ctx.params.uuid),
    present: (_tx, ctx, obj) => present(ctx.base, obj),
  });
  for (const method of ['PATCH', 'PUT'] as const) {
    addRoute(app, {
      method,
      url: `/api/${COLLECTION}/:uuid/`,
      operationId: `${COLLECTION.replace(/-/g, '_')}_${method === 'PATCH' ? 'partial_update' : 'update'}`,
      summary: 'Change the monthly cost limit or switch the rule on or off',
      tags,
      params: UuidParams,
      body: UpdateBody,
      responses: { 200: RuleOut },
      load: (tx, ctx) => loadRule(tx, ctx.actor, ctx.params.uuid),
      check: (tx, ctx, rule) =>
        authorizeRuleWrite(tx, ctx.actor, { id: rule.project_id, customer_id: rule.customer_id }),
      run: async (tx, ctx, rule) => {
        const b = ctx.body();
        await updateRule(tx, ctx.actor, rule.id, {
          monthlyCostLimit: b.monthly_cost_limit,
          enabled: b.enabled,
        });
        return { status: 200, body: present(ctx.base, await loadRule(tx, ctx.actor, ctx.params.uuid)) };
      },
    });
  }
  addRoute(app, {
    method: 'DELETE',
    url: `/api/${COLLECTION}/:uuid/`,
    operationId: `${COLLECTION.replace(/-/g, '_')}_destroy`,
    summary: 'Delete a project order auto-approval rule',
    tags,
    params: UuidParams,
    responses: { 204: null },
    load: (tx, ctx) => loadRule(tx, ctx.actor, ctx.params.uuid),
    check: (tx, ctx, rule) =>
      authorizeRuleWrite(tx, ctx.actor, { id: rule.project_id, customer_id: rule.customer_id }),
    run: async (tx, _ctx, rule) => {
      await deleteRule(tx, rule.id);
      return { status: 204 };
    },
  });
}
