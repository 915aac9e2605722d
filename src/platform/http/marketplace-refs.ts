import { z } from 'zod';
import { hex, objectUrl } from './ids.js';

// The provider, plan, project and organization fields that Waldur's `OrderDetails` and `Resource`
// both carry, with the same names and links; orders and resources present them through these.

/** The row columns `planRefs` reads. */
interface PlanRow {
  offering_uuid: string;
  provider_uuid: string;
  provider_name: string;
  provider_slug: string;
  plan_uuid: string | null;
  plan_name: string | null;
}

/** `provider_*` and `plan*` of an order or a resource; the plan links under its public offering. */
export function planRefs(base: string, rec: PlanRow) {
  return {
    provider_uuid: hex(rec.provider_uuid),
    provider_name: rec.provider_name,
    provider_slug: rec.provider_slug,
    plan: rec.plan_uuid
      ? `${base}/api/marketplace-public-offerings/${hex(rec.offering_uuid)}/plans/${hex(rec.plan_uuid)}/`
      : null,
    plan_uuid: rec.plan_uuid ? hex(rec.plan_uuid) : null,
    plan_name: rec.plan_name ?? null,
  };
}

/** The row columns `projectRefs` reads. */
interface ProjectRow {
  project_uuid: string;
  project_name: string;
  project_slug: string;
  customer_uuid: string;
  customer_name: string;
  customer_slug: string;
}

/** `project*` and `customer_*` of an order or a resource. */
export function projectRefs(base: string, rec: ProjectRow) {
  return {
    project: objectUrl(base, 'projects', rec.project_uuid),
    project_uuid: hex(rec.project_uuid),
    project_name: rec.project_name,
    project_slug: rec.project_slug,
    customer_uuid: hex(rec.customer_uuid),
    customer_name: rec.customer_name,
    customer_slug: rec.customer_slug,
  };
}

/** Schema fields of `planRefs`, to spread into an object schema. */
export const planRefsShape = {
  provider_uuid: z.string(),
  provider_name: z.string(),
  provider_slug: z.string(),
  plan: z.string().nullable(),
  plan_uuid: z.string().nullable(),
  plan_name: z.string().nullable(),
};

/** Schema fields of `projectRefs`, to spread into an object schema. */
export const projectRefsShape = {
  project: z.string(),
  project_uuid: z.string(),
  project_name: z.string(),
  project_slug: z.string(),
  customer_uuid: z.string(),
  customer_name: z.string(),
  customer_slug: z.string(),
};

/** The row columns `usageScope` reads. */
interface UsageScopeRow {
  resource_name: string;
  resource_uuid: string;
  offering_name: string;
  offering_uuid: string;
  project_name: string;
  project_uuid: string;
  customer_name: string;
  customer_uuid: string;
}

/** The resource, offering, project and organization a usage report (total or per user) is about. */
export function usageScope(rec: UsageScopeRow) {
  return {
    resource_name: rec.resource_name,
    resource_uuid: hex(rec.resource_uuid),
    offering_name: rec.offering_name,
    offering_uuid: hex(rec.offering_uuid),
    project_name: rec.project_name,
    project_uuid: hex(rec.project_uuid),
    customer_name: rec.customer_name,
    customer_uuid: hex(rec.customer_uuid),
  };
}

/** Schema fields of `usageScope`, to spread into an object schema. */
export const usageScopeShape = {
  resource_name: z.string(),
  resource_uuid: z.string(),
  offering_name: z.string(),
  offering_uuid: z.string(),
  project_name: z.string(),
  project_uuid: z.string(),
  customer_name: z.string(),
  customer_uuid: z.string(),
};
