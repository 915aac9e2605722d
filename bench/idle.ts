// Idle cost of a running server: CPU of its process tree and of PostgreSQL, statements and commits.
import type { Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';
import { commitsSoFar, type StatementCounter } from './pg-stats.js';
import { postmasterPid, treeCpuSeconds } from './proc.js';

/** What an idle server costs over the measured window. */
export interface IdleFigures {
  seconds: number;
  /** CPU of the server process and its children, in % of one core. */
  serverCpu: number;
  /** CPU of every process of the embedded PostgreSQL cluster, % of one core; undefined on DATABASE_URL. */
  postgresCpu: number | undefined;
  /** Statements per second on this database (pg_stat_statements), undefined without the extension. */
  statementsPerSecond: number | undefined;
  /** Commits per second on this database (pg_stat_database; flushed about once a second). */
  commitsPerSecond: number;
}

/**
 * Measures `seconds` of no requests: the server's own polling and timers, and what they cost the
 * database. `clusterDir` is the embedded cluster's folder (undefined for an external server).
 */
export async function measureIdle(
  db: Kysely<DB>,
  serverPid: number,
  clusterDir: string | undefined,
  counter: StatementCounter,
  seconds: number,
): Promise<IdleFigures> {
  const pgPid = clusterDir ? postmasterPid(clusterDir) : undefined;
  await counter.reset();
  const commits0 = await commitsSoFar(db);
  const server0 = treeCpuSeconds(serverPid);
  const pg0 = pgPid ? treeCpuSeconds(pgPid) : 0;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const elapsed = (performance.now() - t0) / 1000;
  const server1 = treeCpuSeconds(serverPid);
  const pg1 = pgPid ? treeCpuSeconds(pgPid) : 0;
  const stats = await counter.read();
  const commits1 = await commitsSoFar(db);
  return {
    seconds: elapsed,
    serverCpu: (100 * (server1 - server0)) / elapsed,
    postgresCpu: pgPid ? (100 * (pg1 - pg0)) / elapsed : undefined,
    statementsPerSecond: stats ? stats.calls / elapsed : undefined,
    commitsPerSecond: (commits1 - commits0) / elapsed,
  };
}

/** One report line for {@link IdleFigures}. */
export function idleLine(f: IdleFigures): string {
  const pg = f.postgresCpu === undefined ? 'n/a (DATABASE_URL)' : `${f.postgresCpu.toFixed(2)} %`;
  const st = f.statementsPerSecond === undefined ? 'n/a' : f.statementsPerSecond.toFixed(1);
  return (
    `idle server (no requests, no pending work, past its first minute), ${f.seconds.toFixed(0)} s: orderly serve ${f.serverCpu.toFixed(2)} % of one core, ` +
    `PostgreSQL (all its processes) ${pg}; ${st} statements/s, ${f.commitsPerSecond.toFixed(1)} commits/s\n`
  );
}
