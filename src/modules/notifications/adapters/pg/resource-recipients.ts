import { type Expression, type QueryCreator, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { ACTIVE } from '../../../../platform/db/literals.js';
import { reusable } from '../../../../platform/db/reusable.js';
import type { DB } from '../../../../platform/db/schema.js';
import { resourcesInScope } from '../../../resources/api.js';
import type { ResourceSummary } from '../../domain/resource-messages.js';
import type { Recipient } from './recipients.js';

/** The ids a resource's e-mails are addressed by. */
export interface ResourceIds {
  projectId: number;
  customerId: number;
}

/** The resource as its e-mails describe it, and its project and organization ids. */
export async function loadResourceSummary(
  tx: Tx,
  resourceId: number,
): Promise<{ summary: ResourceSummary; ids: ResourceIds } | undefined> {
  const r = await summaryQuery(tx).where('r.id', '=', resourceId).executeTakeFirst();
  return r && summaryOf(r);
}

/**
 * {@link loadResourceSummary} with every member of the resource's project (Waldur's
 * `project.get_users()`), in one statement: each order outcome mails them.
 */
export async function loadResourceSummaryWithMembers(
  tx: Tx,
  resourceId: number,
): Promise<{ summary: ResourceSummary; ids: ResourceIds; members: Recipient[] } | undefined> {
  const [r] = await summaryWithMembers(tx, { resourceId });
  return r && { ...summaryOf(r), members: r.members };
}

// Every order outcome runs it: built and compiled once (`reusable`).
const summaryWithMembers = reusable((db: Db, p: { resourceId: number }) =>
  summaryQuery(db)
    // Correlated on the outer row's project (`p.id`).
    .select(
      jsonArrayFrom(holdersQuery(db, 'project', sql.ref<number>('p.id'), []).orderBy('u.id')).as('members'),
    )
    .where('r.id', '=', p.resourceId),
);

function summaryQuery(tx: Db) {
  return resourcesInScope(tx)
    .innerJoin('customers as pc', 'pc.id', 'f.customer_id')
    .select(['r.uuid', 'r.name', 'f.name as offering_name', 'pc.name as provider_name'])
    .select([
      'p.id as project_id',
      'p.name as project_name',
      'c.id as customer_id',
      'c.name as customer_name',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function summaryOf(r: SummaryRow): { summary: ResourceSummary; ids: ResourceIds } {
  return {
    summary: {
      uuid: r.uuid.replace(/-/g, ''),
      name: r.name,
      offeringName: r.offering_name,
      providerName: r.provider_name,
      projectName: r.project_name,
      customerName: r.customer_name,
    },
    ids: { projectId: r.project_id, customerId: r.customer_id },
  };
}

/**
 * Active users with a live grant on one scope, each once in id order; `roleNames` narrows to those
 * roles (none: any role, e.g. every member of a project, as Waldur's `project.get_users()`).
 */
export function scopeRoleHolders(
  tx: Tx,
  scope: { type: 'project' | 'customer'; id: number },
  roleNames: readonly string[] = [],
): Promise<Recipient[]> {
  return holdersQuery(tx, scope.type, scope.id, roleNames).orderBy('u.id').execute();
}

/** The holders query of {@link scopeRoleHolders}; `scopeId` may be a column of an outer query. */
function holdersQuery(
  qc: QueryCreator<DB>,
  type: 'project' | 'customer',
  scopeId: number | Expression<number>,
  roleNames: readonly string[],
) {
  return qc
    .selectFrom('users as u')
    .select(['u.id', 'u.email'])
    .where('u.is_active', '=', true)
    .where('u.id', 'in', (eb) => {
      let q = eb
        .selectFrom('user_roles as ur')
        .innerJoin('roles as ro', 'ro.id', 'ur.role_id')
        .select('ur.user_id')
        .where('ur.scope_type', '=', type)
        .where('ur.scope_id', '=', scopeId)
        .where('ur.is_active', '=', ACTIVE)
        // An inactive role (PROJECT.MEMBER by default) makes nobody a member.
        .where('ro.is_active', '=', true)
        .where((w) =>
          w.or([w('ur.expiration_time', 'is', null), w('ur.expiration_time', '>', sql<Date>`now()`)]),
        );
      if (roleNames.length) q = q.where('ro.name', 'in', [...roleNames]);
      return q;
    });
}

/** Merges recipient lists, each user once, in id order. */
export function mergeRecipients(...lists: readonly Recipient[][]): Recipient[] {
  const byId = new Map<number, Recipient>();
  for (const l of lists) for (const r of l) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
