import { describe, expect, it } from 'vitest';
import { STEP_REGISTRY } from '../../src/flows/provision-tenant/steps/index.js';
import {
  canMoveRun,
  canMoveStep,
  RUN_ALLOWED,
  type RunStatus,
  STEP_ALLOWED,
  type StepStatus,
} from '../../src/modules/tenants/domain/statuses.js';
import {
  COMPENSATION_OF,
  COMPENSATIONS,
  PROVISION_STEPS,
  stepIndex,
} from '../../src/modules/tenants/domain/steps.js';

const RUN_EDGES = new Set([
  'queued>running',
  'queued>failed',
  'queued>reset',
  'running>running',
  'running>waiting_retry',
  'running>succeeded',
  'running>failed',
  'running>reset',
  'waiting_retry>running',
  'waiting_retry>waiting_retry',
  'waiting_retry>failed',
  'waiting_retry>reset',
]);

const STEP_EDGES = new Set([
  'pending>running',
  'pending>compensating',
  'pending>reused',
  'running>running',
  'running>waiting_retry',
  'running>completed',
  'running>failed',
  'running>abandoned',
  'compensating>compensating',
  'compensating>waiting_retry',
  'compensating>compensated',
  'compensating>failed',
  'compensating>abandoned',
  'waiting_retry>running',
  'waiting_retry>compensating',
  'waiting_retry>waiting_retry',
  'waiting_retry>failed',
  'waiting_retry>abandoned',
  'failed>compensation_skipped',
]);

const RUNS = Object.keys(RUN_ALLOWED) as RunStatus[];
const STEPS = Object.keys(STEP_ALLOWED) as StepStatus[];

describe('the run status table (tenant spec §3.3)', () => {
  it.each(RUNS.flatMap((from) => RUNS.map((to) => [from, to] as const)))(
    '%s → %s is allowed only if listed',
    (from, to) => expect(canMoveRun(from, to)).toBe(RUN_EDGES.has(`${from}>${to}`)),
  );

  it('has no way out of an ended run', () => {
    expect(RUNS.filter((s) => RUN_ALLOWED[s].length === 0)).toEqual(['succeeded', 'failed', 'reset']);
    expect(Object.values(RUN_ALLOWED).flat()).toHaveLength(RUN_EDGES.size);
  });
});

describe('the step status table (tenant spec §3.3)', () => {
  it.each(STEPS.flatMap((from) => STEPS.map((to) => [from, to] as const)))(
    '%s → %s is allowed only if listed',
    (from, to) => expect(canMoveStep(from, to)).toBe(STEP_EDGES.has(`${from}>${to}`)),
  );

  it('lists every edge once', () => {
    expect(Object.values(STEP_ALLOWED).flat()).toHaveLength(STEP_EDGES.size);
  });
});

describe('the step registry', () => {
  it('has one step per name, under its own name, with the compensation the table names', () => {
    expect(Object.keys(STEP_REGISTRY).sort()).toEqual([...PROVISION_STEPS].sort());
    for (const name of PROVISION_STEPS) {
      expect(STEP_REGISTRY[name].name).toBe(name);
      expect(STEP_REGISTRY[name].compensation?.name ?? null).toBe(COMPENSATION_OF[name]);
      expect(stepIndex(name)).toBeGreaterThanOrEqual(0);
    }
  });

  it('runs compensations in reverse step order', () => {
    expect(COMPENSATIONS.map((c) => c.name)).toEqual([
      'revoke_certificate',
      'deregister_workflow_engine',
      'drop_storage',
      'release_slot',
    ]);
  });
});
