import { useId } from 'react';
import { SearchField } from '../../ui/SearchField.js';
import { type Option, SelectField } from '../../ui/SelectField.js';
import { OFFERING_TYPE_OPTIONS, RESOURCE_STATE_OPTIONS, type ResourceListParams } from './resourceQuery.js';

/** Choices that come from the server: offerings, organizations and projects. */
export interface ResourceFilterOptions {
  offerings: Option[];
  customers: Option[];
  projects: Option[];
}

/** The filter bar of the resource lists; every change goes to the URL. */
export function ResourceFilters({
  params,
  options,
  onChange,
}: {
  params: ResourceListParams;
  options: ResourceFilterOptions;
  onChange(changes: Record<string, string | null>): void;
}) {
  const stuckId = useId();
  return (
    <fieldset className="filters">
      <legend className="sr-only">Filters</legend>
      <SearchField label="Search" value={params.q} onChange={(q) => onChange({ q })} />
      <SelectField
        label="State"
        value={params.state}
        options={RESOURCE_STATE_OPTIONS}
        onChange={(state) => onChange({ state })}
      />
      <SelectField
        label="Offering type"
        value={params.type}
        options={OFFERING_TYPE_OPTIONS}
        onChange={(type) => onChange({ type })}
      />
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
        onChange={(customer) => onChange({ customer, project: null })}
      />
      <SelectField
        label="Project"
        value={params.project}
        options={options.projects}
        onChange={(project) => onChange({ project })}
      />
      <div className="field field-check">
        <input
          id={stuckId}
          type="checkbox"
          checked={!!params.stuck}
          onChange={(e) => onChange({ stuck: e.target.checked ? '1' : null })}
        />
        <label htmlFor={stuckId} title="Creating, Updating or Terminating for more than an hour">
          Stuck only (in Creating, Updating or Terminating for over an hour)
        </label>
      </div>
    </fieldset>
  );
}
