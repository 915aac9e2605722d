import { insertCategory } from '../modules/offerings/adapters/pg/category-repository.js';
import type { ComponentInput } from '../modules/offerings/adapters/pg/component-repository.js';
import { insertComponents } from '../modules/offerings/adapters/pg/component-repository.js';
import { insertOffering } from '../modules/offerings/adapters/pg/offering-writes.js';
import { insertPlan, type PlanInput } from '../modules/offerings/adapters/pg/plan-repository.js';
import { OFFERING_STATE_CODES, OfferingType } from '../modules/offerings/domain/offering-type.js';
import type { Tx } from '../platform/db/database.js';

/** One demo offering of Nordic Compute. */
interface DemoOffering {
  name: string;
  slug: string;
  type: OfferingType;
  description: string;
  components: ComponentInput[];
  plan: PlanInput;
  plugin_options?: Record<string, unknown>;
  secret_options?: Record<string, unknown>;
  /** Waldur's order form (`options.options`): attributes the order must carry. */
  options?: Record<string, unknown>;
}

const cpu: ComponentInput = {
  type: 'cpu',
  name: 'CPU cores',
  billing_type: 'limit',
  measured_unit: 'cores',
  min_value: 1,
  max_value: 256,
};
const ram: ComponentInput = {
  type: 'ram',
  name: 'RAM',
  billing_type: 'limit',
  measured_unit: 'GB',
  min_value: 1,
  max_value: 2048,
};
const storage: ComponentInput = {
  type: 'storage',
  name: 'Storage',
  billing_type: 'limit',
  measured_unit: 'GB',
  min_value: 10,
  max_value: 100_000,
};
const vm = [cpu, ram, storage];
const vmPrices = { cpu: '4.50', ram: '1.25', storage: '0.05' };

/** The name of the Slurm offering (the demo offering manager `olga` is granted on it). */
export const DEMO_SLURM_OFFERING = 'Nordic HPC Cluster';

/**
 * Nordic Compute's catalogue: one Active offering per type Orderly processes differently. A Remote
 * offering is left out: it needs a real remote Waldur (api_url, token, customer_uuid), and one that
 * points nowhere only fails every order.
 */
const OFFERINGS: readonly DemoOffering[] = [
  {
    name: 'Managed Research Storage',
    slug: 'managed-research-storage',
    type: OfferingType.BASIC,
    description: 'Project storage set up by Nordic Compute staff after approval.',
    components: [storage],
    plan: { name: 'Storage', unit_price: '0', prices: { storage: '0.04' } },
  },
  {
    name: DEMO_SLURM_OFFERING,
    slug: 'nordic-hpc-cluster',
    type: OfferingType.SLURM,
    description: 'Batch compute allocations, provisioned by the Waldur site agent.',
    components: [
      { ...cpu, type: 'cpu', name: 'CPU core-hours', measured_unit: 'core-hours', max_value: 1_000_000 },
      { ...ram, type: 'ram', name: 'RAM GB-hours', measured_unit: 'GB-hours', max_value: 4_000_000 },
      // Scratch storage is billed from what the site agent reports, not from an ordered limit.
      { ...storage, billing_type: 'usage', min_value: null, max_value: null },
    ],
    plan: { name: 'Allocation', unit_price: '0', prices: { cpu: '0.012', ram: '0.002', storage: '0.03' } },
    // Project members get offering users as in Waldur, named after their login so the site agent
    // can add them to accounts without a username-management backend.
    plugin_options: {
      service_provider_can_create_offering_user: true,
      username_generation_policy: 'waldur_username',
    },
  },
  {
    name: 'Expert Support',
    slug: 'expert-support',
    type: OfferingType.SUPPORT,
    description: 'Hours of help from research software engineers, handled through the helpdesk.',
    components: [{ type: 'hours', name: 'Support hours', billing_type: 'fixed', measured_unit: 'hours' }],
    plan: { name: 'Ten hours a month', unit_price: '0', prices: { hours: '80' }, quotas: { hours: '10' } },
  },
  {
    name: 'Scripted Virtual Machine',
    slug: 'scripted-virtual-machine',
    type: OfferingType.SCRIPT,
    description: 'A VM created by the provider scripts below.',
    components: vm,
    plan: { name: 'Small VM', unit_price: '5', prices: vmPrices },
    plugin_options: { auto_approve_marketplace_script: true },
    secret_options: {
      language: 'shell',
      create: '#!/bin/sh\necho "creating $RESOURCE_NAME"',
      terminate: '#!/bin/sh\necho "deleting $RESOURCE_NAME"',
    },
  },
  {
    name: 'OpenStack Project',
    slug: 'openstack-project',
    type: OfferingType.OPENSTACK_TENANT,
    description: 'An OpenStack tenant with quotas for cores, RAM and volumes.',
    components: [
      { ...cpu, type: 'cores', name: 'Cores' },
      { ...ram, measured_unit: 'MB', max_value: 2_097_152 },
      storage,
    ],
    plan: { name: 'Tenant', unit_price: '0', prices: { cores: '4', ram: '0.001', storage: '0.05' } },
  },
  {
    name: 'Kubernetes Cluster',
    slug: 'kubernetes-cluster',
    type: OfferingType.RANCHER,
    description: 'A Rancher-managed Kubernetes cluster.',
    components: [
      { ...cpu, type: 'nodes', name: 'Worker nodes', measured_unit: 'nodes', max_value: 50 },
      ...vm,
    ],
    plan: { name: 'Cluster', unit_price: '25', prices: { nodes: '10', ...vmPrices } },
  },
  {
    name: 'Orderly Tenant',
    slug: 'orderly-tenant',
    type: OfferingType.ORDERLY_TENANT,
    description:
      'An isolated tenant (its own database schema, TLS certificate, admin user and admin console), ' +
      'provisioned by the Orderly saga; reachable at https://<slug>.tenants.localhost.',
    components: [],
    // Twenty-five slots: the plan's max_amount is its capacity (tenant spec §4).
    plan: { name: 'Tenant', unit_price: '15', max_amount: 25 },
    plugin_options: { base_domain: 'tenants.localhost' },
    options: {
      order: ['slug', 'admin_email'],
      options: {
        slug: {
          type: 'string',
          label: 'Slug',
          required: true,
          help_text:
            'The host name <slug>.tenants.localhost: 3–63 lower-case letters, digits and hyphens, starting with a letter.',
        },
        admin_email: {
          type: 'string',
          label: 'Admin e-mail',
          required: true,
          help_text: "E-mail address of the tenant's first admin user.",
        },
      },
    },
  },
];

/**
 * Seeds the "Compute" category and Nordic Compute's Active offerings, each with its components and
 * one plan; returns offering name → id (for demo grants).
 */
export async function seedOfferings(tx: Tx, providerCustomerId: number): Promise<Map<string, number>> {
  const category = await insertCategory(tx, {
    title: 'Compute',
    description: 'HPC, cloud and storage services',
  });
  const ids = new Map<string, number>();
  for (const o of OFFERINGS) {
    const row = await insertOffering(tx, {
      customer_id: providerCustomerId,
      category_id: category.id,
      name: o.name,
      slug: o.slug,
      type: o.type,
      description: o.description,
      state: OFFERING_STATE_CODES.Active,
      plugin_options: o.plugin_options ?? {},
      secret_options: o.secret_options ?? {},
      options: o.options ?? {},
    });
    const components = await insertComponents(tx, row.id, o.components);
    await insertPlan(tx, row.id, { unit: 'month', ...o.plan }, components);
    ids.set(o.name, row.id);
  }
  return ids;
}
