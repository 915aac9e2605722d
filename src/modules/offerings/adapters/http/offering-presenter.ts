import type { Actor } from '../../../../platform/auth/actor.js';
import { hex, objectUrl } from '../../../../platform/http/ids.js';
import { presentOrganizationGroup } from '../../../identity/api.js';
import { offeringStateFromCode } from '../../domain/offering-type.js';
import type { CategoryRow } from '../pg/category-repository.js';
import type { ComponentRow } from '../pg/component-repository.js';
import type { OfferingParts } from '../pg/offering-parts.js';
import type { OfferingRow } from '../pg/offering-repository.js';
import { presentProviderPlan, presentPublicPlan } from './plan-presenter.js';

/** Waldur `MarketplaceCategory`. */
export function presentCategory(base: string, c: CategoryRow & { offering_count?: string | number | null }) {
  return {
    url: objectUrl(base, 'marketplace-categories', c.uuid),
    uuid: hex(c.uuid),
    title: c.title,
    description: c.description,
    offering_count: Number(c.offering_count ?? 0),
    created: c.created.toISOString(),
  };
}

/** Waldur `OfferingComponent`. */
export function presentComponent(c: ComponentRow) {
  return {
    uuid: hex(c.uuid),
    type: c.type,
    name: c.name,
    description: c.description,
    billing_type: c.billing_type,
    measured_unit: c.measured_unit,
    limit_period: c.limit_period,
    limit_amount: c.limit_amount,
    min_value: c.min_value,
    max_value: c.max_value,
    max_available_limit: c.max_available_limit,
    is_prepaid: c.is_prepaid,
  };
}

function offeringBody(base: string, o: OfferingRow, parts: OfferingParts) {
  return {
    uuid: hex(o.uuid),
    created: o.created.toISOString(),
    name: o.name,
    slug: o.slug,
    description: o.description,
    customer: objectUrl(base, 'customers', o.customer_uuid),
    customer_uuid: hex(o.customer_uuid),
    customer_name: o.customer_name,
    category: objectUrl(base, 'marketplace-categories', o.category_uuid),
    category_uuid: hex(o.category_uuid),
    category_title: o.category_title,
    type: o.type,
    state: offeringStateFromCode(o.state),
    shared: o.shared,
    billable: o.billable,
    paused_reason: o.paused_reason,
    backend_id: o.backend_id,
    plugin_options: o.plugin_options,
    options: o.options,
    resource_options: o.resource_options,
    attributes: o.attributes,
    latitude: o.latitude,
    longitude: o.longitude,
    full_description: o.full_description,
    privacy_policy_link: o.privacy_policy_link,
    helpdesk_url: o.helpdesk_url,
    documentation_url: o.documentation_url,
    access_url: o.access_url,
    getting_started: o.getting_started,
    integration_guide: o.integration_guide,
    // Endpoints and SLURM partitions are not modelled yet; they are shown empty so that clients
    // reading them parse (contract §0.4).
    components: parts.components.map(presentComponent),
    organization_groups: parts.organization_groups.map((g) => presentOrganizationGroup(base, g)),
    // Waldur links the image file; here it is the image route, readable by whoever sees the offering.
    thumbnail: o.has_thumbnail
      ? `${objectUrl(base, 'marketplace-public-offerings', o.uuid)}thumbnail/`
      : null,
    endpoints: [],
    partitions: [],
  };
}

/** Waldur `ProviderOfferingDetails`; `secret_options` (scripts, credentials) is shown to staff only. */
export function presentProviderOffering(base: string, actor: Actor, o: OfferingRow, parts: OfferingParts) {
  return {
    url: objectUrl(base, 'marketplace-provider-offerings', o.uuid),
    ...offeringBody(base, o, parts),
    ...(actor.isStaff ? { secret_options: o.secret_options } : {}),
    plans: parts.plans.map((p) => presentProviderPlan(base, p)),
  };
}

/** Waldur `PublicOfferingDetails`. */
export function presentPublicOffering(base: string, o: OfferingRow, parts: OfferingParts) {
  return {
    url: objectUrl(base, 'marketplace-public-offerings', o.uuid),
    ...offeringBody(base, o, parts),
    plans: parts.plans.map((p) => presentPublicPlan(base, p)),
  };
}
