import { z } from 'zod';
import { UuidInput } from '../../../../platform/http/ids.js';
import { BoolFlag, listQuery, multi } from '../../../../platform/http/query.js';
import { SLUG_PATTERN } from '../../domain/slug.js';
import { OrganizationGroupOut } from './organization-group-presenter.js';

const slug = z.string().max(50).regex(SLUG_PATTERN, 'Lowercase letters, digits and single hyphens only.');
const isoDate = z.iso.date().meta({ description: 'YYYY-MM-DD' });

/** `POST /api/customers/` body. */
export const CustomerBody = z.object({
  name: z.string().trim().min(1).max(150),
  slug: slug.optional(),
  abbreviation: z.string().max(12).optional(),
  native_name: z.string().max(160).optional(),
  email: z.union([z.email(), z.literal('')]).optional(),
  backend_id: z.string().max(255).optional(),
  blocked: z.boolean().optional(),
  archived: z.boolean().optional(),
});

/** Waldur `Customer`. */
export const CustomerOut = z
  .object({
    url: z.string(),
    uuid: z.string(),
    name: z.string(),
    slug: z.string(),
    abbreviation: z.string(),
    native_name: z.string(),
    email: z.string(),
    backend_id: z.string(),
    blocked: z.boolean(),
    archived: z.boolean(),
    is_service_provider: z.boolean(),
    organization_groups: z.array(OrganizationGroupOut),
    created: z.string(),
  })
  .meta({ id: 'Customer' });

/** `GET /api/customers/` filters. */
export const CustomerListQuery = listQuery({
  name: z.string().optional(),
  slug: z.string().optional(),
  user_uuid: UuidInput.optional(),
  owned_by_current_user: BoolFlag.optional(),
  organization_group_uuid: multi(UuidInput),
  organization_group_name: z.string().optional(),
});

/** `POST /api/projects/` body. */
export const ProjectBody = z.object({
  name: z.string().trim().min(1).max(500),
  customer: z.string().min(1).meta({ description: 'Customer URL (`…/api/customers/<uuid>/`).' }),
  description: z.string().max(2000).optional(),
  start_date: isoDate.nullable().optional(),
  end_date: isoDate.nullable().optional(),
  slug: slug.optional(),
  backend_id: z.string().max(255).optional(),
});

/** `PATCH /api/projects/{uuid}/` body (the organization cannot change). */
export const ProjectPatchBody = ProjectBody.omit({ customer: true }).partial();

/** Waldur `Project`. */
export const ProjectOut = z
  .object({
    url: z.string(),
    uuid: z.string(),
    name: z.string(),
    slug: z.string(),
    description: z.string(),
    customer: z.string(),
    customer_uuid: z.string(),
    customer_name: z.string(),
    customer_slug: z.string(),
    start_date: z.string().nullable(),
    end_date: z.string().nullable(),
    backend_id: z.string(),
    created: z.string(),
  })
  .meta({ id: 'Project' });

/** `GET /api/projects/` filters. */
export const ProjectListQuery = listQuery({
  customer: multi(UuidInput),
  name: z.string().optional(),
  backend_id: z.string().max(255).optional(),
});

/** `POST /api/marketplace-service-providers/` body. */
export const ServiceProviderBody = z.object({
  customer: z.string().min(1).meta({ description: 'Customer URL.' }),
  description: z.string().max(2000).optional(),
  enable_notifications: z.boolean().optional(),
});

/** Waldur `ServiceProvider`. */
export const ServiceProviderOut = z
  .object({
    url: z.string(),
    uuid: z.string(),
    customer: z.string(),
    customer_uuid: z.string(),
    customer_name: z.string(),
    customer_slug: z.string(),
    description: z.string(),
    enable_notifications: z.boolean(),
    created: z.string(),
  })
  .meta({ id: 'ServiceProvider' });

/** `GET /api/marketplace-service-providers/` filters. */
export const ServiceProviderListQuery = listQuery({ customer_uuid: UuidInput.optional() });
