import { OFFERING_CAPABILITIES } from '../../../src/modules/offerings/domain/capabilities.js';
import type { OrderState } from '../../../src/modules/orders/domain/order-state.js';
import { ORDER_STATE_DISPLAY } from '../../../src/modules/orders/domain/order-state-display.js';

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "12 Mar 2026, 14:05", or a dash. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

// The server's currency (`GET /api/configuration/`), set once the session loads.
let currency = 'EUR';

/** Sets the currency every amount is shown in. */
export function setCurrency(code: string): void {
  currency = code;
}

/** A decimal amount with two digits and the currency code ("10.00 EUR"), or a dash. */
export function formatMoney(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n)
    ? `${n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`
    : String(value);
}

/** A unit price keeps its small digits ("0.012 EUR" per core-hour), unlike a total; or a dash. */
export function formatUnitPrice(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n)
    ? `${n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 8 })} ${currency}`
    : String(value);
}

/** The server's title of an order state ("Pending provider"); the same table the API's texts use. */
export function orderStateTitle(state: string): string {
  return state in ORDER_STATE_DISPLAY ? ORDER_STATE_DISPLAY[state as OrderState].title : state;
}

/** The meaning of an order state, for tooltips. */
export function orderStateDescription(state: string): string {
  return state in ORDER_STATE_DISPLAY ? ORDER_STATE_DISPLAY[state as OrderState].description : '';
}

/** Every order state, in Waldur's display order. */
export const ORDER_STATE_OPTIONS = Object.keys(ORDER_STATE_DISPLAY);

/** "Marketplace.Slurm" → "SLURM": the family name of the server's capability table. */
export function offeringTypeLabel(type: string): string {
  const row = Object.entries(OFFERING_CAPABILITIES).find(([t]) => t === type);
  return row?.[1].family ?? type.split('.').pop() ?? type;
}

/** Dashed or not, uuids compare as 32 hex digits. */
export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.replace(/-/g, '').toLowerCase() === b.replace(/-/g, '').toLowerCase();
}

/** "1 order", "3 orders": a count with its noun in the right number. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
