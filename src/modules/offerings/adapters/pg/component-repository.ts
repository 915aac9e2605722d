import type { Selectable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { OfferingComponentsTable } from '../../../../platform/db/schema.js';
import type { BillingType, LimitPeriod } from '../../domain/pricing.js';

/** An offering component row. */
export type ComponentRow = Selectable<OfferingComponentsTable>;

/** Fields of a new component (Waldur `OfferingComponentRequest`). */
export interface ComponentInput {
  type: string;
  name: string;
  billing_type: BillingType;
  description?: string | undefined;
  measured_unit?: string | undefined;
  limit_period?: LimitPeriod | null | undefined;
  limit_amount?: number | null | undefined;
  min_value?: number | null | undefined;
  max_value?: number | null | undefined;
  max_available_limit?: number | null | undefined;
  is_prepaid?: boolean | undefined;
}

/** The components of some offerings, in creation order. */
export function componentsOf(tx: Tx, offeringIds: readonly number[]): Promise<ComponentRow[]> {
  if (offeringIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('offering_components')
    .selectAll()
    .where('offering_id', 'in', offeringIds)
    .orderBy('id')
    .execute();
}

/** Inserts the components of an offering (types are unique per offering; the caller checked). */
export function insertComponents(
  tx: Tx,
  offeringId: number,
  inputs: readonly ComponentInput[],
): Promise<ComponentRow[]> {
  if (inputs.length === 0) return Promise.resolve([]);
  return tx
    .insertInto('offering_components')
    .values(inputs.map((c) => ({ ...c, offering_id: offeringId })))
    .returningAll()
    .execute();
}

/** Groups rows by their offering id. */
export function byOffering<T extends { offering_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) out.set(r.offering_id, [...(out.get(r.offering_id) ?? []), r]);
  return out;
}
