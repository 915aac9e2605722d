import { api, unwrap } from '../../api/client.js';
import type { Ability, Resource } from '../../api/types.js';
import type { ConfirmSpec } from '../../ui/ConfirmDialog.js';
import { ForceDestroySteps } from './ForceDestroySteps.js';

/** Which collection the resource was read through; shared actions are posted there. */
export type ResourceView = 'provider' | 'consumer';

/** One resource action: its menu section, dialog, call and notification. */
export interface ResourceActionDef {
  action: string;
  label: string;
  section: 'Resource actions' | 'Provider actions' | 'Staff actions';
  confirm(r: Resource, ability: Ability): ConfirmSpec;
  run(r: Resource, view: ResourceView, reason: string): Promise<unknown>;
  toast: string;
}

const path = (r: Resource) => ({ params: { path: { uuid: r.uuid } } });

function terminate(
  r: Resource,
  view: ResourceView,
  body: { reason?: string; attributes?: Record<string, unknown> },
) {
  return view === 'provider'
    ? unwrap(api.POST('/api/marketplace-provider-resources/{uuid}/terminate/', { ...path(r), body }))
    : unwrap(api.POST('/api/marketplace-resources/{uuid}/terminate/', { ...path(r), body }));
}

/** The resource actions, by section (seed 001, orders spec §8.1 and §17 f). */
export const RESOURCE_ACTIONS: ResourceActionDef[] = [
  {
    action: 'terminate',
    label: 'Terminate',
    section: 'Resource actions',
    confirm: (r) => ({
      title: 'Terminate resource',
      body: (
        <p>
          A Terminate order is created for {r.name}. The provider then removes the resource. Are you sure?
        </p>
      ),
      reason: { label: 'Reason', required: false },
      confirmLabel: 'Terminate',
      danger: true,
    }),
    run: (r, view, reason) => terminate(r, view, reason ? { reason } : {}),
    toast: 'Resource termination has been requested.',
  },
  {
    action: 'set_as_erred',
    label: 'Set as erred',
    section: 'Provider actions',
    confirm: (_r, ability) => ({
      title: 'Set as erred',
      body: (
        <p>
          The resource transitions to Erred. The associated terminate order remains in its current state —
          review and reconcile it manually if needed.
        </p>
      ),
      warning: ability.warning,
      reason: {
        label: 'Reason',
        required: true,
        hint: 'Shown to the consumer as the error, and kept in the audit log.',
      },
      confirmLabel: 'Set as erred',
      danger: true,
    }),
    run: (r, _view, reason) =>
      unwrap(
        api.POST('/api/marketplace-provider-resources/{uuid}/set_as_erred/', {
          ...path(r),
          body: { reason, error_message: reason },
        }),
      ),
    toast: 'Resource has been set as erred.',
  },
  {
    action: 'set_state_ok',
    label: 'Set state OK',
    section: 'Provider actions',
    confirm: (r, ability) => ({
      title: 'Set state OK',
      body: <p>{r.name} goes back to the OK state.</p>,
      warning: ability.warning,
      reason: { label: 'Reason', required: true, hint: 'Kept in the audit log with your name.' },
      confirmLabel: 'Set state OK',
    }),
    run: (r, view, reason) =>
      view === 'provider'
        ? unwrap(
            api.POST('/api/marketplace-provider-resources/{uuid}/set_state_ok/', {
              ...path(r),
              body: { reason },
            }),
          )
        : unwrap(
            api.POST('/api/marketplace-resources/{uuid}/set_state_ok/', { ...path(r), body: { reason } }),
          ),
    toast: 'Resource state has been set to OK.',
  },
  {
    action: 'force_destroy',
    label: 'Force destroy',
    section: 'Staff actions',
    confirm: (r, ability) => ({
      title: 'Force destroy',
      body: <ForceDestroySteps resource={r} />,
      warning: ability.warning,
      reason: {
        label: 'Reason',
        required: true,
        hint: 'Written on the order that is failed, on the Terminate order and in the audit log.',
      },
      typeToConfirm: r.name,
      confirmLabel: 'Force destroy',
      danger: true,
    }),
    run: (r, view, reason) =>
      view === 'provider'
        ? unwrap(
            api.POST('/api/marketplace-provider-resources/{uuid}/force_destroy/', {
              ...path(r),
              body: { reason },
            }),
          )
        : unwrap(
            api.POST('/api/marketplace-resources/{uuid}/force_destroy/', { ...path(r), body: { reason } }),
          ),
    toast: 'Force destroy has been submitted.',
  },
];
