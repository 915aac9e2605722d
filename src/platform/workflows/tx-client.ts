import { CompiledQuery } from 'kysely';
import type { ClientBase } from 'pg';
import type { Tx } from '../db/database.js';

/** The one method DBOS calls on the client given to `enqueueInTransaction`. */
interface QueryOnly {
  query(text: string, values?: readonly unknown[]): Promise<{ rows: unknown[]; rowCount: number }>;
}

/**
 * Presents a Kysely transaction as the pg client that `DBOSClient.enqueueInTransaction` wants, so
 * the workflow row is written by the caller's own transaction: a rollback leaves no workflow, a
 * commit always has one (architecture G12).
 *
 * DBOS 5.3.0 only calls `client.query(text, values)` on that client and reads `rows` (client.js
 * `#enqueueInTransaction` → system_database.js `initWorkflowStatus` → `insertWorkflowStatus`: an
 * `INSERT … ON CONFLICT … RETURNING` into `workflow_status`, then one into `workflow_input`), and it
 * maps a pg error with code 23505 by reading `.code`, which Kysely rethrows unchanged. Nothing
 * else of `ClientBase` is touched, hence the narrowing cast; `test/workflows/enqueue.test.ts` pins
 * the behaviour against the real DBOS code, so an upgrade that starts using more fails loudly.
 */
export function txAsPgClient(tx: Tx): ClientBase {
  const client: QueryOnly = {
    async query(text, values = []) {
      const result = await tx.executeQuery(CompiledQuery.raw(text, [...values]));
      const rowCount =
        result.numAffectedRows !== undefined ? Number(result.numAffectedRows) : result.rows.length;
      return { rows: [...result.rows], rowCount };
    },
  };
  return client as unknown as ClientBase;
}
