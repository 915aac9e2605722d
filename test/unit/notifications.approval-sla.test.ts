import { describe, expect, it } from 'vitest';
import {
  digestMessage,
  dueSteps,
  ESCALATION_CHAIN,
  escalationMessage,
} from '../../src/modules/notifications/domain/approval-sla.js';
import type { OrderSummary } from '../../src/modules/notifications/domain/messages.js';

const HOUR = 3_600_000;
const order: OrderSummary = {
  uuid: 'a'.repeat(32),
  type: 'Create',
  resourceName: 'vm-1',
  offeringName: 'Cloud',
  providerName: 'Nordic',
  projectName: 'Genomics',
  customerName: 'Aurora',
  createdBy: 'Alice',
  cost: null,
};

describe('approval SLA domain', () => {
  it('the chain goes to the provider owners after N hours, to staff after 2N', () => {
    expect(ESCALATION_CHAIN.map((s) => s.target)).toEqual(['provider_owner', 'staff']);
    expect(dueSteps(4, 3.9 * HOUR)).toEqual([]);
    expect(dueSteps(4, 4 * HOUR).map((s) => s.level)).toEqual([1]);
    expect(dueSteps(4, 8 * HOUR).map((s) => s.level)).toEqual([1, 2]);
  });

  it('texts name the wait, the role and every order of a digest', () => {
    const staff = ESCALATION_CHAIN[1]!;
    expect(escalationMessage(order, staff, 6).body).toContain('waited over 12 hours for provider approval');
    const d = digestMessage([order, { ...order, uuid: 'b'.repeat(32) }]);
    expect(d.subject).toBe('Daily digest: 2 orders waiting for your approval');
    expect(d.body).toContain('a'.repeat(32));
    expect(d.body).toContain('b'.repeat(32));
  });
});
