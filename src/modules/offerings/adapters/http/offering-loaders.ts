import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { countRows } from '../../../../platform/db/paging.js';
import type { ListSource } from '../../../../platform/http/list.js';
import { orNotFound } from '../../../../platform/http/read-routes.js';
import {
  isOfferingType,
  OFFERING_STATE_CODES,
  OFFERING_STATES,
  type OfferingState,
} from '../../domain/offering-type.js';
import { offeringRowById } from '../pg/offering-pages.js';
import { loadOfferingParts, type OfferingParts } from '../pg/offering-parts.js';
import {
  findOffering,
  type OfferingFilter,
  type OfferingQuery,
  type OfferingRow,
  visibleProviderOfferings,
} from '../pg/offering-repository.js';
import { presentProviderOffering, presentPublicOffering } from './offering-presenter.js';

/** An offering its provider side may see, or 404. */
export async function loadProviderOffering(tx: Tx, actor: Actor, uuid: string): Promise<OfferingRow> {
  return orNotFound(findOffering(visibleProviderOfferings(tx, actor), uuid), 'offering');
}

/** Re-reads an offering after a write and presents it with its components and plans. */
export async function presentProviderOfferingById(tx: Tx, base: string, actor: Actor, uuid: string) {
  const o = await loadProviderOffering(tx, actor, uuid);
  const parts = await loadOfferingParts(tx, [o.id], { publicOnly: false });
  return presentProviderOffering(base, actor, o, parts(o.id));
}

/**
 * The offering of an order, as public offering details, whatever its state now (an order keeps
 * pointing at an offering that was archived since); the order's visibility already authorised it.
 */
export async function presentOfferingOfOrder(tx: Tx, base: string, offeringId: number) {
  const o = await offeringRowById(tx, offeringId);
  const parts = await loadOfferingParts(tx, [o.id], { publicOnly: true });
  return presentPublicOffering(base, o, parts(o.id));
}

/** An offering of a list page with its components, plans and groups. */
export interface OfferingWithParts {
  offering: OfferingRow;
  parts: OfferingParts;
}

/** A list of offerings whose parts are read per page, in a fixed number of queries (both views). */
export function offeringPartsList(
  tx: Tx,
  q: OfferingQuery,
  page: (q: OfferingQuery, limit: number, offset: number) => Promise<OfferingRow[]>,
  opts: { publicOnly: boolean; actor?: Actor | undefined },
): ListSource<OfferingWithParts> {
  return {
    count: (upTo) => countRows(tx, q, upTo),
    rows: async (limit, offset) => {
      const rows = await page(q, limit, offset);
      const parts = await loadOfferingParts(
        tx,
        rows.map((r) => r.id),
        opts,
      );
      return rows.map((offering) => ({ offering, parts: parts(offering.id) }));
    },
  };
}

/** Query filters → repository filter; unknown `type` and `state` labels are dropped (contract §0.5). */

export function offeringFilter(q: {
  customer_uuid?: string | undefined;
  type?: string[] | undefined;
  state?: string[] | undefined;
  shared?: boolean | undefined;
  name?: string | undefined;
  organization_group_uuid?: string[] | undefined;
  allowed_customer_uuid?: string | undefined;
}): OfferingFilter {
  const states = (q.state ?? []).filter((s): s is OfferingState =>
    (OFFERING_STATES as readonly string[]).includes(s),
  );
  return {
    customer_uuid: q.customer_uuid,
    type: (q.type ?? []).filter(isOfferingType),
    state: states.map((s) => OFFERING_STATE_CODES[s]),
    shared: q.shared,
    name: q.name,
    organization_group_uuid: q.organization_group_uuid,
    allowed_customer_uuid: q.allowed_customer_uuid,
  };
}
