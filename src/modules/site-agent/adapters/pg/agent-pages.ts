import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { identityColumns, logColumns, processorColumns, serviceColumns } from './agent-records.js';
import {
  type visibleIdentities,
  visibleLogs,
  visibleProcessors,
  type visibleServices,
} from './agent-visibility.js';

/** One page of agent identities, oldest first. */
export function identityPage(q: ReturnType<typeof visibleIdentities>, limit: number, offset: number) {
  return identityColumns(q).orderBy('i.created').orderBy('i.id').limit(limit).offset(offset).execute();
}

/** One page of agent services, oldest first. */
export function servicePage(q: ReturnType<typeof visibleServices>, limit: number, offset: number) {
  return serviceColumns(q).orderBy('s.created').orderBy('s.id').limit(limit).offset(offset).execute();
}

/** One page of processors, oldest first. */
export function processorPage(q: ReturnType<typeof visibleProcessors>, limit: number, offset: number) {
  return processorColumns(q).orderBy('p.created').orderBy('p.id').limit(limit).offset(offset).execute();
}

/** One page of shipped log lines, newest first. */
export function logPage(q: ReturnType<typeof visibleLogs>, limit: number, offset: number) {
  return logColumns(q)
    .orderBy('l.timestamp', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The visible log lines with these ids, in id order. */
export function visibleLogsByIds(tx: Tx, actor: Actor, ids: number[]) {
  return logColumns(visibleLogs(tx, actor)).where('l.id', 'in', ids).orderBy('l.id').execute();
}

/** A visible processor by id (one just registered). */
export function visibleProcessorById(tx: Tx, actor: Actor, id: number) {
  return processorColumns(visibleProcessors(tx, actor)).where('p.id', '=', id).executeTakeFirstOrThrow();
}
