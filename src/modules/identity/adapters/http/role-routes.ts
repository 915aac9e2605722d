import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hex, UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { BoolFlag, listQuery } from '../../../../platform/http/query.js';
import { orNotFound } from '../../../../platform/http/read-routes.js';
import { addRoute, parseBody } from '../../../../platform/http/route.js';
import { requireStaff } from '../../app/access.js';
import { findRole, listRoles, updateRole } from '../../app/manage-roles.js';
import { ALL_PERMISSIONS } from '../../domain/permissions.js';

const tags = ['roles'];

/** Waldur `RoleDetails`. */
const RoleOut = z
  .object({
    uuid: z.string(),
    name: z.string(),
    description: z.string(),
    permissions: z.array(z.string()),
    is_system_role: z.boolean(),
    is_active: z.boolean(),
    content_type: z.string(),
  })
  .meta({ id: 'RoleDetails' });

const RolePatch = z.object({
  description: z.string().max(2000).optional(),
  is_active: z.boolean().optional(),
  permissions: z
    .array(z.string())
    .optional()
    .meta({ description: `Replaces the set. Known: ${ALL_PERMISSIONS.join(', ')}` }),
});

type RoleRow = Awaited<ReturnType<Awaited<ReturnType<typeof listRoles>>['execute']>>[number];

function present(r: RoleRow) {
  return {
    uuid: hex(r.uuid),
    name: r.name,
    description: r.description,
    permissions: r.permissions,
    is_system_role: r.is_system_role,
    is_active: r.is_active,
    content_type: r.content_type,
  };
}

/** `/api/roles/`: the role → permission table, readable by all, editable by staff. */
export function roleRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/roles/',
    operationId: 'roles_list',
    summary: 'List roles and their permissions',
    tags,
    query: listQuery({ name: z.string().optional(), is_active: BoolFlag.optional() }),
    responses: { 200: z.array(RoleOut) },
    run: async (tx, ctx) => {
      const rows = await (await listRoles(tx, ctx.query)).execute();
      return respondList(
        ctx,
        {
          count: async () => rows.length,
          rows: async (limit, offset) => rows.slice(offset, offset + limit),
        },
        present,
      );
    },
  });

  for (const method of ['GET', 'PATCH'] as const) {
    addRoute(app, {
      method,
      url: '/api/roles/:uuid/',
      operationId: method === 'GET' ? 'roles_retrieve' : 'roles_partial_update',
      summary: method === 'GET' ? 'Retrieve a role' : 'Edit a role and its permissions (staff only)',
      tags,
      params: UuidParams,
      ...(method === 'PATCH' ? { body: RolePatch } : {}),
      responses: { 200: RoleOut },
      load: async (tx, ctx) => {
        return orNotFound(findRole(tx, ctx.params.uuid), 'role');
      },
      check: (_tx, ctx) => {
        if (method === 'PATCH') requireStaff(ctx.actor);
      },
      run: async (tx, ctx, role) => {
        if (method === 'GET') return { status: 200, body: present(role) };
        await updateRole(tx, ctx.actor, role.id, parseBody(RolePatch, ctx.req.body) ?? {});
        return { status: 200, body: present((await findRole(tx, ctx.params.uuid))!) };
      },
    });
  }
}
