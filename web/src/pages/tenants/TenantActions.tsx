import { useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import type { Tenant, TenantAbilities } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';
import { ActionMenu, type MenuAction } from '../../ui/ActionMenu.js';
import { ConfirmDialog, type ConfirmSpec } from '../../ui/ConfirmDialog.js';
import { useNotify } from '../../ui/Toasts.js';

type ActionKey = 'retry' | 'reset' | 'reset_force' | 'decommission';
type Ability = TenantAbilities[ActionKey];

const LABELS: Record<ActionKey, string> = {
  retry: 'Retry provisioning',
  reset: 'Reset',
  reset_force: 'Force reset',
  decommission: 'Decommission',
};

/** Refused for lack of permission → not listed; refused for any other reason → listed, disabled. */
function offered(a: Ability): boolean {
  if (a.allowed) return true;
  const reason = a.reason ?? '';
  return !reason.startsWith('You do not have permission') && !reason.startsWith('Only staff');
}

const auditHint = 'Kept in the tenant’s events with your name.';

function retrySpec(t: Tenant): ConfirmSpec {
  const step = t.last_failure?.failed_activity;
  return {
    title: 'Retry provisioning',
    body: (
      <p>
        Retry resets the workflow state and starts attempt {t.attempt_number + 1}
        {step ? (
          <>
            {' '}
            from <span className="mono">{step}</span> if the earlier results are still valid, otherwise from
            the beginning
          </>
        ) : (
          ' from the beginning'
        )}
        ; the state goes back to Provisioning.
      </p>
    ),
    warning: t.abilities.retry.warning ?? undefined,
    reason: { label: 'Reason', required: false, hint: auditHint },
    confirmLabel: 'Retry provisioning',
  };
}

function confirmSpec(action: ActionKey, t: Tenant): ConfirmSpec {
  if (action === 'retry') return retrySpec(t);
  if (action === 'reset') {
    return {
      title: 'Reset',
      body: (
        <p>
          Reset clears the workflow state without starting a fresh attempt: the active run is cancelled and
          the lock released. Use it when the workflow is stuck mid-saga rather than cleanly failed.
        </p>
      ),
      warning: t.abilities.reset.warning ?? undefined,
      reason: { label: 'Reason', required: true, hint: auditHint },
      confirmLabel: 'Reset',
      danger: true,
    };
  }
  if (action === 'reset_force') {
    return {
      title: 'Force reset',
      body: (
        <>
          <p>
            The previous workflow&rsquo;s lock is still held
            {t.lock ? (
              <>
                {' '}
                by <span className="mono">{t.lock.holder}</span> (last heartbeat{' '}
                {formatDateTime(t.lock.heartbeat_at)})
              </>
            ) : null}
            , so Retry cannot start and a plain Reset is refused.
          </p>
          <p>
            A forced reset takes the lock away and fences that worker off (its later writes are refused),
            cancels the active run and clears the workflow state without starting a fresh attempt.
          </p>
        </>
      ),
      warning: t.abilities.reset_force.warning ?? undefined,
      reason: { label: 'Reason', required: true, hint: auditHint },
      confirmLabel: 'Force reset',
      danger: true,
    };
  }
  return {
    title: 'Decommission',
    body: (
      <p>
        Decommission is a terminal release. It releases the plan slot and the slug{' '}
        <span className="mono">{t.slug}</span>, and removes the certificate, the workflow engine registration
        and the storage ({t.storage.kind} <span className="mono">{t.storage.name}</span>).
      </p>
    ),
    warning: t.abilities.decommission.warning ?? undefined,
    reason: { label: 'Reason', required: true, hint: auditHint },
    typeToConfirm: t.slug,
    confirmLabel: 'Decommission',
    danger: true,
  };
}

/**
 * The tenant's Actions dropdown from its `abilities`. Reset refused only because the lock's
 * heartbeat is fresh (seed 002: "retry won't initiate because the previous workflow's lock is still
 * held") becomes Force reset for staff; everyone else sees Reset disabled with the reason.
 */
export function TenantActions({ tenant: t, onChanged }: { tenant: Tenant; onChanged(): void }) {
  const notify = useNotify();
  const [open, setOpen] = useState<ActionKey | null>(null);
  const forceInstead = !t.abilities.reset.allowed && t.abilities.reset_force.allowed;
  const keys: ActionKey[] = [
    'retry',
    'reset',
    ...(forceInstead ? (['reset_force'] as const) : []),
    'decommission',
  ];
  const actions: MenuAction[] = keys
    .filter((k) => offered(t.abilities[k]))
    .map((k) => ({
      key: k,
      label: LABELS[k],
      allowed: t.abilities[k].allowed,
      reason: t.abilities[k].reason ?? undefined,
      onSelect: () => setOpen(k),
    }));
  const run = async (action: ActionKey, reason: string) => {
    const path = { params: { path: { uuid: t.uuid } } };
    if (action === 'retry') {
      const r = await unwrap(
        api.POST('/api/tenants/{uuid}/retry/', { ...path, body: reason ? { reason } : {} }),
      );
      notify(`Provisioning retry started (attempt ${r.attempt_number}).`);
    } else if (action === 'reset' || action === 'reset_force') {
      const force = action === 'reset_force';
      await unwrap(api.POST('/api/tenants/{uuid}/reset/', { ...path, body: { reason, force } }));
      notify(force ? 'Tenant reset (forced).' : 'Tenant reset.');
    } else {
      await unwrap(api.POST('/api/tenants/{uuid}/decommission/', { ...path, body: { reason } }));
      notify('Decommission requested.');
    }
    setOpen(null);
    onChanged();
  };
  return (
    <>
      <ActionMenu actions={actions} />
      {open && (
        <ConfirmDialog
          spec={confirmSpec(open, t)}
          onConfirm={(reason) => run(open, reason)}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
