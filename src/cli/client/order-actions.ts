import type { Api } from './api.js';
import { unwrap } from './api.js';
import { usage } from './errors.js';

/** Which side reviews (approve/reject): chosen from the order's state unless `--as` says. */
export type Side = 'consumer' | 'provider';

async function sideOf(api: Api, uuid: string, as: string | undefined): Promise<Side> {
  if (as === 'consumer' || as === 'provider') return as;
  if (as !== undefined) throw usage(`--as must be consumer or provider, not ${as}`);
  const o = await unwrap(api.GET('/api/marketplace-orders/{uuid}/', { params: { path: { uuid } } }));
  return o.state === 'pending-provider' ? 'provider' : 'consumer';
}

/** Approves as the side the order waits for. */
export async function approve(api: Api, uuid: string, reason: string | undefined, as?: string) {
  const path = { uuid };
  const body = reason ? { reason } : {};
  return (await sideOf(api, uuid, as)) === 'provider'
    ? unwrap(api.POST('/api/marketplace-orders/{uuid}/approve_by_provider/', { params: { path }, body }))
    : unwrap(api.POST('/api/marketplace-orders/{uuid}/approve_by_consumer/', { params: { path }, body }));
}

/** Rejects as the side the order waits for; the reason is the rejection comment. */
export async function reject(api: Api, uuid: string, reason: string | undefined, as?: string) {
  const path = { uuid };
  return (await sideOf(api, uuid, as)) === 'provider'
    ? unwrap(
        api.POST('/api/marketplace-orders/{uuid}/reject_by_provider/', {
          params: { path },
          body: reason ? { provider_rejection_comment: reason } : {},
        }),
      )
    : unwrap(
        api.POST('/api/marketplace-orders/{uuid}/reject_by_consumer/', {
          params: { path },
          body: reason ? { consumer_rejection_comment: reason } : {},
        }),
      );
}

/** The single-call actions (`retry`, `cancel`, `done`, `erred`), by CLI name. */
export const SIMPLE_ACTIONS = {
  retry: (api: Api, uuid: string, reason?: string) =>
    unwrap(
      api.POST('/api/marketplace-orders/{uuid}/retry/', {
        params: { path: { uuid } },
        body: reason ? { reason } : {},
      }),
    ),
  cancel: (api: Api, uuid: string, reason?: string) =>
    unwrap(
      api.POST('/api/marketplace-orders/{uuid}/cancel/', {
        params: { path: { uuid } },
        body: reason ? { reason } : {},
      }),
    ),
  done: (api: Api, uuid: string, reason?: string) =>
    unwrap(
      api.POST('/api/marketplace-orders/{uuid}/set_state_done/', {
        params: { path: { uuid } },
        body: reason ? { reason } : {},
      }),
    ),
  erred: (api: Api, uuid: string, reason?: string) =>
    unwrap(
      api.POST('/api/marketplace-orders/{uuid}/set_state_erred/', {
        params: { path: { uuid } },
        body: reason ? { error_message: reason } : {},
      }),
    ),
} as const;
