// Statements that name a table's columns one by one (a lock that reads two tables' rows side by side,
// an insert from one array per column) must stay complete when the table type gains a column.

/** The keys of `T` that `L` leaves out. */
type Unlisted<T, L extends readonly PropertyKey[]> = Exclude<keyof T, L[number]>;

/**
 * `columns` as given, checked at compile time to name every key of `T`:
 * `everyColumnOf<ResourcesTable>()(['id', …])` fails to compile, naming the missing ones, when the
 * table type has a column the list lacks.
 */
export function everyColumnOf<T>() {
  return <const L extends readonly (keyof T)[]>(
    columns: L & ([Unlisted<T, L>] extends [never] ? unknown : { missing: Unlisted<T, L> }),
  ): L => columns;
}
