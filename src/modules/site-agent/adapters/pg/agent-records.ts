import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import {
  visibleIdentities,
  type visibleLogs,
  visibleProcessors,
  visibleServices,
} from './agent-visibility.js';

/** Columns of an identity as the API shows it. */
export function identityColumns(q: ReturnType<typeof visibleIdentities>) {
  return q.select([
    'i.id',
    'i.uuid',
    'i.name',
    'i.version',
    'i.dependencies',
    'i.config_file_path',
    'i.config_file_content',
    'i.last_restarted',
    'i.created',
    'i.modified',
    'i.offering_id',
    'o.uuid as offering_uuid',
    'o.name as offering_name',
    'o.customer_id as offering_customer_id',
    'cb.uuid as created_by_uuid',
  ]);
}

/** An identity record. */
export type IdentityRecord = Awaited<
  ReturnType<ReturnType<typeof identityColumns>['executeTakeFirstOrThrow']>
>;

/** Columns of a service as the API shows it. */
export function serviceColumns(q: ReturnType<typeof visibleServices>) {
  return q.select([
    's.id',
    's.uuid',
    's.name',
    's.mode',
    's.state',
    's.statistics',
    's.created',
    's.modified',
    's.identity_id',
    'i.uuid as identity_uuid',
    'i.name as identity_name',
    'i.offering_id',
    'o.customer_id as offering_customer_id',
  ]);
}

/** A service record. */
export type ServiceRecord = Awaited<ReturnType<ReturnType<typeof serviceColumns>['executeTakeFirstOrThrow']>>;

/** Columns of a processor as the API shows it. */
export function processorColumns(q: ReturnType<typeof visibleProcessors>) {
  return q.select([
    'p.id',
    'p.uuid',
    'p.name',
    'p.backend_type',
    'p.backend_version',
    'p.last_run',
    'p.created',
    'p.modified',
    'p.service_id',
    's.uuid as service_uuid',
    's.name as service_name',
    'i.offering_id',
    'o.customer_id as offering_customer_id',
  ]);
}

/** A processor record. */
export type ProcessorRecord = Awaited<
  ReturnType<ReturnType<typeof processorColumns>['executeTakeFirstOrThrow']>
>;

/** Columns of a log line as the API shows it. */
export function logColumns(q: ReturnType<typeof visibleLogs>) {
  return q.select([
    'l.id',
    'l.uuid',
    'l.timestamp',
    'l.level',
    'l.message',
    'l.module',
    'l.created',
    'i.uuid as identity_uuid',
    'o.uuid as offering_uuid',
  ]);
}

/** A log record. */
export type LogRecord = Awaited<ReturnType<ReturnType<typeof logColumns>['executeTakeFirstOrThrow']>>;

/** One identity `actor` may see, by uuid. */
export function findIdentity(tx: Tx, actor: Actor, uuid: string): Promise<IdentityRecord | undefined> {
  return identityColumns(visibleIdentities(tx, actor)).where('i.uuid', '=', uuid).executeTakeFirst();
}

/** One service `actor` may see, by uuid. */
export function findService(tx: Tx, actor: Actor, uuid: string): Promise<ServiceRecord | undefined> {
  return serviceColumns(visibleServices(tx, actor)).where('s.uuid', '=', uuid).executeTakeFirst();
}

/** One processor `actor` may see, by uuid. */
export function findProcessor(tx: Tx, actor: Actor, uuid: string): Promise<ProcessorRecord | undefined> {
  return processorColumns(visibleProcessors(tx, actor)).where('p.uuid', '=', uuid).executeTakeFirst();
}

/** The services of these identities (for nesting), oldest first. */
export async function servicesOf(tx: Tx, actor: Actor, identityIds: number[]): Promise<ServiceRecord[]> {
  if (identityIds.length === 0) return [];
  return serviceColumns(visibleServices(tx, actor))
    .where('s.identity_id', 'in', identityIds)
    .orderBy('s.created')
    .orderBy('s.id')
    .execute();
}

/** The processors of these services (for nesting), oldest first. */
export async function processorsOf(tx: Tx, actor: Actor, serviceIds: number[]): Promise<ProcessorRecord[]> {
  if (serviceIds.length === 0) return [];
  return processorColumns(visibleProcessors(tx, actor))
    .where('p.service_id', 'in', serviceIds)
    .orderBy('p.created')
    .orderBy('p.id')
    .execute();
}
