import { ORDER_STATE_OPTIONS, orderStateTitle } from '../../lib/format.js';
import { SearchField } from '../../ui/SearchField.js';
import { type Option, SelectField } from '../../ui/SelectField.js';
import type { ListParams } from './orderQuery.js';

/** Choices the filters offer besides the fixed ones. */
export interface FilterOptions {
  providers?: Option[];
  offerings: Option[];
  customers: Option[];
  projects: Option[];
}

const TYPES: Option[] = ['Create', 'Update', 'Terminate', 'Restore'].map((t) => ({ value: t, label: t }));
const STATES: Option[] = ORDER_STATE_OPTIONS.map((s) => ({ value: s, label: orderStateTitle(s) }));
const AUTO: Option[] = [
  { value: 'yes', label: 'Auto-approved' },
  { value: 'no', label: 'Reviewed by a person' },
];

/** The filter bar; every change goes to the URL (and so survives reloads and can be shared). */
export function OrderFilters({
  params,
  options,
  onChange,
  stateLocked,
}: {
  params: ListParams;
  options: FilterOptions;
  onChange(changes: Record<string, string | null>): void;
  /** "Needs my action" forces Pending provider, so the state filter is fixed. */
  stateLocked?: boolean;
}) {
  return (
    <fieldset className="filters">
      <legend className="sr-only">Filters</legend>
      <SearchField label="Search" value={params.q} onChange={(q) => onChange({ q })} />
      {options.providers && options.providers.length > 1 && (
        <SelectField
          label="Service provider"
          value={params.provider}
          options={options.providers}
          anyLabel="All providers"
          onChange={(provider) => onChange({ provider, offering: null })}
        />
      )}
      <SelectField
        label="Offering"
        value={params.offering}
        options={options.offerings}
        onChange={(offering) => onChange({ offering })}
      />
      <SelectField
        label="Organization"
        value={params.customer}
        options={options.customers}
        anyLabel={options.customers.some((c) => c.value === 'all') ? null : 'Any'}
        onChange={(customer) => onChange({ customer, project: null })}
      />
      <SelectField
        label="Project"
        value={params.project}
        options={options.projects}
        onChange={(project) => onChange({ project })}
      />
      <SelectField
        label="State"
        value={stateLocked ? 'pending-provider' : params.state}
        options={STATES}
        disabled={stateLocked}
        onChange={(state) => onChange({ state })}
      />
      <SelectField label="Type" value={params.type} options={TYPES} onChange={(type) => onChange({ type })} />
      <SelectField
        label="Approval"
        value={params.auto}
        options={AUTO}
        onChange={(auto) => onChange({ auto })}
      />
    </fieldset>
  );
}
