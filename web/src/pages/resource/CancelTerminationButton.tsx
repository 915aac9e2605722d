import { useState } from 'react';
import type { Order } from '../../api/types.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { useNotify } from '../../ui/Toasts.js';
import { cancelTermination, cancelTerminationSpec } from '../order/orderActionDefs.js';

/**
 * The row action of the resource's orders table for an executing Terminate order of a Remote
 * offering (seed 001: staff-only in HomePort); shown only when the order's ability allows it.
 */
export function CancelTerminationButton({ order, onDone }: { order: Order; onDone(): void }) {
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  if (!order.abilities.cancel_termination?.allowed) return null;
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        Cancel termination
      </button>
      {open && (
        <ConfirmDialog
          spec={cancelTerminationSpec()}
          onClose={() => setOpen(false)}
          onConfirm={async (reason) => {
            await cancelTermination(order, reason);
            notify('Termination has been canceled.');
            setOpen(false);
            onDone();
          }}
        />
      )}
    </>
  );
}
