import { api, unwrapEmpty, unwrapPage } from '../../api/client.js';
import { useLoad } from '../../lib/useLoad.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';
import { useNotify } from '../../ui/Toasts.js';
import type { Offering, OrganizationGroup, Plan } from './catalogueTypes.js';
import { GroupPicker } from './GroupPicker.js';

/**
 * Organization groups: an offering or plan limited to groups is listed and orderable only for
 * the organizations in them. Owners of the provider organization (and staff) change them.
 */
export function GroupsTab({
  offering,
  plans,
  canEdit,
  canEditPlans,
  onChanged,
}: {
  offering: Offering;
  plans: Plan[];
  canEdit: boolean;
  canEditPlans: boolean;
  onChanged(): void;
}) {
  const notify = useNotify();
  const all = useLoad(
    () =>
      unwrapPage<OrganizationGroup>(
        api.GET('/api/organization-groups/', { params: { query: { page_size: 300, o: 'name' } } }),
      ),
    [],
  );
  const saved = (what: string) => {
    notify(`Organization groups of ${what} have been saved.`);
    onChanged();
  };
  const path = (uuid: string) => ({ params: { path: { uuid } } });
  const groups = all.data?.items;
  return (
    <section className="card stack" aria-label="Organization groups">
      <p className="muted">
        Limit the offering, or one of its plans, to groups of organizations: only their organizations see and
        order it. With no group checked, every organization can.
      </p>
      {all.status === 'error' && <ErrorBox error={all.error} onRetry={all.reload} />}
      {!groups ? (
        all.status === 'loading' && <Loading label="Loading organization groups…" />
      ) : groups.length === 0 ? (
        <Empty>No organization groups exist yet; staff create them.</Empty>
      ) : (
        <>
          <GroupPicker
            title={offering.name}
            groups={groups}
            current={offering.organization_groups}
            canEdit={canEdit}
            onSave={async (urls) => {
              await unwrapEmpty(
                api.POST('/api/marketplace-provider-offerings/{uuid}/update_organization_groups/', {
                  ...path(offering.uuid),
                  body: { organization_groups: urls },
                }),
              );
              saved('the offering');
            }}
          />
          {plans
            .filter((p) => !p.archived)
            .map((p) => (
              <GroupPicker
                key={p.uuid}
                title={`Plan ${p.name}`}
                groups={groups}
                current={p.organization_groups}
                canEdit={canEditPlans}
                onSave={async (urls) => {
                  await unwrapEmpty(
                    api.POST('/api/marketplace-plans/{uuid}/update_organization_groups/', {
                      ...path(p.uuid),
                      body: { organization_groups: urls },
                    }),
                  );
                  saved(`plan ${p.name}`);
                }}
              />
            ))}
        </>
      )}
    </section>
  );
}
