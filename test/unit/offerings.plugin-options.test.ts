import { describe, expect, it } from 'vitest';
import { appProcessors } from '../../src/app/processors.js';
import {
  autoCompletesOnApproval,
  checkPluginOptions,
  isManuallyCompleted,
} from '../../src/modules/offerings/domain/plugin-options.js';
import { cleanupSkippedNote, isForceDestroy } from '../../src/modules/orders/domain/force-destroy.js';
import { resourceStateAfterOrderEvent } from '../../src/modules/resources/domain/order-effects.js';

describe('auto_complete_on_approval', () => {
  it('applies to the manually completed types only, and only when true', () => {
    expect(isManuallyCompleted('Marketplace.Basic')).toBe(true);
    expect(isManuallyCompleted('Support.OfferingTemplate')).toBe(true);
    expect(isManuallyCompleted('Marketplace.Slurm')).toBe(false);
    expect(autoCompletesOnApproval('Marketplace.Basic', {})).toBe(false);
    expect(autoCompletesOnApproval('Marketplace.Basic', { auto_complete_on_approval: 'true' })).toBe(false);
    expect(autoCompletesOnApproval('Marketplace.Basic', { auto_complete_on_approval: true })).toBe(true);
    expect(autoCompletesOnApproval('Marketplace.Slurm', { auto_complete_on_approval: true })).toBe(false);
  });

  it('is validated: a boolean, and true only on Basic and Support', () => {
    expect(() => checkPluginOptions('Marketplace.Basic', undefined)).not.toThrow();
    expect(() => checkPluginOptions('Marketplace.Basic', { other: 1 })).not.toThrow();
    expect(() => checkPluginOptions('Marketplace.Slurm', { auto_complete_on_approval: false })).not.toThrow();
    expect(() => checkPluginOptions('Marketplace.Basic', { auto_complete_on_approval: 1 })).toThrow(
      'Must be true or false.',
    );
    expect(() => checkPluginOptions('Marketplace.Script', { auto_complete_on_approval: true })).toThrow(
      /Only Basic and Support offerings/,
    );
  });
});

describe('staff force destroy', () => {
  it('is a Terminate order with action force_destroy', () => {
    expect(isForceDestroy('Terminate', { action: 'force_destroy' })).toBe(true);
    expect(isForceDestroy('Update', { action: 'force_destroy' })).toBe(false);
    expect(isForceDestroy('Terminate', {})).toBe(false);
  });

  it('skips the confirmation of processors that wait for someone, not of those that run', () => {
    const processors = appProcessors();
    expect(processors.site_agent.forceDestroySkips).toMatch(/site agent/);
    expect(processors.manual.forceDestroySkips).toMatch(/by hand/);
    expect(processors.helpdesk.forceDestroySkips).toMatch(/helpdesk/);
    expect(processors.booking.forceDestroySkips).toMatch(/booking/);
    for (const kind of ['script', 'remote', 'plugin_scope', 'saga'] as const)
      expect(processors[kind].forceDestroySkips).toBeNull();
    expect(cleanupSkippedNote('why')).toBe(
      'Force destroy: provider-side cleanup was skipped (why). The resource is Terminated in Orderly; verify that it is gone on the provider side.',
    );
  });

  it('failing the order in flight leaves its resource as it is (event superseded)', () => {
    for (const currentState of ['Terminating', 'Erred', 'OK', 'Updating'] as const) {
      for (const type of ['Create', 'Update', 'Terminate', 'Restore'] as const) {
        const out = resourceStateAfterOrderEvent(type, 'superseded', {
          currentState,
          hasBackendId: true,
          forceDestroy: false,
          actorIsStaff: true,
        });
        expect(out).toEqual({ kind: 'keep' });
      }
    }
  });
});
