import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { visibleProviderOfferings } from '../../../offerings/api.js';

/**
 * Agent objects are seen by whoever sees their offering as a provider (staff and support all;
 * people of the provider organization; offering managers their offerings). One subquery of
 * offering ids, shared by identities, services, processors and logs.
 */
export function visibleOfferingIds(tx: Tx, actor: Actor) {
  return visibleProviderOfferings(tx, actor).select('offerings.id');
}

/** Identities joined with their offering, limited to what `actor` may see. */
export function visibleIdentities(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('site_agent_identities as i')
    .innerJoin('offerings as o', 'o.id', 'i.offering_id')
    .leftJoin('users as cb', 'cb.id', 'i.created_by_id')
    .where('i.offering_id', 'in', visibleOfferingIds(tx, actor));
}

/** Services joined with their identity and offering, limited to what `actor` may see. */
export function visibleServices(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('site_agent_services as s')
    .innerJoin('site_agent_identities as i', 'i.id', 's.identity_id')
    .innerJoin('offerings as o', 'o.id', 'i.offering_id')
    .where('i.offering_id', 'in', visibleOfferingIds(tx, actor));
}

/** Processors joined with their service, identity and offering, limited to what `actor` may see. */
export function visibleProcessors(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('site_agent_processors as p')
    .innerJoin('site_agent_services as s', 's.id', 'p.service_id')
    .innerJoin('site_agent_identities as i', 'i.id', 's.identity_id')
    .innerJoin('offerings as o', 'o.id', 'i.offering_id')
    .where('i.offering_id', 'in', visibleOfferingIds(tx, actor));
}

/** Log lines joined with their identity and offering, limited to what `actor` may see. */
export function visibleLogs(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('site_agent_logs as l')
    .innerJoin('site_agent_identities as i', 'i.id', 'l.identity_id')
    .innerJoin('offerings as o', 'o.id', 'i.offering_id')
    .where('i.offering_id', 'in', visibleOfferingIds(tx, actor));
}
