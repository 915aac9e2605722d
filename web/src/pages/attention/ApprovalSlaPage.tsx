import { api, unwrap } from '../../api/client.js';
import type { ProviderOffering } from '../../api/types.js';
import { Link } from '../../lib/router.js';
import { useSession } from '../../lib/session.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorBox, Loading } from '../../ui/DataState.js';
import { type Sla, SlaForm } from './SlaForm.js';

const org = (uuid: string) => ({ params: { path: { uuid } } });

/**
 * Approval SLA settings (providers and staff): per organization, and per offering (an offering's
 * settings replace its organization's). Escalations and digests show in each order's timeline.
 */
export function ApprovalSlaPage() {
  usePageTitle('Approval SLA');
  const { access } = useSession();
  const offerings = useLoad(
    () => unwrap(api.GET('/api/marketplace-provider-offerings/', { params: { query: { page_size: 300 } } })),
    [],
  );
  const of = (customer: string): ProviderOffering[] =>
    (offerings.data ?? []).filter((o) => o.customer_uuid === customer);
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <p className="eyebrow">
            <Link to="/provider/attention">Needs attention</Link>
          </p>
          <h1>Approval SLA</h1>
          <p className="muted">
            Orders waiting for provider approval longer than the SLA are escalated to the organization's
            owners, then to staff; approvers may take one daily digest instead of one e-mail per order. An
            offering's settings replace its organization's.
          </p>
        </div>
      </header>
      {offerings.status === 'error' && <ErrorBox error={offerings.error} onRetry={offerings.reload} />}
      {!offerings.data && offerings.status === 'loading' && <Loading label="Loading offerings…" />}
      {access.providers.map((p) => (
        <section key={p.uuid} className="card stack" aria-label={p.name}>
          <h2>{p.name}</h2>
          <SlaForm
            title={`${p.name} (organization)`}
            load={() => unwrap(api.GET('/api/customers/{uuid}/approval_sla/', org(p.uuid)))}
            save={(body: Sla) =>
              unwrap(api.PUT('/api/customers/{uuid}/approval_sla/', { ...org(p.uuid), body }))
            }
          />
          {of(p.uuid).map((o) => (
            <SlaForm
              key={o.uuid}
              title={o.name}
              load={() =>
                unwrap(api.GET('/api/marketplace-provider-offerings/{uuid}/approval_sla/', org(o.uuid)))
              }
              save={(body: Sla) =>
                unwrap(
                  api.PUT('/api/marketplace-provider-offerings/{uuid}/approval_sla/', {
                    ...org(o.uuid),
                    body,
                  }),
                )
              }
            />
          ))}
        </section>
      ))}
    </div>
  );
}
