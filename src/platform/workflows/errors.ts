import { DomainError } from '../errors.js';

/** A workflow id is already taken by a run of a different workflow. */
export class WorkflowIdConflictError extends DomainError {
  constructor(workflowId: string, existingWorkflow: string, requestedWorkflow: string) {
    super(
      'conflict',
      'workflow.id_conflict',
      `workflow id "${workflowId}" belongs to a run of "${existingWorkflow}", not "${requestedWorkflow}"`,
    );
  }
}

/** No workflow run has this id. */
export class WorkflowNotFoundError extends DomainError {
  constructor(workflowId: string) {
    super('not_found', 'workflow.not_found', `no workflow run "${workflowId}"`);
  }
}

/** A step's try overran its policy's `timeoutMs`; retryable like any network timeout. */
export class StepTimeoutError extends Error {
  /** Stable code, as the tenant saga records it. */
  readonly code = 'timeout';
  constructor(step: string, ms: number) {
    super(`step ${step} timed out after ${ms} ms`);
    this.name = 'StepTimeoutError';
  }
}
