/** The provisioning steps, in order (tenant spec §5.1). */
export const PROVISION_STEPS = [
  'reserve_slug_and_slot',
  'create_storage',
  'register_workflow_engine',
  'issue_certificate',
  'create_admin_user',
  'check_readiness',
  'activate',
] as const;

/** A provisioning step name. */
export type ProvisionStep = (typeof PROVISION_STEPS)[number];

/** The compensations of a decommission run, in the order they run (reverse step order, §6.3). */
export const COMPENSATIONS = [
  { name: 'revoke_certificate', undoes: 'issue_certificate' },
  { name: 'deregister_workflow_engine', undoes: 'register_workflow_engine' },
  { name: 'drop_storage', undoes: 'create_storage' },
  { name: 'release_slot', undoes: 'reserve_slug_and_slot' },
] as const;

/** A compensation name. */
export type CompensationName = (typeof COMPENSATIONS)[number]['name'];

/** Every step name a fault may target (§5.3). */
export const FAULTABLE_STEPS: readonly string[] = [...PROVISION_STEPS, ...COMPENSATIONS.map((c) => c.name)];

/** Position of a provisioning step (0-based). */
export function stepIndex(step: string): number {
  return (PROVISION_STEPS as readonly string[]).indexOf(step);
}
