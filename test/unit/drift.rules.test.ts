import { describe, expect, it } from 'vitest';
import { DRIFT_RULES, type DriftFacts, detectDrift } from '../../src/modules/drift/domain/drift-rules.js';
import { RESOURCE_EFFECTS } from '../../src/modules/resources/domain/order-effects.js';

const now = new Date('2026-01-01T12:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const facts = (f: Partial<DriftFacts>): DriftFacts => ({
  state: 'Updating',
  hasBackendId: true,
  since: ago(5),
  latestOrder: null,
  ...f,
});
const code = (f: Partial<DriftFacts>) => detectDrift(facts(f), now)?.rule.code ?? null;
const target = (f: Partial<DriftFacts>) => detectDrift(facts(f), now)?.expected ?? null;

describe('drift rules table', () => {
  it('has unique codes and every as-if repair names a cell of RESOURCE_EFFECTS', () => {
    expect(new Set(DRIFT_RULES.map((r) => r.code)).size).toBe(DRIFT_RULES.length);
    for (const r of DRIFT_RULES) {
      if (r.repair.kind === 'as_if')
        expect(RESOURCE_EFFECTS[r.repair.event][r.repair.orderType]).toBeDefined();
    }
  });

  it('a done order that explains the state repairs to the done cell', () => {
    expect(code({ latestOrder: { type: 'Update', state: 'done' } })).toBe('order_done_resource_in_progress');
    expect(target({ latestOrder: { type: 'Update', state: 'done' } })).toBe('OK');
    expect(target({ state: 'Terminating', latestOrder: { type: 'Terminate', state: 'done' } })).toBe(
      'Terminated',
    );
    expect(target({ state: 'Creating', latestOrder: { type: 'Restore', state: 'done' } })).toBe('OK');
  });

  it('an ended order repairs to its own cell (erred Create without backend id was never provisioned)', () => {
    const f = {
      state: 'Creating' as const,
      latestOrder: { type: 'Create' as const, state: 'erred' as const },
    };
    expect(code(f)).toBe('order_ended_resource_in_progress');
    expect(target({ ...f, hasBackendId: false })).toBe('Terminated');
    expect(target({ ...f, hasBackendId: true })).toBe('Erred');
    expect(target({ state: 'Terminating', latestOrder: { type: 'Terminate', state: 'canceled' } })).toBe(
      'OK',
    );
  });

  it('a state no order explains is flagged by its own rule', () => {
    expect(code({ state: 'Terminating', latestOrder: { type: 'Update', state: 'done' } })).toBe(
      'terminating_without_order',
    );
    expect(code({ state: 'Updating' })).toBe('updating_without_order');
    expect(code({ state: 'Creating', since: ago(59) })).toBeNull();
    expect(code({ state: 'Creating', since: ago(61) })).toBe('creating_without_order');
    expect(target({ state: 'Creating', since: ago(61), hasBackendId: false })).toBe('Terminated');
  });

  it('settled states are never drift', () => {
    for (const state of ['OK', 'Erred', 'Terminated'] as const) expect(code({ state })).toBeNull();
  });
});
