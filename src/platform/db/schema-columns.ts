import type { ColumnType, Generated } from 'kysely';

// The column types every schema file shares, apart from schema.ts so that the table files need not import it back.

/** A timestamptz column that updates may set. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamptz column set once at insert. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A generated bigint primary key. */
export type Id = Generated<number>;
/** A generated uuid. */
export type Uuid = Generated<string>;

/** The columns of a marketplace `*_transitions` history row (orders, resources; append-only, G5). */
export interface StateTransitionColumns {
  id: Id;
  from_state: number;
  to_state: number;
  action: string;
  actor_id: number | null;
  reason: Generated<string>;
  /** False for a refused transition (recorded too, G5). */
  is_valid: Generated<boolean>;
  /** The row before this one of the same object. */
  previous_id: number | null;
  created: CreatedAt;
}
