/** The provisioning steps, in order (tenant spec §5.1): the one list of step names. */
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

/**
 * Each step's compensation (§6.3), or null when dropping the storage undoes it already. Keyed by
 * step name, so the compiler checks it; the step registry (`flows/provision-tenant/steps/`) is
 * typed against it, so a step object carries exactly the compensation named here.
 */
export const COMPENSATION_OF = {
  reserve_slug_and_slot: 'release_slot',
  create_storage: 'drop_storage',
  register_workflow_engine: 'deregister_workflow_engine',
  issue_certificate: 'revoke_certificate',
  create_admin_user: null,
  check_readiness: null,
  activate: null,
} as const satisfies Record<ProvisionStep, string | null>;

/** A compensation name. */
export type CompensationName = NonNullable<(typeof COMPENSATION_OF)[ProvisionStep]>;

/** The compensation a step `N` declares: its name, or null. */
export type CompensationNameOf<N extends ProvisionStep> = (typeof COMPENSATION_OF)[N];

/** The compensations of a decommission run, in the order they run: reverse step order (§6.3). */
export const COMPENSATIONS: readonly { name: CompensationName; undoes: ProvisionStep }[] = [
  ...PROVISION_STEPS,
]
  .reverse()
  .flatMap((undoes) => {
    const name = COMPENSATION_OF[undoes];
    return name === null ? [] : [{ name, undoes }];
  });

/** Every step name a fault may target (§5.3). */
export const FAULTABLE_STEPS: readonly string[] = [...PROVISION_STEPS, ...COMPENSATIONS.map((c) => c.name)];

/** Whether a stored name is a provisioning step (a run's `failed_activity` may be `plan_retry`). */
export function isProvisionStep(name: string | null | undefined): name is ProvisionStep {
  return (PROVISION_STEPS as readonly (string | null | undefined)[]).includes(name);
}

/** Position of a provisioning step (0-based); total over {@link ProvisionStep}, so never −1. */
export function stepIndex(step: ProvisionStep): number {
  return PROVISION_STEPS.indexOf(step);
}
