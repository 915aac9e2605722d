/**
 * Approval SLA (issue 16, item 4), as data: who an order waiting for provider approval is escalated
 * to, and when (multiples of the scope's `escalate_after_hours`), and the daily digest's texts.
 * Offering managers and the provider's approvers get the approval request itself; the chain
 * continues to the provider organization's owners, then to staff.
 */
import type { MessageText, OrderSummary } from './messages.js';

/** Who one escalation step notifies. */
export type EscalationTarget = 'provider_owner' | 'staff';

/** One step of the chain. */
export interface EscalationStep {
  readonly level: number;
  readonly target: EscalationTarget;
  /** The step is due after `afterMultiple × escalate_after_hours` of waiting. */
  readonly afterMultiple: number;
  readonly label: string;
}

/** The chain after the approval request (offering manager → provider owner → staff). */
export const ESCALATION_CHAIN: readonly EscalationStep[] = [
  { level: 1, target: 'provider_owner', afterMultiple: 1, label: 'the provider organization owners' },
  { level: 2, target: 'staff', afterMultiple: 2, label: 'staff' },
];

/** Bounds of `escalate_after_hours` (one hour to a year). */
export const SLA_HOURS = { min: 1, max: 8760 } as const;

/** A digest goes to one approver at most once in this many milliseconds. */
export const DIGEST_PERIOD_MS = 24 * 3_600_000;

/** `last_error` of an approval request held for the daily digest (state `skipped`, not mailed alone). */
export const HELD_FOR_DIGEST = 'Held for the daily digest.';
/** `last_error` of a held approval request once a digest listed it. */
export const SENT_IN_DIGEST = 'Sent in the daily digest.';

/** The steps due after waiting `waitedMs` with `hours` as the SLA. */
export function dueSteps(hours: number, waitedMs: number): EscalationStep[] {
  return ESCALATION_CHAIN.filter((s) => waitedMs >= s.afterMultiple * hours * 3_600_000);
}

/** The escalation e-mail of one step. */
export function escalationMessage(o: OrderSummary, step: EscalationStep, hours: number): MessageText {
  const waited = step.afterMultiple * hours;
  return {
    subject: `Escalation: ${o.type} order for ${o.resourceName || 'a resource'} waits for provider approval`,
    body: [
      'Hello,',
      '',
      `A ${o.type} order has waited over ${waited} hours for provider approval; it is escalated to ${step.label}.`,
      '',
      `Resource: ${o.resourceName || '(unnamed)'}`,
      `Offering: ${o.offeringName} (provider ${o.providerName})`,
      `Project: ${o.projectName} (organization ${o.customerName})`,
      `Order: ${o.uuid}`,
      '',
      'Approve or reject it in Orderly (Provider orders, pending approval).',
    ].join('\n'),
  };
}

/** The daily digest of the orders waiting for one approver. */
export function digestMessage(orders: readonly OrderSummary[]): MessageText {
  return {
    subject: `Daily digest: ${orders.length} order${orders.length === 1 ? '' : 's'} waiting for your approval`,
    body: [
      'Hello,',
      '',
      'These orders are waiting for your approval as provider:',
      '',
      ...orders.map(
        (o) =>
          `- ${o.type} ${o.resourceName || '(unnamed)'} · ${o.offeringName} · ${o.projectName} · ${o.uuid}`,
      ),
      '',
      'Approve or reject them in Orderly (Provider orders, pending approval).',
    ].join('\n'),
  };
}
