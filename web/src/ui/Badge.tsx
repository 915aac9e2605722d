import { orderStateDescription, orderStateTitle } from '../lib/format.js';

/** Order state as a coloured badge with the server's title ("Pending provider"). */
export function OrderStateBadge({ state }: { state: string }) {
  return (
    <span className={`badge badge-${state}`} title={orderStateDescription(state)}>
      {orderStateTitle(state)}
    </span>
  );
}

const RESOURCE_TONES: Record<string, string> = {
  OK: 'done',
  Erred: 'erred',
  Creating: 'executing',
  Updating: 'executing',
  Terminating: 'pending-provider',
  Terminated: 'canceled',
};

/** Resource state as a badge ("Terminating"). */
export function ResourceStateBadge({ state }: { state: string }) {
  return <span className={`badge badge-${RESOURCE_TONES[state] ?? 'canceled'}`}>{state}</span>;
}

/** A neutral tag (order type, offering type). */
export function Tag({ children }: { children: string }) {
  return <span className="tag">{children}</span>;
}

const TENANT_TONES: Record<string, string> = {
  Provisioning: 'executing',
  Active: 'done',
  Failed: 'erred',
  Decommissioning: 'pending-provider',
  Decommissioned: 'canceled',
};

/** Tenant state as a badge ("Failed"). */
export function TenantStateBadge({ state }: { state: string }) {
  return <span className={`badge badge-${TENANT_TONES[state] ?? 'canceled'}`}>{state}</span>;
}
