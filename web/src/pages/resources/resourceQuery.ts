import { OFFERING_CAPABILITIES } from '../../../../src/modules/offerings/domain/capabilities.js';
import { offeringTypeLabel } from '../../lib/format.js';
import type { Option } from '../../ui/SelectField.js';

/** Which resource list: the consumer's or the provider's. */
export type ResourceListView = 'consumer' | 'provider';

/** The list's URL parameters, read once per render. */
export interface ResourceListParams {
  q: string;
  state: string;
  type: string;
  offering: string;
  customer: string;
  project: string;
  stuck: string;
  page: number;
  size: number;
}

/** Resource states a person can filter by, in lifecycle order. */
export const RESOURCE_STATE_OPTIONS: Option[] = [
  'Creating',
  'OK',
  'Updating',
  'Terminating',
  'Terminated',
  'Erred',
].map((s) => ({ value: s, label: s }));

/** Offering types, by the capability table's family names ("SLURM", "Basic", …). */
export const OFFERING_TYPE_OPTIONS: Option[] = Object.keys(OFFERING_CAPABILITIES)
  .map((t) => ({ value: t, label: offeringTypeLabel(t) }))
  .sort((a, b) => a.label.localeCompare(b.label));

/** Reads the list parameters from the URL. */
export function readResourceParams(sp: URLSearchParams): ResourceListParams {
  const get = (k: string) => sp.get(k) ?? '';
  return {
    q: get('q'),
    state: get('state'),
    type: get('type'),
    offering: get('offering'),
    customer: get('customer'),
    project: get('project'),
    stuck: get('stuck'),
    page: Math.max(1, Number(get('page') || '1') || 1),
    size: Number(get('page_size') || '20') || 20,
  };
}

/** The API query of the list, newest change first; "stuck" asks the server for its threshold. */
export function resourceApiQuery(p: ResourceListParams) {
  return {
    page: p.page,
    page_size: p.size,
    o: '-created' as const,
    ...(p.q ? { query: p.q } : {}),
    ...(p.state ? { state: [p.state] } : {}),
    ...(p.type ? { offering_type: [p.type] } : {}),
    ...(p.offering ? { offering_uuid: [p.offering] } : {}),
    ...(p.customer ? { customer_uuid: p.customer } : {}),
    ...(p.project ? { project_uuid: p.project } : {}),
    ...(p.stuck ? { stuck: 'true' as const } : {}),
  };
}
