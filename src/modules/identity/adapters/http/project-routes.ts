import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { countRows } from '../../../../platform/db/paging.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { listRoute, orNotFound, retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import {
  authorizeProjectUpdate,
  createProject,
  deleteProject,
  updateProject,
} from '../../app/manage-projects.js';
import { projectPage } from '../pg/list-pages.js';
import { filterProjects, findVisibleProject } from '../pg/project-repository.js';
import { customerOfBody } from './customer-ref.js';
import { grantRoutes } from './grant-routes.js';
import { presentProject } from './tenancy-presenter.js';
import { ProjectBody, ProjectListQuery, ProjectOut, ProjectPatchBody } from './tenancy-schemas.js';

const tags = ['projects'];

async function loadProject(tx: Tx, actor: Actor, uuid: string) {
  return orNotFound(findVisibleProject(tx, actor, uuid), 'project');
}

/** `/api/projects/…`: projects, their dates, soft delete and role grants. */
export function projectRoutes(app: FastifyInstance): void {
  listRoute(app, {
    url: '/api/projects/',
    operationId: 'projects_list',
    summary: 'List projects',
    tags,
    query: ProjectListQuery,
    out: ProjectOut,
    source: (tx, ctx) => {
      const q = filterProjects(tx, ctx.actor, ctx.query);
      return {
        count: (upTo) => countRows(tx, q, upTo),
        rows: (limit, offset) => projectPage(q, limit, offset),
      };
    },
    present: (ctx, p) => presentProject(ctx.base, p),
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/projects/',
    operationId: 'projects_create',
    summary: 'Create a project (PROJECT.CREATE on the organization)',
    tags,
    body: ProjectBody,
    responses: { 201: ProjectOut },
    run: async (tx, ctx) => {
      const { customer: link, ...input } = ctx.body();
      const customer = await customerOfBody(tx, ctx.actor, link);

      const { uuid } = await createProject(tx, ctx.actor, customer, input);
      return { status: 201, body: presentProject(ctx.base, await loadProject(tx, ctx.actor, uuid)) };
    },
  });

  retrieveRoute(app, {
    url: '/api/projects/:uuid/',
    operationId: 'projects_retrieve',
    summary: 'Retrieve a project',
    tags,
    out: ProjectOut,
    load: (tx, ctx) => loadProject(tx, ctx.actor, ctx.params.uuid),
    present: (_tx, ctx, p) => presentProject(ctx.base, p),
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    addRoute(app, {
      method,
      url: '/api/projects/:uuid/',
      operationId: method === 'PATCH' ? 'projects_partial_update' : 'projects_update',
      summary: 'Update a project',
      tags,
      params: UuidParams,
      body: ProjectPatchBody,
      responses: { 200: ProjectOut },
      load: (tx, ctx) => loadProject(tx, ctx.actor, ctx.params.uuid),
      check: async (tx, ctx, p) => authorizeProjectUpdate(tx, ctx.actor, p),
      run: async (tx, ctx, p) => {
        await updateProject(tx, p, ctx.body());
        return { status: 200, body: presentProject(ctx.base, await loadProject(tx, ctx.actor, p.uuid)) };
      },
    });
  }

  addRoute(app, {
    method: 'DELETE',
    url: '/api/projects/:uuid/',
    operationId: 'projects_destroy',
    summary: 'Delete a project (soft: hidden, kept for orders and audit)',
    tags,
    params: UuidParams,
    responses: { 204: null },
    run: async (tx, ctx) => {
      await deleteProject(tx, ctx.actor, await loadProject(tx, ctx.actor, ctx.params.uuid));
      return { status: 204 };
    },
  });

  grantRoutes(app, 'projects', 'project', async (tx, actor, uuid) => {
    const p = await findVisibleProject(tx, actor, uuid);
    return p && { type: 'project', id: p.id, customerId: p.customer_id };
  });
}
