import type { DBOSClient, WorkflowStatus } from '@dbos-inc/dbos-sdk';

/** DBOS's step record type, which its package index does not export. */
type StepInfo = NonNullable<Awaited<ReturnType<DBOSClient['listWorkflowSteps']>>>[number];

/** Where a workflow run stands. */
export type WorkflowRunStatus =
  /** Waiting on its queue (also: delayed, or handed back by the sweeper). */
  | 'enqueued'
  /** Claimed by an executor; running, or interrupted until recovered. */
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  /** Recovered too many times; left alone by DBOS (its dead letter). */
  | 'dead';

/** A workflow run, for audit and tests. */
export interface WorkflowState {
  workflowId: string;
  workflowName: string;
  status: WorkflowRunStatus;
  /** The executor (process slot) that claimed it last; empty while never claimed. */
  executorId: string;
  applicationVersion: string | undefined;
  queue: string | undefined;
  createdAt: Date;
  updatedAt: Date | undefined;
  /** When the current execution was claimed from the queue. */
  dequeuedAt: Date | undefined;
  completedAt: Date | undefined;
  /** The workflow's result when it succeeded. */
  output: unknown;
  /** Message of the error it failed with. */
  error: string | undefined;
}

/** A recorded step (checkpoint) of a workflow run. Retried failures are not recorded, only outcomes. */
export interface StepRecord {
  /** Position in the workflow (DBOS function id, from 0). */
  index: number;
  name: string;
  output: unknown;
  error: string | undefined;
  startedAt: Date | undefined;
  completedAt: Date | undefined;
}

const STATUS: Record<string, WorkflowRunStatus> = {
  ENQUEUED: 'enqueued',
  DELAYED: 'enqueued',
  PENDING: 'running',
  SUCCESS: 'succeeded',
  ERROR: 'failed',
  CANCELLED: 'cancelled',
  MAX_RECOVERY_ATTEMPTS_EXCEEDED: 'dead',
};

const date = (ms: number | undefined): Date | undefined =>
  ms === undefined || ms === null ? undefined : new Date(Number(ms));

/** Message of a revived DBOS error value. */
export function errorMessage(e: unknown): string | undefined {
  if (e === undefined || e === null) return undefined;
  return e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
}

/** Maps DBOS's status record to Orderly's. */
export function toWorkflowState(s: WorkflowStatus): WorkflowState {
  const status = STATUS[s.status];
  if (!status) throw new Error(`unknown workflow status ${s.status} of ${s.workflowID}`);
  return {
    workflowId: s.workflowID,
    workflowName: s.workflowName,
    status,
    executorId: s.executorId ?? '',
    applicationVersion: s.applicationVersion ?? undefined,
    queue: s.queueName ?? undefined,
    createdAt: new Date(Number(s.createdAt)),
    updatedAt: date(s.updatedAt),
    dequeuedAt: date(s.dequeuedAt),
    completedAt: date(s.completedAt),
    output: s.output,
    error: errorMessage(s.error),
  };
}

/** Maps one of DBOS's step records (a checkpoint) to Orderly's. */
export function toStepRecord(s: StepInfo): StepRecord {
  return {
    index: s.functionID,
    name: s.name,
    output: s.output,
    error: errorMessage(s.error),
    startedAt: date(s.startedAtEpochMs),
    completedAt: date(s.completedAtEpochMs),
  };
}
