import { api, unwrap } from '../../api/client.js';
import type { Ability, Order } from '../../api/types.js';
import type { ConfirmSpec } from '../../ui/ConfirmDialog.js';

/** One order action of the Actions dropdown: its dialog (none = immediate), call and notification. */
export interface OrderActionDef {
  action: string;
  label: string;
  confirm?: (order: Order, ability: Ability) => ConfirmSpec;
  run(order: Order, reason: string): Promise<unknown>;
  /** The success notification ([HP] toasts, orders spec §7). */
  toast: string;
}

const path = (o: Order) => ({ params: { path: { uuid: o.uuid } } });
const rejectReason = {
  label: 'Rejection reason',
  required: true,
  hint: 'The reason is communicated to the customer.',
};
/** An optional reason, recorded on the action's event with the caller's name. */
const optionalReason = {
  label: 'Reason',
  required: false,
  hint: 'Kept in the audit log with your name.',
};
const approveSpec = (): ConfirmSpec => ({
  title: 'Approve order',
  body: <p>Are you sure you want to approve this order?</p>,
  reason: optionalReason,
  confirmLabel: 'Approve',
});
const withReason = (reason: string) => (reason ? { reason } : {});
const rejectSpec = (): ConfirmSpec => ({
  title: 'Reject order',
  body: <p>Are you sure you want to reject this order?</p>,
  reason: rejectReason,
  confirmLabel: 'Reject',
  danger: true,
});

/** The order actions, in menu order (texts from the seeds and orders spec §7). */
export const ORDER_ACTIONS: OrderActionDef[] = [
  {
    action: 'approve_by_provider',
    label: 'Approve',
    confirm: approveSpec,
    run: (o, reason) =>
      unwrap(
        api.POST('/api/marketplace-orders/{uuid}/approve_by_provider/', {
          ...path(o),
          body: withReason(reason),
        }),
      ),
    toast: 'Order has been approved.',
  },
  {
    action: 'approve_by_consumer',
    label: 'Approve',
    confirm: approveSpec,
    run: (o, reason) =>
      unwrap(
        api.POST('/api/marketplace-orders/{uuid}/approve_by_consumer/', {
          ...path(o),
          body: withReason(reason),
        }),
      ),
    toast: 'Order has been approved.',
  },
  {
    action: 'reject_by_provider',
    label: 'Reject',
    confirm: rejectSpec,
    run: (o, reason) =>
      unwrap(
        api.POST('/api/marketplace-orders/{uuid}/reject_by_provider/', {
          ...path(o),
          body: { provider_rejection_comment: reason },
        }),
      ),
    toast: 'Order has been rejected.',
  },
  {
    action: 'reject_by_consumer',
    label: 'Reject',
    confirm: rejectSpec,
    run: (o, reason) =>
      unwrap(
        api.POST('/api/marketplace-orders/{uuid}/reject_by_consumer/', {
          ...path(o),
          body: { consumer_rejection_comment: reason },
        }),
      ),
    toast: 'Order has been rejected.',
  },
  {
    action: 'set_state_done',
    label: 'Mark as done',
    confirm: () => ({
      title: 'Mark order as done',
      body: (
        <p>Mark this order as done once the resource has been provisioned on the backend. Are you sure?</p>
      ),
      confirmLabel: 'Mark as done',
    }),
    run: (o) => unwrap(api.POST('/api/marketplace-orders/{uuid}/set_state_done/', { ...path(o), body: {} })),
    toast: 'Order has been marked as done.',
  },
  {
    action: 'retry',
    label: 'Retry',
    confirm: (o) => ({
      title: 'Retry order',
      body: (
        <p>
          This will reset the order and its resource back to an active processing state. The order will be
          resubmitted for processing. Are you sure?
        </p>
      ),
      // Seed 000's warning, with where Orderly keeps what the order itself loses.
      warning:
        "Retrying clears the order's error message, error traceback and completion time. " +
        `They are not lost: attempt ${o.attempt_count}, with its error message and traceback, ` +
        'stays in the Error details tab.',
      reason: optionalReason,
      confirmLabel: 'Yes',
    }),
    run: (o, reason) =>
      unwrap(api.POST('/api/marketplace-orders/{uuid}/retry/', { ...path(o), body: withReason(reason) })),
    toast: 'Order has been submitted for retry.',
  },
  {
    // No confirmation: "The order is cancelled immediately" (seed 001).
    action: 'cancel',
    label: 'Cancel',
    run: (o) => unwrap(api.POST('/api/marketplace-orders/{uuid}/cancel/', { ...path(o), body: {} })),
    toast: 'Order has been canceled.',
  },
  {
    action: 'set_state_erred',
    label: 'Set as erred',
    confirm: (_o, ability) => ({
      title: 'Mark order as erred',
      body: <p>The order becomes Erred, and so does its resource unless this is a Terminate order.</p>,
      warning: ability.warning,
      reason: { label: 'Error message', required: false },
      confirmLabel: 'Mark as erred',
      danger: true,
    }),
    run: (o, reason) =>
      unwrap(
        api.POST('/api/marketplace-orders/{uuid}/set_state_erred/', {
          ...path(o),
          body: { error_message: reason },
        }),
      ),
    toast: 'Order has been marked as erred.',
  },
  {
    // Remote offerings, staff (orders spec §7.21, §17 f): abort the remote termination.
    action: 'cancel_termination',
    label: 'Cancel termination',
    confirm: cancelTerminationSpec,
    run: cancelTermination,
    toast: 'Termination has been canceled.',
  },
];

/** The confirmation of Cancel termination (also offered in the resource's orders table). */
export function cancelTerminationSpec(): ConfirmSpec {
  return {
    title: 'Cancel termination',
    body: (
      <p>
        This calls the remote Waldur instance to abort the in-progress termination. The Terminate order is
        canceled and the resource goes back to OK.
      </p>
    ),
    reason: { label: 'Reason', required: true, hint: 'Kept in the audit log with your name.' },
    confirmLabel: 'Cancel termination',
    danger: true,
  };
}

/** `POST /api/remote-waldur-api/cancel_termination/{order_uuid}/`. */
export function cancelTermination(o: Order, reason: string) {
  return unwrap(
    api.POST('/api/remote-waldur-api/cancel_termination/{order_uuid}/', {
      params: { path: { order_uuid: o.uuid } },
      body: { reason },
    }),
  );
}
