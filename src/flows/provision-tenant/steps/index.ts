import type { Compensation, SagaStep } from '../../tenant-saga/step.js';
import { activate } from './activate.js';
import { checkReadiness } from './check-readiness.js';
import { createAdminUser } from './create-admin-user.js';
import { createStorageStep, dropStorageStep } from './create-storage.js';
import { issueCertificate, revokeCertificate } from './issue-certificate.js';
import { deregisterWorkflowEngine, registerWorkflowEngine } from './register-workflow-engine.js';
import { releaseSlot, reserveSlugAndSlot } from './reserve-slug-and-slot.js';

/** The provisioning steps in order (tenant spec §5.1); names match `PROVISION_STEPS`. */
export const PROVISION_STEP_DEFS: readonly SagaStep<unknown>[] = [
  reserveSlugAndSlot,
  createStorageStep,
  registerWorkflowEngine,
  issueCertificate,
  createAdminUser,
  checkReadiness,
  activate,
];

/** The compensations in the order a decommission runs them: reverse step order (§6.3). */
export const COMPENSATION_DEFS: readonly Compensation[] = [
  revokeCertificate,
  deregisterWorkflowEngine,
  dropStorageStep,
  releaseSlot,
];
