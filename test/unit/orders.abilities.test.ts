import { describe, expect, it } from 'vitest';
import { OFFERING_TYPES, type OfferingType } from '../../src/modules/offerings/domain/offering-type.js';
import {
  assertOrderAction,
  evaluateOrderAction,
  type OrderAbilityInput,
  orderAbilities,
  orderAbility,
  orderCanTerminate,
} from '../../src/modules/orders/domain/abilities.js';
import {
  ORDER_ACTION_RULES,
  ORDER_ACTIONS,
  ORDER_GRANTS,
  type OrderAction,
  type OrderGrant,
} from '../../src/modules/orders/domain/order-actions.js';
import { ORDER_STATES } from '../../src/modules/orders/domain/order-state.js';
import type { OrderContextFacts, OrderFacts } from '../../src/modules/orders/domain/types.js';

const NO_GRANTS = Object.fromEntries(Object.keys(ORDER_GRANTS).map((g) => [g, false])) as Record<
  OrderGrant,
  boolean
>;

interface Options {
  grants?: OrderGrant[];
  isStaff?: boolean;
  isCreator?: boolean;
  context?: Partial<OrderContextFacts>;
}

function input(order: Partial<OrderFacts>, opts: Options = {}): OrderAbilityInput {
  const grants = { ...NO_GRANTS };
  for (const g of opts.grants ?? []) grants[g] = true;
  return {
    order: {
      state: 'erred',
      type: 'Create',
      offeringType: 'Marketplace.Basic',
      consumerReviewed: false,
      hasAttachment: false,
      ...order,
    },
    context: {
      customerBlocked: false,
      customerArchived: false,
      projectExpired: false,
      projectName: 'Alpha',
      purchaseOrderRequired: false,
      messagingEnabled: true,
      consumerReviewSkippable: false,
      resourceState: 'Erred',
      ...opts.context,
    },
    caller: { isStaff: opts.isStaff ?? false, isCreator: opts.isCreator ?? false, grants },
  };
}

const provider: Options = { grants: ['providerApprove'] };

describe('retry ability (§7.15)', () => {
  it('is allowed for an offering manager on an erred Basic CREATE order', () => {
    expect(orderAbility('retry', input({}, provider))).toEqual({ allowed: true });
  });

  it('refuses a caller without ORDER.APPROVE on the provider side (403 first)', () => {
    expect(
      orderAbility('retry', input({ state: 'executing', offeringType: 'Support.OfferingTemplate' })),
    ).toEqual({
      allowed: false,
      reason: 'permission_denied',
      message: 'You do not have permission to perform this action.',
    });
  });

  it('says "Order must be Erred." and answers Waldur\'s 409 text', () => {
    const i = input({ state: 'executing' }, provider);
    expect(orderAbility('retry', i)).toMatchObject({
      reason: 'order.invalid_state',
      message: 'Order must be Erred.',
    });
    expect(() => assertOrderAction('retry', i)).toThrow('Valid states for operation: erred.');
  });

  it("refuses Support orders with the capability reason and Waldur's 405 text", () => {
    const i = input({ offeringType: 'Support.OfferingTemplate' }, provider);
    expect(orderAbility('retry', i)).toEqual({
      allowed: false,
      reason: 'order.unsupported_offering_type',
      message: 'Retry is supported for Basic, SLURM and Orderly Tenant offerings only.',
    });
    const verdict = evaluateOrderAction('retry', i);
    expect(verdict.ok ? null : verdict.error).toMatchObject({
      kind: 'unsupported',
      message: 'Retry is not supported for offerings of type Support.OfferingTemplate',
    });
  });

  it('allows retry for Orderly.Tenant (= Retry provisioning)', () => {
    expect(orderAbility('retry', input({ offeringType: 'Orderly.Tenant' }, provider)).allowed).toBe(true);
  });

  it('refuses RESTORE orders with 400', () => {
    expect(orderAbility('retry', input({ type: 'Restore' }, provider)).reason).toBe(
      'order.retry_unsupported_order_type',
    );
  });

  it('refuses a CREATE retry whose resource cannot go back to Creating', () => {
    const verdict = evaluateOrderAction(
      'retry',
      input({}, { ...provider, context: { resourceState: 'OK' } }),
    );
    expect(verdict.ok ? null : verdict.error).toMatchObject({
      kind: 'validation',
      message: 'Cannot retry: resource state OK does not allow transition.',
    });
  });

  it('grants retry to whoever holds ORDER.APPROVE on the offering, its organization or its service provider (seed 000 "Who can retry")', () => {
    expect(ORDER_GRANTS.providerApprove).toEqual({
      permission: 'ORDER.APPROVE',
      scopes: ['offering', 'offering.customer', 'offering.customer.serviceprovider'],
    });
  });
});

describe('cancel ability (§7.11, seed 001 "When the Cancel action is available")', () => {
  const CANCEL_TYPES: OfferingType[] = ['Marketplace.Basic', 'Support.OfferingTemplate'];
  const CANCEL_STATES = ['pending-consumer', 'pending-provider', 'pending-start-date', 'executing'];
  const PAIRS = OFFERING_TYPES.flatMap((t) => ORDER_STATES.map((s) => [t, s] as const));

  it.each(PAIRS)('for staff on %s in %s follows the seed table', (offeringType, state) => {
    const ability = orderAbility('cancel', input({ offeringType, state }, { isStaff: true }));
    expect(ability.allowed).toBe(CANCEL_TYPES.includes(offeringType) && CANCEL_STATES.includes(state));
  });

  it('checks the state (409) before the offering type (405), quirk §16.8', () => {
    const grants: Options = { grants: ['consumerCancel'] };
    expect(
      orderAbility('cancel', input({ state: 'done', offeringType: 'OpenStack.Tenant' }, grants)).reason,
    ).toBe('order.invalid_state');
    const i = input({ state: 'executing', offeringType: 'OpenStack.Tenant' }, grants);
    expect(() => assertOrderAction('cancel', i)).toThrow(
      "The order's offering with OpenStack.Tenant type does not support this action",
    );
  });

  it("explains the states in the guide's words", () => {
    expect(orderAbility('cancel', input({ state: 'done' }, { isStaff: true })).message).toBe(
      'Order must be Pending consumer, Pending provider, Pending start date or Executing.',
    );
  });

  it('exposes the order can_terminate flag for Basic and Support only (§10.2)', () => {
    expect(orderCanTerminate({ state: 'executing', offeringType: 'Support.OfferingTemplate' })).toBe(true);
    expect(orderCanTerminate({ state: 'pending-start-date', offeringType: 'Marketplace.Basic' })).toBe(false);
    expect(orderCanTerminate({ state: 'executing', offeringType: 'Marketplace.Slurm' })).toBe(false);
  });
});

describe('set_state_* abilities (§7.12–§7.14)', () => {
  it.each(ORDER_STATES)('set_state_erred on a Slurm order in %s has no state check', (state) => {
    const ability = orderAbility(
      'set_state_erred',
      input({ state, offeringType: 'Marketplace.Slurm' }, { isStaff: true }),
    );
    expect(ability).toEqual({
      allowed: true,
      warning:
        'Marking an order as erred is expected to be done by the Waldur site agent. Doing it manually can lead to a broken state.',
    });
  });

  it('set_state_erred is Slurm-only', () => {
    expect(
      orderAbility('set_state_erred', input({ offeringType: 'Marketplace.Basic' }, { isStaff: true })),
    ).toMatchObject({
      allowed: false,
      message: 'Set state erred is supported for SLURM offerings only.',
    });
  });

  it.each([
    ['pending-consumer', true],
    ['erred', true],
    ['pending-start-date', false],
    ['executing', false],
  ] as const)('set_state_executing from %s: %s', (state, allowed) => {
    const i = input({ state, offeringType: 'Marketplace.Slurm' }, provider);
    expect(orderAbility('set_state_executing', i).allowed).toBe(allowed);
  });

  it.each([
    ['Marketplace.Slurm', true],
    ['Marketplace.Basic', true],
    ['Support.OfferingTemplate', true],
    ['Waldur.RemoteOffering', false],
  ] as const)('set_state_done on an executing %s order: %s', (offeringType, allowed) => {
    expect(
      orderAbility('set_state_done', input({ state: 'executing', offeringType }, provider)).allowed,
    ).toBe(allowed);
  });
});

describe('review abilities (§7.5–§7.8, §7.10)', () => {
  it('lets the creator reject as consumer without ORDER.REJECT', () => {
    expect(
      orderAbility('reject_by_consumer', input({ state: 'pending-consumer' }, { isCreator: true })).allowed,
    ).toBe(true);
    expect(orderAbility('reject_by_consumer', input({ state: 'pending-consumer' })).reason).toBe(
      'permission_denied',
    );
  });

  it('refuses consumer rejection when review is not required or already done', () => {
    const creator: Options = { isCreator: true, context: { consumerReviewSkippable: true } };
    expect(orderAbility('reject_by_consumer', input({ state: 'pending-consumer' }, creator)).message).toBe(
      'Review of order by consumer is not required.',
    );
    expect(
      orderAbility(
        'reject_by_consumer',
        input({ state: 'pending-consumer', consumerReviewed: true }, { isCreator: true }),
      ).message,
    ).toBe('Order is already reviewed by consumer.');
  });

  it('checks the blocked customer before the state for approve_by_consumer', () => {
    const i = input({ state: 'executing' }, { isStaff: true, context: { customerBlocked: true } });
    expect(orderAbility('approve_by_consumer', i)).toMatchObject({
      reason: 'customer.blocked',
      message: 'Blocked organization is not available.',
    });
  });

  it('names the expired project', () => {
    const i = input({ state: 'pending-consumer' }, { isStaff: true, context: { projectExpired: true } });
    expect(orderAbility('approve_by_consumer', i).message).toBe("Project 'Alpha' is expired.");
  });

  it('requires the purchase order except for TERMINATE orders', () => {
    const opts: Options = { isStaff: true, context: { purchaseOrderRequired: true } };
    expect(orderAbility('approve_by_consumer', input({ state: 'pending-consumer' }, opts)).message).toBe(
      'Purchase order is required for approval.',
    );
    expect(
      orderAbility('approve_by_consumer', input({ state: 'pending-consumer', type: 'Terminate' }, opts))
        .allowed,
    ).toBe(true);
  });

  it('checks the state before the blocked customer for destroy (§7.10)', () => {
    const i = input({ state: 'executing' }, { isStaff: true, context: { customerBlocked: true } });
    expect(orderAbility('destroy', i).reason).toBe('order.invalid_state');
  });
});

describe('other order abilities', () => {
  it('keeps unlink for staff', () => {
    expect(orderAbility('unlink', input({}, { grants: Object.keys(ORDER_GRANTS) as OrderGrant[] }))).toEqual({
      allowed: false,
      reason: 'permission_denied',
      message: 'Only staff can perform this action.',
    });
    expect(orderAbility('unlink', input({}, { isStaff: true })).allowed).toBe(true);
  });

  it('answers 404 for cancel_termination outside Remote EXECUTING TERMINATE orders, before the permission', () => {
    expect(orderAbility('cancel_termination', input({ state: 'executing', type: 'Terminate' })).reason).toBe(
      'order.not_found',
    );
    const remote = { state: 'executing', type: 'Terminate', offeringType: 'Waldur.RemoteOffering' } as const;
    expect(orderAbility('cancel_termination', input(remote)).reason).toBe('permission_denied');
    expect(orderAbility('cancel_termination', input(remote, { grants: ['providerApprove'] })).allowed).toBe(
      true,
    );
    expect(
      orderAbility('cancel_termination', input({ ...remote, type: 'Create' }, { isStaff: true })).reason,
    ).toBe('order.not_found');
  });

  it('refuses provider messaging when the offering disables it', () => {
    const i = input({ state: 'pending-provider' }, { isStaff: true, context: { messagingEnabled: false } });
    expect(orderAbility('set_provider_info', i).reason).toBe('order.messaging_disabled');
  });

  it('answers 404 for delete_attachment without a file', () => {
    expect(
      orderAbility('delete_attachment', input({ state: 'pending-consumer' }, { isCreator: true })).reason,
    ).toBe('order.not_found');
  });

  it("shows each refusal's code as the error its POST throws would carry (every action, state, type, caller)", () => {
    let refusals = 0;
    const callers: Options[] = [{}, provider, { isStaff: true }, { isCreator: true }];
    for (const offeringType of OFFERING_TYPES)
      for (const state of ORDER_STATES)
        for (const type of ['Create', 'Update', 'Terminate', 'Restore'] as const)
          for (const caller of callers)
            for (const action of ORDER_ACTIONS) {
              const v = evaluateOrderAction(action, input({ offeringType, state, type }, caller));
              if (v.ok) continue;
              refusals++;
              expect([action, v.code]).toEqual([action, v.error.code]);
            }
    expect(refusals).toBeGreaterThan(1000);
  });

  it('returns one ability per action', () => {
    const abilities = orderAbilities(input({ offeringType: 'Marketplace.Slurm' }, { isStaff: true }));
    expect(Object.keys(abilities)).toEqual(ORDER_ACTIONS);
    expect(abilities.retry.allowed).toBe(true);
    expect(abilities.set_state_executing.allowed).toBe(true);
    expect(abilities.cancel).toMatchObject({ allowed: false, reason: 'order.invalid_state' });
  });
});

describe('provider roles (seed 000 "Managing orders", orders §9.3)', () => {
  const PROVIDER_ACTIONS: OrderAction[] = [
    'approve_by_provider',
    'reject_by_provider',
    'set_state_executing',
    'set_state_done',
    'set_state_erred',
    'retry',
    'set_backend_id',
    'set_provider_info',
    'cancel_termination',
    'pull',
  ];
  const grantOf = (action: OrderAction) => {
    const check = ORDER_ACTION_RULES[action].checks.find((c) => c.kind === 'permission');
    return check?.kind === 'permission' ? ORDER_GRANTS[check.grant] : undefined;
  };

  it.each(PROVIDER_ACTIONS)('%s accepts a grant on the offering as well as on its organization', (action) => {
    const scopes = grantOf(action)?.scopes ?? [];
    expect(scopes).toContain('offering');
    expect(scopes).toContain('offering.customer');
  });

  it.each(ORDER_ACTIONS.filter((a) => !PROVIDER_ACTIONS.includes(a)))(
    '%s is not a provider action: no offering grant passes it',
    (action) => {
      expect(grantOf(action)?.scopes ?? []).not.toContain('offering');
    },
  );

  it('lets an offering manager (provider grants only) approve, reject, finish, fail and retry', () => {
    const manager: Options = { grants: ['providerApprove', 'providerReject', 'setBackendId'] };
    const slurm = { offeringType: 'Marketplace.Slurm' } as const;
    expect(orderAbility('approve_by_provider', input({ state: 'pending-provider' }, manager)).allowed).toBe(
      true,
    );
    expect(orderAbility('reject_by_provider', input({ state: 'pending-provider' }, manager)).allowed).toBe(
      true,
    );
    expect(orderAbility('set_state_done', input({ ...slurm, state: 'executing' }, manager)).allowed).toBe(
      true,
    );
    expect(orderAbility('set_state_erred', input({ ...slurm, state: 'executing' }, manager)).allowed).toBe(
      true,
    );
    expect(orderAbility('retry', input(slurm, manager)).allowed).toBe(true);
    expect(orderAbility('approve_by_consumer', input({ state: 'pending-consumer' }, manager)).reason).toBe(
      'permission_denied',
    );
    expect(orderAbility('cancel', input({ state: 'pending-consumer' }, manager)).reason).toBe(
      'permission_denied',
    );
  });
});
