import { describe, expect, it } from 'vitest';
import {
  isNotificationKind,
  KIND_LIST,
  OUTCOME_KINDS,
} from '../../src/modules/notifications/domain/kinds.js';
import {
  projectEndingMessage,
  resourceEndingMessage,
  resourceOutcomeMessage,
  terminationScheduledMessage,
  usageReminderMessage,
} from '../../src/modules/notifications/domain/resource-messages.js';

const r = {
  uuid: 'ab'.repeat(16),
  name: 'vm-1',
  offeringName: 'VMs',
  providerName: 'Cloud',
  projectName: 'Alpha',
  customerName: 'Acme',
};

describe('resource notification kinds and messages', () => {
  it('every outcome kind is a kind; unknown names are not', () => {
    for (const k of Object.values(OUTCOME_KINDS)) expect(KIND_LIST).toContain(k);
    expect(isNotificationKind('resource_ending')).toBe(true);
    expect(isNotificationKind('toString')).toBe(false);
  });

  it('outcome subjects and bodies say what happened, with the error of a failure', () => {
    expect(resourceOutcomeMessage(r, { family: 'create', outcome: 'succeeded', error: '' }).subject).toBe(
      'Resource vm-1 has been created',
    );
    const failed = resourceOutcomeMessage(r, { family: 'terminate', outcome: 'failed', error: 'stuck' });
    expect(failed.subject).toBe('Termination of resource vm-1 has failed');
    expect(failed.body).toContain('Error: stuck');
    expect(failed.body).toContain('Project: Alpha (organization Acme)');
  });

  it('termination scheduled names who asked; ending notices say when', () => {
    expect(terminationScheduledMessage(r, 'Ann', true).body).toContain('Staff member Ann has scheduled');
    expect(resourceEndingMessage(r, '2031-01-02', 1).subject).toBe('Resource vm-1 will end tomorrow');
    expect(
      projectEndingMessage({ name: 'Alpha', customerName: 'Acme', uuid: 'x' }, '2031-01-08', 7).subject,
    ).toBe('Project Alpha will end in 7 days');
  });

  it('the usage reminder lists resources by offering', () => {
    const m = usageReminderMessage('2031-05', [
      { offeringName: 'HPC', resourceNames: ['a', 'b'] },
      { offeringName: 'GPU', resourceNames: [''] },
    ]);
    expect(m.body).toContain('1. HPC:\n    - a\n    - b\n2. GPU:\n    - (unnamed)');
  });
});
