import { sameId } from '../../lib/format.js';
import { useSession } from '../../lib/session.js';

/**
 * Which resource view to link to: the provider view (with the provider actions) for staff and for
 * people acting for the order's provider, the consumer view otherwise.
 */
export function useResourceView(providerUuid: string | undefined): string {
  const { access } = useSession();
  const provider = access.isStaff || access.providers.some((p) => sameId(p.uuid, providerUuid));
  return provider ? '?view=provider' : '';
}
