/**
 * The provider, plan, project and organization columns that order and resource records both read,
 * under the names `scopeOf` and both representations expect. Aliases: `f` the offering, `pc` its
 * organization, `pl` the plan, `p` the project and `c` the project's organization.
 */
export const SHARED_RECORD_COLUMNS = [
  'f.customer_id as provider_customer_id',
  'pc.uuid as provider_uuid',
  'pc.name as provider_name',
  'pc.slug as provider_slug',
  'pl.uuid as plan_uuid',
  'pl.name as plan_name',
  'p.uuid as project_uuid',
  'p.name as project_name',
  'p.slug as project_slug',
  'p.end_date as project_end_date',
  'p.customer_id as customer_id',
  'c.uuid as customer_uuid',
  'c.name as customer_name',
  'c.slug as customer_slug',
  'c.blocked as customer_blocked',
  'c.archived as customer_archived',
] as const;
