import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { NotFoundError } from '../../../platform/errors.js';
import { authorizeProvider, authorizeServiceProvider } from '../../offering-users/app/provider-access.js';
import { loadProviderOffering } from '../../offerings/api.js';

/**
 * The offering whose figures are asked for: 404 unless its provider side may see it, 403 unless the
 * actor manages it (staff, support, provider owner or manager, offering manager).
 */
export async function offeringForFigures(tx: Tx, actor: Actor, uuid: string) {
  const o = await loadProviderOffering(tx, actor, uuid);
  await authorizeProvider(tx, actor, o);
  return o;
}

/** The service provider's organization id: 404 when unknown, 403 unless the actor works for it. */
export async function providerForFigures(tx: Tx, actor: Actor, uuid: string): Promise<number> {
  const sp = await tx
    .selectFrom('service_providers')
    .select('customer_id')
    .where('uuid', '=', uuid)
    .executeTakeFirst();
  if (!sp) throw new NotFoundError('service_provider');
  await authorizeServiceProvider(tx, actor, sp.customer_id);
  return sp.customer_id;
}
