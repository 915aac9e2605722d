import { api, unwrap, unwrapPage } from '../../api/client.js';
import { offeringTypeLabel } from '../../lib/format.js';
import { Link, useSearchParams } from '../../lib/router.js';
import { useSession } from '../../lib/session.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { Tag } from '../../ui/Badge.js';
import { ErrorBox, Loading } from '../../ui/DataState.js';
import { Tabs } from '../../ui/Tabs.js';
import { ComponentsTab } from './ComponentsTab.js';
import { loadRoles, rightsOn } from './catalogueAccess.js';
import type { Offering, Plan } from './catalogueTypes.js';
import { DetailsTab } from './DetailsTab.js';
import { GroupsTab } from './GroupsTab.js';
import { OfferingStateBadge } from './OfferingStateBadge.js';
import { PlansTab } from './PlansTab.js';
import './catalogue.css';

/** Everything the editor shows: the offering, its plans (archived too), the role table. */
async function loadEditor(uuid: string) {
  const [offering, plans, roles] = await Promise.all([
    unwrap(api.GET('/api/marketplace-provider-offerings/{uuid}/', { params: { path: { uuid } } })),
    unwrapPage<Plan>(
      api.GET('/api/marketplace-plans/', { params: { query: { offering_uuid: uuid, page_size: 300 } } }),
    ),
    loadRoles(),
  ]);
  return { offering: offering as Offering, plans: plans.items, roles };
}

/** One offering's editor: Details, Components, Plans and Organization groups tabs; actions only where the caller may act. */
export function OfferingEditorPage({ uuid }: { uuid: string }) {
  const { me } = useSession();
  const view = useLoad(() => loadEditor(uuid), [uuid]);
  const [sp, setSp] = useSearchParams();
  usePageTitle(view.data ? `${view.data.offering.name} · Catalogue` : 'Catalogue');
  const data = view.data;
  if (!data) {
    return view.status === 'error' ? (
      <ErrorBox error={view.error} onRetry={view.reload} />
    ) : (
      <Loading label="Loading offering…" />
    );
  }
  const { offering, plans } = data;
  const rights = rightsOn(me, data.roles, offering);
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <p className="eyebrow">
            <Link to="/provider/catalogue">Catalogue</Link> · {offering.customer_name}
          </p>
          <h1>
            {offering.name} <OfferingStateBadge state={offering.state} />
          </h1>
          <p className="muted">
            <Tag>{offeringTypeLabel(offering.type)}</Tag> {offering.category_title}
          </p>
        </div>
      </header>
      {view.status === 'error' && <ErrorBox error={view.error} onRetry={view.reload} />}
      {offering.state === 'Archived' && (
        <p className="callout callout-info">
          This offering is archived: its details and components can no longer change.
        </p>
      )}
      <Tabs
        selected={sp.get('tab') ?? 'details'}
        onSelect={(t) => setSp(new URLSearchParams({ tab: t }), { replace: true })}
        tabs={[
          {
            key: 'details',
            label: 'Details',
            panel: () => <DetailsTab offering={offering} canEdit={rights.details} onSaved={view.reload} />,
          },
          {
            key: 'components',
            label: `Components (${offering.components.length})`,
            panel: () => (
              <ComponentsTab offering={offering} canEdit={rights.components} onChanged={view.reload} />
            ),
          },
          {
            key: 'plans',
            label: `Plans (${plans.length})`,
            panel: () => (
              <PlansTab offering={offering} plans={plans} canEdit={rights.plans} onChanged={view.reload} />
            ),
          },
          {
            key: 'groups',
            label: 'Organization groups',
            panel: () => (
              <GroupsTab
                offering={offering}
                plans={plans}
                canEdit={rights.groups}
                canEditPlans={rights.planGroups}
                onChanged={view.reload}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
