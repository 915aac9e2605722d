import { sql } from 'kysely';
import { type Actor, seesEverything } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { escapeLike } from '../../../identity/api.js';
import { providerScopeIds } from './provider-scopes.js';

/** Filters of `GET /api/marketplace-offering-users/` (uuids dashed). */
export interface OfferingUserFilter {
  offering_uuid?: string[] | undefined;
  offering_slug?: string[] | undefined;
  user_uuid?: string | undefined;
  user_username?: string | undefined;
  provider_uuid?: string | undefined;
  state?: string[] | undefined;
  is_restricted?: boolean | undefined;
  created?: string | undefined;
  created_before?: string | undefined;
  modified?: string | undefined;
  modified_before?: string | undefined;
  query?: string | undefined;
}

/**
 * Offering users `actor` may see: staff and support all; others their own, and those of offerings
 * they manage on the provider side (a grant carrying the provider permission on the offering or
 * its organization). Anyone else's is invisible, so a detail read is a 404.
 */
export function visibleOfferingUsers(tx: Tx, actor: Actor) {
  const q = tx
    .selectFrom('offering_users as ou')
    .innerJoin('offerings as o', 'o.id', 'ou.offering_id')
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .innerJoin('users as u', 'u.id', 'ou.user_id');
  if (seesEverything(actor)) return q;
  return q.where((eb) =>
    eb.or([
      eb('ou.user_id', '=', actor.id),
      eb('o.id', 'in', providerScopeIds(tx, actor.id, 'offering')),
      eb('o.customer_id', 'in', providerScopeIds(tx, actor.id, 'customer')),
    ]),
  );
}

/** A query over visible offering users. */
export type OfferingUserQuery = ReturnType<typeof visibleOfferingUsers>;

/** Narrows the list by Waldur's filters. */
export function filterOfferingUsers(tx: Tx, q: OfferingUserQuery, f: OfferingUserFilter): OfferingUserQuery {
  if (f.offering_uuid?.length) q = q.where('o.uuid', 'in', f.offering_uuid);
  if (f.offering_slug?.length) q = q.where('o.slug', 'in', f.offering_slug);
  if (f.user_uuid) q = q.where('u.uuid', '=', f.user_uuid);
  if (f.user_username) q = q.where('u.username', '=', f.user_username);
  if (f.provider_uuid) {
    const sp = tx.selectFrom('service_providers').select('customer_id').where('uuid', '=', f.provider_uuid);
    q = q.where('o.customer_id', 'in', sp);
  }
  if (f.state?.length) q = q.where('ou.state', 'in', f.state);
  if (f.is_restricted !== undefined) q = q.where('ou.is_restricted', '=', f.is_restricted);
  if (f.created) q = q.where('ou.created', '>=', new Date(f.created));
  if (f.created_before) q = q.where('ou.created', '<', new Date(f.created_before));
  if (f.modified) q = q.where('ou.modified', '>=', new Date(f.modified));
  if (f.modified_before) q = q.where('ou.modified', '<', new Date(f.modified_before));
  if (f.query) {
    const like = `%${escapeLike(f.query)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('ou.username', 'ilike', like),
        eb('u.username', 'ilike', like),
        eb('u.email', 'ilike', like),
        eb(sql<string>`u.first_name || ' ' || u.last_name`, 'ilike', like),
      ]),
    );
  }
  return q;
}

/** Selects what `OfferingUser` shows. */
export function offeringUserColumns(q: OfferingUserQuery) {
  return q
    .leftJoin('offering_user_attribute_configs as ac', 'ac.offering_id', 'o.id')
    .select('ac.flags as attribute_flags')
    .selectAll('ou')
    .select(['o.uuid as offering_uuid', 'o.name as offering_name', 'o.customer_id', 'o.plugin_options'])
    .select(['c.uuid as customer_uuid', 'c.name as customer_name'])
    .select(['u.uuid as user_uuid', 'u.username as user_username', 'u.first_name', 'u.last_name'])
    .select(['u.email', 'u.organization', 'u.job_title']);
}

/** One offering user row as presented. */
export type OfferingUserRecord = Awaited<
  ReturnType<ReturnType<typeof offeringUserColumns>['executeTakeFirstOrThrow']>
>;

/** One visible offering user by uuid. */
export function findVisibleOfferingUser(
  tx: Tx,
  actor: Actor,
  uuid: string,
): Promise<OfferingUserRecord | undefined> {
  return offeringUserColumns(visibleOfferingUsers(tx, actor)).where('ou.uuid', '=', uuid).executeTakeFirst();
}
