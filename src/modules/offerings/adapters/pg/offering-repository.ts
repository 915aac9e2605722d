import { type Selectable, sql } from 'kysely';
import { type Actor, seesEverything } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import type { OfferingsTable } from '../../../../platform/db/schema.js';
import { escapeLike, grantedScopeIds, reachableCustomerIds } from '../../../identity/api.js';
import { OFFERING_STATE_CODES } from '../../domain/offering-type.js';
import { limitedToGroups, offeringOpenTo, openToCustomer } from './group-links.js';

/** An offering row joined with its organization's and category's public fields. */
export type OfferingRow = Selectable<OfferingsTable> & {
  customer_uuid: string;
  customer_name: string;
  category_uuid: string;
  category_title: string;
  /** Whether an image was uploaded (`offering_thumbnails`); the presenter links it. */
  has_thumbnail: boolean;
};

/** Offerings joined with their organization and category (no visibility applied). */
export function offeringsBase(tx: Tx) {
  return tx
    .selectFrom('offerings')
    .innerJoin('customers', 'customers.id', 'offerings.customer_id')
    .innerJoin('offering_categories', 'offering_categories.id', 'offerings.category_id');
}

/** A query over offerings with their organization and category joined. */
export type OfferingQuery = ReturnType<typeof offeringsBase>;

/**
 * Offerings as their provider sees them (any state): staff and support all; others the offerings
 * of organizations where they hold a role (on the organization or one of its projects), and the
 * offerings they hold a role on. An offering manager does not see the organization's other offerings.
 */
export function visibleProviderOfferings(tx: Tx, actor: Actor): OfferingQuery {
  const q = offeringsBase(tx);
  if (seesEverything(actor)) return q;
  return q.where((eb) =>
    eb.or([
      eb('offerings.customer_id', 'in', grantedScopeIds(tx, actor.id, 'customer')),
      eb(
        'offerings.customer_id',
        'in',
        tx
          .selectFrom('projects')
          .select('projects.customer_id')
          .where('projects.id', 'in', grantedScopeIds(tx, actor.id, 'project'))
          .where('projects.removed_at', 'is', null),
      ),
      eb('offerings.id', 'in', grantedScopeIds(tx, actor.id, 'offering')),
    ]),
  );
}

/**
 * The public catalogue: Active and Paused offerings; shared ones for every signed-in user,
 * non-shared ones for the people of the offering's organization (staff and support see all). An
 * offering limited to organization groups is listed only to members of those groups and its provider.
 */
export function visiblePublicOfferings(tx: Tx, actor: Actor): OfferingQuery {
  const q = offeringsBase(tx).where('offerings.state', 'in', [
    OFFERING_STATE_CODES.Active,
    OFFERING_STATE_CODES.Paused,
  ]);
  if (seesEverything(actor)) return q;
  return q
    .where((eb) =>
      eb.or([
        eb('offerings.shared', '=', true),
        eb('offerings.customer_id', 'in', reachableCustomerIds(tx, actor.id)),
      ]),
    )
    .where(offeringOpenTo(tx, actor));
}

/** Selects the columns of {@link OfferingRow}. */
export function offeringColumns(q: OfferingQuery) {
  return q.selectAll('offerings').select([
    'customers.uuid as customer_uuid',
    'customers.name as customer_name',
    'offering_categories.uuid as category_uuid',
    'offering_categories.title as category_title',
    (eb) =>
      eb
        .exists(eb.selectFrom('offering_thumbnails').whereRef('offering_id', '=', 'offerings.id'))
        .$castTo<boolean>()
        .as('has_thumbnail'),
  ]);
}

/** One offering of `q` by uuid. */
export function findOffering(q: OfferingQuery, uuid: string): Promise<OfferingRow | undefined> {
  return offeringColumns(q).where('offerings.uuid', '=', uuid).executeTakeFirst();
}

/** List filters shared by the provider and public offering lists. */
export interface OfferingFilter {
  customer_uuid?: string | undefined;
  /** Known type strings (unknown ones were dropped by the route). */
  type?: readonly string[] | undefined;
  /** State codes (unknown labels were dropped by the route). */
  state?: readonly number[] | undefined;
  shared?: boolean | undefined;
  name?: string | undefined;
  /** Offerings limited to one of these organization groups. */
  organization_group_uuid?: readonly string[] | undefined;
  /** Offerings this organization may order from (Waldur `filter_for_customer`). */
  allowed_customer_uuid?: string | undefined;
}

/** Narrows an offering query by the list filters. */
export function filterOfferings(q: OfferingQuery, f: OfferingFilter): OfferingQuery {
  let out = q;
  if (f.customer_uuid) out = out.where('customers.uuid', '=', f.customer_uuid);
  if (f.type?.length) out = out.where('offerings.type', 'in', f.type);
  if (f.state?.length) out = out.where('offerings.state', 'in', f.state);
  if (f.shared !== undefined) out = out.where('offerings.shared', '=', f.shared);
  if (f.name) out = out.where('offerings.name', 'ilike', `%${escapeLike(f.name)}%`);
  if (f.organization_group_uuid?.length) out = out.where(limitedToGroups(f.organization_group_uuid));
  if (f.allowed_customer_uuid) out = out.where(openToCustomer(f.allowed_customer_uuid));
  return out;
}

/**
 * A slug not yet taken by an offering: the base, else base-2, base-3… The transaction lock on the
 * base serialises concurrent creations of same-named offerings, which would otherwise pick the same
 * slug and fail on the unique index.
 */
export async function uniqueOfferingSlug(tx: Tx, base: string): Promise<string> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`offering-slug:${base}`}, 0))`.execute(tx);
  const rows = await tx
    .selectFrom('offerings')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${escapeLike(base)}-%`)]))
    .execute();
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
