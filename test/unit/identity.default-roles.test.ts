import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLES } from '../../src/modules/identity/domain/default-roles.js';
import { PROVIDER_SIDE_ROLES, RoleName } from '../../src/modules/identity/domain/permissions.js';

const permissionsOf = (name: RoleName) => DEFAULT_ROLES.find((r) => r.name === name)?.permissions ?? [];

describe('provider roles in the default role table (orders §9.2–§9.3)', () => {
  it('offering managers manage the orders and resources of their offerings (seed 000)', () => {
    expect(permissionsOf(RoleName.OFFERING_MANAGER)).toEqual(
      expect.arrayContaining([
        'ORDER.LIST',
        'ORDER.APPROVE',
        'ORDER.REJECT',
        'RESOURCE.SET_STATE',
        'RESOURCE.SET_BACKEND_ID',
        'RESOURCE.SET_BACKEND_METADATA',
        'RESOURCE.SET_USAGE',
      ]),
    );
  });

  it("the service provider manager gets Waldur's migration 0033 order permissions", () => {
    expect(permissionsOf(RoleName.CUSTOMER_MANAGER)).toEqual(
      expect.arrayContaining(['ORDER.LIST', 'ORDER.APPROVE', 'ORDER.REJECT']),
    );
  });

  it('no provider role can create, cancel or delete orders (consumer actions)', () => {
    for (const name of [RoleName.OFFERING_MANAGER, RoleName.CUSTOMER_MANAGER]) {
      for (const p of ['ORDER.CREATE', 'ORDER.CANCEL', 'ORDER.DESTROY'] as const) {
        expect(permissionsOf(name)).not.toContain(p);
      }
    }
  });

  it('the service provider manager acts only on the provider side of its organization', () => {
    expect(PROVIDER_SIDE_ROLES).toEqual([RoleName.CUSTOMER_MANAGER]);
  });
});
