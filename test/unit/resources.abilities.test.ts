import { describe, expect, it } from 'vitest';
import {
  assertResourceAction,
  type ResourceAbilityInput,
  resourceAbilities,
  resourceAbility,
  resourceCanTerminate,
} from '../../src/modules/resources/domain/abilities.js';
import {
  BOOKKEEPING_ACTIONS,
  BOOKKEEPING_GRANTS,
  BOOKKEEPING_RULES,
} from '../../src/modules/resources/domain/bookkeeping-actions.js';
import {
  RESOURCE_ACTION_RULES,
  RESOURCE_ACTIONS,
  RESOURCE_GRANTS,
  type ResourceGrant,
} from '../../src/modules/resources/domain/resource-actions.js';
import type { ResourceContextFacts, ResourceFacts } from '../../src/modules/resources/domain/types.js';

const NO_GRANTS = Object.fromEntries(Object.keys(RESOURCE_GRANTS).map((g) => [g, false])) as Record<
  ResourceGrant,
  boolean
>;

interface Options {
  grants?: ResourceGrant[];
  isStaff?: boolean;
  context?: Partial<ResourceContextFacts>;
}

function input(resource: Partial<ResourceFacts>, opts: Options = {}): ResourceAbilityInput {
  const grants = { ...NO_GRANTS };
  for (const g of opts.grants ?? []) grants[g] = true;
  return {
    resource: {
      state: 'OK',
      offeringType: 'Marketplace.Basic',
      offeringState: 'Active',
      restoreEnabled: true,
      hasPrepaidComponents: true,
      pendingOrders: [],
      ...resource,
    },
    context: {
      customerBlocked: false,
      customerArchived: false,
      projectExpired: false,
      projectName: 'Alpha',
      ...opts.context,
    },
    caller: { isStaff: opts.isStaff ?? false, grants },
  };
}

const owner: Options = { grants: ['terminate'] };
const pendingTerminate = [{ type: 'Terminate', state: 'pending-consumer' }] as const;

describe('terminate ability (§8)', () => {
  it.each(['OK', 'Erred'] as const)('is allowed on a %s resource', (state) => {
    expect(resourceAbility('terminate', input({ state }, owner))).toEqual({ allowed: true });
  });

  it.each(['Creating', 'Updating', 'Terminating', 'Terminated'] as const)('answers 409 on %s', (state) => {
    expect(() => assertResourceAction('terminate', input({ state }, owner))).toThrow(
      'Valid states for operation: OK, Erred, or Terminating when a termination order is pending consumer approval.',
    );
  });

  it('lets consumer approvers confirm a pending terminate order; others get 400', () => {
    const resource = { state: 'Terminating', pendingOrders: pendingTerminate } as const;
    expect(
      resourceAbility('terminate', input(resource, { grants: ['terminate', 'approveAsConsumer'] })).allowed,
    ).toBe(true);
    expect(resourceAbility('terminate', input(resource, owner))).toMatchObject({
      reason: 'order.pending_order_exists',
      message: 'Pending order for resource already exists.',
    });
  });

  it('refuses when another order is pending; ignores pending-project and pending-start-date (§16.7)', () => {
    const blocked = input({ pendingOrders: [{ type: 'Update', state: 'pending-provider' }] }, owner);
    expect(resourceAbility('terminate', blocked).reason).toBe('order.pending_order_exists');
    const deferred = input({ pendingOrders: [{ type: 'Update', state: 'pending-start-date' }] }, owner);
    expect(resourceAbility('terminate', deferred).allowed).toBe(true);
  });

  it('checks permission, then offering availability, then state', () => {
    expect(
      resourceAbility('terminate', input({ state: 'Creating', offeringState: 'Unavailable' })).reason,
    ).toBe('permission_denied');
    expect(
      resourceAbility('terminate', input({ state: 'Creating', offeringState: 'Unavailable' }, owner)),
    ).toMatchObject({
      reason: 'resource.offering_unavailable',
      message: 'Offering is unavailable.',
    });
  });

  it('derives the serializer can_terminate flag (§2.2)', () => {
    expect(resourceCanTerminate(input({ state: 'Erred' }, owner))).toBe(true);
    expect(resourceCanTerminate(input({ state: 'Updating' }, owner))).toBe(false);
    expect(
      resourceCanTerminate(input({ pendingOrders: [{ type: 'Update', state: 'pending-project' }] }, owner)),
    ).toBe(false);
    expect(resourceCanTerminate(input({}))).toBe(false);
  });

  it('terminates even in an expired project (TERMINATE is exempt) but not for a blocked customer', () => {
    expect(
      resourceAbility('terminate', input({}, { ...owner, context: { projectExpired: true } })).allowed,
    ).toBe(true);
    expect(
      resourceAbility('terminate', input({}, { ...owner, context: { customerBlocked: true } })).reason,
    ).toBe('customer.blocked');
  });
});

describe('provider recovery abilities (§8.1, §17 f, seed 001)', () => {
  const SEED_FAMILY_TYPES = [
    'Marketplace.Basic',
    'Support.OfferingTemplate',
    'Waldur.RemoteOffering',
    'OpenStack.Tenant',
    'Marketplace.Slurm',
    'Marketplace.Rancher',
    'Marketplace.Script',
  ] as const;

  it.each(SEED_FAMILY_TYPES)(
    'lets the provider set a Terminating %s resource as erred or OK',
    (offeringType) => {
      const stuck = input({ state: 'Terminating', offeringType }, { grants: ['setState'] });
      expect(resourceAbility('set_as_erred', stuck).allowed).toBe(true);
      expect(resourceAbility('set_state_ok', stuck)).toEqual({
        allowed: true,
        warning: 'Errors are not cleared and the backend is not touched.',
      });
    },
  );

  it('refuses set_state_ok from OK or Terminated (409)', () => {
    for (const state of ['OK', 'Terminated'] as const) {
      expect(resourceAbility('set_state_ok', input({ state }, { isStaff: true }))).toMatchObject({
        reason: 'resource.invalid_state',
        message: 'Resource must be Erred, Creating, Updating or Terminating.',
      });
    }
  });

  it('treats set_as_ok on OK as a no-op and refuses it on Terminated', () => {
    expect(resourceAbility('set_as_ok', input({ state: 'OK' }, { isStaff: true })).allowed).toBe(true);
    expect(resourceAbility('set_as_ok', input({ state: 'Terminated' }, { isStaff: true })).reason).toBe(
      'resource.invalid_transition',
    );
  });

  it('offers force destroy to staff only, also on a stuck resource (its order is failed first)', () => {
    expect(resourceAbility('force_destroy', input({ state: 'Erred' }, owner)).reason).toBe(
      'permission_denied',
    );
    expect(resourceAbility('force_destroy', input({ state: 'Erred' }, { isStaff: true })).warning).toContain(
      'force_destroy bypasses backend cleanup.',
    );
    const stuck = input({ state: 'Terminating', pendingOrders: pendingTerminate }, { isStaff: true });
    expect(resourceAbility('force_destroy', stuck).allowed).toBe(true);
    expect(() =>
      assertResourceAction('force_destroy', input({ state: 'Terminated' }, { isStaff: true })),
    ).toThrow('Valid states for operation: OK, Erred, Terminating.');
  });
});

describe('order-creating resource abilities', () => {
  it('restores a Terminated resource only when the offering option allows it', () => {
    const provider: Options = { grants: ['restore'] };
    expect(resourceAbility('restore', input({ state: 'Terminated' }, provider)).allowed).toBe(true);
    expect(
      resourceAbility('restore', input({ state: 'Terminated', restoreEnabled: false }, provider)).reason,
    ).toBe('resource.restore_disabled');
    expect(resourceAbility('restore', input({ state: 'OK' }, provider)).reason).toBe(
      'resource.invalid_state',
    );
    expect(
      resourceAbility('restore', input({ state: 'Terminated', offeringType: 'Orderly.Tenant' }, provider))
        .reason,
    ).toBe('resource.unsupported_offering_type');
  });

  it.each([
    ['OpenStack.Instance', 'Limits update is supported for'],
    ['Orderly.Tenant', 'Resource update is supported for'],
  ] as const)("refuses update_limits on %s with Waldur's 400 text", (offeringType, reasonStart) => {
    const i = input({ offeringType }, { grants: ['setLimits'] });
    expect(() => assertResourceAction('update_limits', i)).toThrow(
      'Limits update is not supported for this resource.',
    );
    expect(resourceAbility('update_limits', i).message).toMatch(new RegExp(`^${reasonStart}`));
  });

  it('refuses UPDATE orders for an expired project or a draft offering', () => {
    const grants: Options = { grants: ['setPlan'] };
    expect(
      resourceAbility('switch_plan', input({}, { ...grants, context: { projectExpired: true } })).message,
    ).toBe("Project 'Alpha' is expired.");
    expect(resourceAbility('switch_plan', input({ offeringState: 'Draft' }, grants)).reason).toBe(
      'order.offering_not_orderable',
    );
    expect(resourceAbility('switch_plan', input({ offeringState: 'Paused' }, grants)).allowed).toBe(true);
  });

  it('renews OK or Erred resources with prepaid components only', () => {
    const grants: Options = { grants: ['setLimits'] };
    expect(resourceAbility('renew', input({ state: 'Erred' }, grants)).allowed).toBe(true);
    expect(resourceAbility('renew', input({ hasPrepaidComponents: false }, grants)).reason).toBe(
      'resource.prepaid_components_required',
    );
  });

  it('returns one ability per action', () => {
    expect(Object.keys(resourceAbilities(input({}, { isStaff: true })))).toEqual(RESOURCE_ACTIONS);
  });
});

describe('provider roles on resources (issue 11, orders §8, §13)', () => {
  // The resource calls the site agent makes with an offering manager's token.
  const AGENT_ACTIONS = [
    'set_as_erred',
    'set_as_ok',
    'set_state_ok',
    'set_backend_id',
    'set_limits',
  ] as const;

  it.each(AGENT_ACTIONS)('%s accepts a grant on the offering as well as on its organization', (action) => {
    const check = RESOURCE_ACTION_RULES[action].checks.find((c) => c.kind === 'permission');
    const scopes = check?.kind === 'permission' ? RESOURCE_GRANTS[check.grant].scopes : [];
    expect(scopes).toEqual(expect.arrayContaining(['offering', 'offering.customer']));
  });

  // The site agent's bookkeeping calls (the edit and end-date actions are not the agent's).
  const AGENT_BOOKKEEPING = BOOKKEEPING_ACTIONS.filter(
    (a) => a.startsWith('set_') && !a.startsWith('set_end_date'),
  ).concat(['refresh_last_sync']);

  it.each(AGENT_BOOKKEEPING)(
    '%s accepts a grant on the offering as well as on its organization',
    (action) => {
      const rule = BOOKKEEPING_RULES[action];
      expect(rule === 'staff' ? [] : BOOKKEEPING_GRANTS[rule].scopes).toEqual(
        expect.arrayContaining(['offering', 'offering.customer']),
      );
    },
  );
});
