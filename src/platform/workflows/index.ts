// The public surface of Orderly's durable execution layer. Modules import from here only; nothing
// outside src/platform/workflows/ imports DBOS (architecture G6).
export { DEFAULT_QUEUE, DEFAULT_RETRY, defineQueue, defineStep, defineWorkflow, NO_RETRY } from './define.js';
export {
  APPLICATION_NAME,
  type Enqueued,
  type EnqueueRequest,
  startWorkflowEngine,
  type WorkflowEngine,
  type WorkflowEngineOptions,
} from './engine.js';
export { StepTimeoutError, WorkflowIdConflictError, WorkflowNotFoundError } from './errors.js';
export { retryDelayMs } from './retry.js';
export type { StepRecord, WorkflowRunStatus, WorkflowState } from './status.js';
export { migrateSystemSchema as migrateWorkflowSchema } from './system-schema.js';
export type {
  AnyWorkflow,
  QueueSpec,
  RetryPolicy,
  StepContext,
  StepDefinition,
  StepObserver,
  TryFailure,
  WorkflowContext,
  WorkflowDefinition,
} from './types.js';
