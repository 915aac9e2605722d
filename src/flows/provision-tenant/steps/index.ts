import { PROVISION_STEPS, type ProvisionStep } from '../../../modules/tenants/domain/steps.js';
import type { Compensation, ProvisionStepDef, SagaStep } from '../../tenant-saga/step.js';
import { activate } from './activate.js';
import { checkReadiness } from './check-readiness.js';
import { createAdminUser } from './create-admin-user.js';
import { createStorageStep } from './create-storage.js';
import { issueCertificate } from './issue-certificate.js';
import { registerWorkflowEngine } from './register-workflow-engine.js';
import { reserveSlugAndSlot } from './reserve-slug-and-slot.js';

/**
 * The step registry, keyed by step name (tenant spec §5.1): the compiler requires one entry per
 * `ProvisionStep`, each whose `name` is its key and whose compensation is the one `COMPENSATION_OF`
 * names. The order comes from `PROVISION_STEPS` alone.
 */
export const STEP_REGISTRY: { readonly [N in ProvisionStep]: ProvisionStepDef<N, unknown> } = {
  reserve_slug_and_slot: reserveSlugAndSlot,
  create_storage: createStorageStep,
  register_workflow_engine: registerWorkflowEngine,
  issue_certificate: issueCertificate,
  create_admin_user: createAdminUser,
  check_readiness: checkReadiness,
  activate,
};

/** A registered step with its name narrowed (for the ordered list). */
export type RegisteredStep = SagaStep<unknown> & { readonly name: ProvisionStep };

/** The provisioning steps in order. */
export const PROVISION_STEP_DEFS: readonly RegisteredStep[] = PROVISION_STEPS.map((n) => STEP_REGISTRY[n]);

/** A compensation with the step it undoes. */
export interface RegisteredCompensation {
  def: Compensation;
  undoes: ProvisionStep;
}

/** The compensations in the order a decommission runs them: reverse step order (§6.3). */
export const COMPENSATION_DEFS: readonly RegisteredCompensation[] = [...PROVISION_STEPS]
  .reverse()
  .flatMap((undoes) => {
    const def: Compensation | null = STEP_REGISTRY[undoes].compensation;
    return def ? [{ def, undoes }] : [];
  });
