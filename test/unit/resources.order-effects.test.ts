import { describe, expect, it } from 'vitest';
import type { OrderType } from '../../src/modules/orders/domain/order-type.js';
import {
  type OrderEffectContext,
  type OrderEvent,
  resourceStateAfterOrderEvent,
} from '../../src/modules/resources/domain/order-effects.js';
import type { ResourceState } from '../../src/modules/resources/domain/resource-state.js';

const BASE: OrderEffectContext = {
  currentState: 'OK',
  hasBackendId: true,
  forceDestroy: false,
  actorIsStaff: false,
};

/** The resulting resource state, or `refused <code>`. */
function resultOf(
  type: OrderType,
  event: OrderEvent,
  currentState: ResourceState | null,
  extra: Partial<OrderEffectContext> = {},
): string {
  const outcome = resourceStateAfterOrderEvent(type, event, { ...BASE, currentState, ...extra });
  if (outcome.kind === 'refused') return `refused ${outcome.error.code}`;
  if (outcome.kind === 'set') return outcome.to;
  return currentState ?? 'none';
}

/** The state a resource is normally in while an order of this type is in flight. */
const IN_FLIGHT: Record<OrderType, ResourceState> = {
  Create: 'Creating',
  Update: 'Updating',
  Terminate: 'Terminating',
  Restore: 'Creating',
};

type Row = readonly [
  label: string,
  event: OrderEvent,
  extra: Partial<OrderEffectContext>,
  cells: Record<OrderType, string>,
];

// Orders spec §4.3, copied cell by cell ("TERMINATED if no backend_id" and the force_destroy
// variant get their own rows).
const SPEC_4_3: readonly Row[] = [
  ['rejected', 'rejected', {}, { Create: 'Terminated', Update: 'OK', Terminate: 'OK', Restore: 'OK' }],
  ['canceled', 'canceled', {}, { Create: 'Terminated', Update: 'OK', Terminate: 'OK', Restore: 'OK' }],
  [
    'done (callbacks, §11.3)',
    'done',
    {},
    { Create: 'OK', Update: 'OK', Terminate: 'Terminated', Restore: 'OK' },
  ],
  [
    'failed via callback',
    'failed',
    {},
    { Create: 'Erred', Update: 'Erred', Terminate: 'OK', Restore: 'Erred' },
  ],
  [
    'API set_state_erred',
    'erred',
    {},
    { Create: 'Erred', Update: 'Erred', Terminate: 'OK', Restore: 'Erred' },
  ],
  [
    'API set_state_erred without backend_id',
    'erred',
    { hasBackendId: false },
    { Create: 'Terminated', Update: 'Erred', Terminate: 'OK', Restore: 'Terminated' },
  ],
  [
    'processor exception (even without backend_id)',
    'processing_failed',
    { hasBackendId: false },
    { Create: 'Erred', Update: 'Erred', Terminate: 'Erred', Restore: 'Erred' },
  ],
  [
    'processor exception, staff force_destroy',
    'processing_failed',
    { forceDestroy: true, actorIsStaff: true },
    { Create: 'Erred', Update: 'Erred', Terminate: 'Terminated', Restore: 'Erred' },
  ],
  [
    'processor exception, owner force_destroy',
    'processing_failed',
    { forceDestroy: true, actorIsStaff: false },
    { Create: 'Erred', Update: 'Erred', Terminate: 'Erred', Restore: 'Erred' },
  ],
  [
    'canceled via callback',
    'callback_canceled',
    {},
    { Create: 'Terminated', Update: 'OK', Terminate: 'OK', Restore: 'Terminated' },
  ],
];

const CELLS = SPEC_4_3.flatMap(([label, event, extra, cells]) =>
  (Object.keys(cells) as OrderType[]).map((type) => [label, type, event, extra, cells[type]] as const),
);

describe('resource state after order events (§4.3)', () => {
  it.each(CELLS)('%s: %s order → %s', (_label, type, event, extra, expected) => {
    expect(resultOf(type, event, IN_FLIGHT[type], extra)).toBe(expected);
  });

  it('creates the resource in Creating for a CREATE order', () => {
    expect(resultOf('Create', 'created', null)).toBe('Creating');
  });

  it.each([
    ['Update', 'Updating'],
    ['Terminate', 'Terminating'],
  ] as const)('moves an OK resource at %s order creation to %s (§4.2.1)', (type, expected) => {
    expect(resultOf(type, 'created', 'OK')).toBe(expected);
  });

  it('leaves an Erred resource alone when an UPDATE or TERMINATE order is created (§4.2.1)', () => {
    expect(resultOf('Update', 'created', 'Erred')).toBe('Erred');
    expect(resultOf('Terminate', 'created', 'Erred')).toBe('Erred');
  });

  it('moves a Terminated resource to Creating when a RESTORE order is created', () => {
    expect(resultOf('Restore', 'created', 'Terminated')).toBe('Creating');
  });

  it.each(['approved', 'executing'] as const)('does not touch the resource on %s', (event) => {
    for (const type of ['Create', 'Update', 'Terminate', 'Restore'] as const) {
      expect(resultOf(type, event, IN_FLIGHT[type])).toBe(IN_FLIGHT[type]);
    }
  });

  it.each(['timed_out', 'no_processor'] as const)('errs the resource of every order type on %s', (event) => {
    for (const type of ['Create', 'Update', 'Terminate', 'Restore'] as const) {
      expect(resultOf(type, event, IN_FLIGHT[type], { hasBackendId: false })).toBe('Erred');
    }
  });

  it('keeps a resource that is already in the target state ("if not OK", §4.2)', () => {
    expect(resultOf('Update', 'rejected', 'OK')).toBe('OK');
  });

  it('keeps a Terminated resource when set_state_erred hits a non-TERMINATE order (§7.14)', () => {
    expect(resultOf('Update', 'erred', 'Terminated')).toBe('Terminated');
  });

  it('refuses an effect the §4.1 graph forbids with a 409 code (§17 c)', () => {
    expect(resultOf('Update', 'canceled', 'Terminated')).toBe('refused resource.invalid_transition');
  });

  it('moves the resource back to live states when a remote order resumes (§17 g)', () => {
    expect(resultOf('Update', 'resumed', 'Erred')).toBe('Updating');
    expect(resultOf('Terminate', 'resumed', 'Erred')).toBe('Terminating');
    expect(resultOf('Create', 'resumed', 'Erred')).toBe('Erred');
  });
});

describe('resource state after retry (seed 000 "What happens during retry")', () => {
  // Seed 000 table, row by row: order type → resource state after retry.
  const SEED_RETRY_ROWS = [
    ['Create', 'Creating'],
    ['Update', 'Updating'],
    ['Terminate', 'Terminating'],
  ] as const;

  it.each(SEED_RETRY_ROWS)('%s → %s', (type, expected) => {
    expect(resultOf(type, 'retry', 'Erred')).toBe(expected);
  });

  it('retries a CREATE whose resource was terminated (set_state_creating accepts TERMINATED)', () => {
    expect(resultOf('Create', 'retry', 'Terminated')).toBe('Creating');
  });

  it('retries a TERMINATE whose resource went back to OK (test_order_set_state OrderRetryTest)', () => {
    expect(resultOf('Terminate', 'retry', 'OK')).toBe('Terminating');
  });

  it('refuses retry of a RESTORE order with 400', () => {
    const outcome = resourceStateAfterOrderEvent('Restore', 'retry', { ...BASE, currentState: 'Erred' });
    expect(outcome).toMatchObject({
      kind: 'refused',
      error: { kind: 'validation', code: 'order.retry_unsupported_order_type' },
    });
  });

  it('refuses a CREATE retry the FSM rejects with Waldur text', () => {
    const outcome = resourceStateAfterOrderEvent('Create', 'retry', { ...BASE, currentState: 'OK' });
    expect(outcome).toMatchObject({
      kind: 'refused',
      error: {
        kind: 'validation',
        code: 'order.retry_resource_state',
        message: 'Cannot retry: resource state OK does not allow transition.',
      },
    });
  });
});
