import { sql } from 'kysely';
import { STALE_PROCESSOR_MS, STALE_SERVICE_MS } from '../../domain/agent-states.js';
import type {
  visibleIdentities,
  visibleLogs,
  visibleProcessors,
  visibleServices,
} from './agent-visibility.js';

/** Filters of the identity list (Waldur `AgentIdentityFilter`). */
export interface IdentityFilter {
  name?: string | undefined;
  offering_uuid?: string | undefined;
  version?: string | undefined;
  /** Restarted at or after. */
  last_restarted?: Date | undefined;
  /** Has no services (true) or has some (false). */
  orphaned?: boolean | undefined;
}

/** Narrows an identity query. */
export function filterIdentities(q: ReturnType<typeof visibleIdentities>, f: IdentityFilter) {
  let out = q;
  if (f.name !== undefined) out = out.where('i.name', '=', f.name);
  if (f.offering_uuid) out = out.where('o.uuid', '=', f.offering_uuid);
  if (f.version !== undefined) out = out.where('i.version', '=', f.version);
  if (f.last_restarted) out = out.where('i.last_restarted', '>=', f.last_restarted);
  if (f.orphaned !== undefined) {
    const has = sql<boolean>`EXISTS (SELECT 1 FROM site_agent_services s WHERE s.identity_id = i.id)`;
    out = out.where(f.orphaned ? sql<boolean>`NOT ${has}` : has);
  }
  return out;
}

/** Filters of the service list (Waldur `AgentServiceFilter`, plus the offering). */
export interface ServiceFilter {
  identity_uuid?: string | undefined;
  offering_uuid?: string | undefined;
  mode?: string | undefined;
  /** State codes. */
  state?: number[] | undefined;
  /** Untouched for 24 hours (true) or not (false). */
  stale?: boolean | undefined;
  modified_before?: Date | undefined;
  modified_after?: Date | undefined;
}

/** Narrows a service query. */
export function filterServices(q: ReturnType<typeof visibleServices>, f: ServiceFilter, now: Date) {
  let out = q;
  if (f.identity_uuid) out = out.where('i.uuid', '=', f.identity_uuid);
  if (f.offering_uuid) out = out.where('o.uuid', '=', f.offering_uuid);
  if (f.mode !== undefined) out = out.where('s.mode', '=', f.mode);
  if (f.state) out = f.state.length ? out.where('s.state', 'in', f.state) : out.where(sql<boolean>`false`);
  const threshold = new Date(now.getTime() - STALE_SERVICE_MS);
  if (f.stale === true) out = out.where('s.modified', '<', threshold);
  if (f.stale === false) out = out.where('s.modified', '>=', threshold);
  if (f.modified_before) out = out.where('s.modified', '<', f.modified_before);
  if (f.modified_after) out = out.where('s.modified', '>', f.modified_after);
  return out;
}

/** Filters of the processor list (Waldur `AgentProcessorFilter`, plus the offering). */
export interface ProcessorFilter {
  service_uuid?: string | undefined;
  offering_uuid?: string | undefined;
  backend_type?: string | undefined;
  backend_version?: string | undefined;
  /** Last run at or after. */
  last_run?: Date | undefined;
  last_run_before?: Date | undefined;
  /** Last run more than an hour ago (true) or not (false). */
  stale?: boolean | undefined;
}

/** Narrows a processor query. */
export function filterProcessors(q: ReturnType<typeof visibleProcessors>, f: ProcessorFilter, now: Date) {
  let out = q;
  if (f.service_uuid) out = out.where('s.uuid', '=', f.service_uuid);
  if (f.offering_uuid) out = out.where('o.uuid', '=', f.offering_uuid);
  if (f.backend_type !== undefined) out = out.where('p.backend_type', '=', f.backend_type);
  if (f.backend_version !== undefined) out = out.where('p.backend_version', '=', f.backend_version);
  if (f.last_run) out = out.where('p.last_run', '>=', f.last_run);
  if (f.last_run_before) out = out.where('p.last_run', '<', f.last_run_before);
  const threshold = new Date(now.getTime() - STALE_PROCESSOR_MS);
  // Django's exclude(last_run__lt=t) keeps NULL last_run rows; the filter drops them.
  if (f.stale === true) out = out.where('p.last_run', '<', threshold);
  if (f.stale === false)
    out = out.where((eb) => eb.or([eb('p.last_run', '>=', threshold), eb('p.last_run', 'is', null)]));
  return out;
}

/** Filters of the log list (Waldur `SiteAgentLogFilter`). */
export interface LogFilter {
  offering_uuid?: string | undefined;
  agent_identity_uuid?: string | undefined;
  level?: string | undefined;
  timestamp_from?: number | undefined;
  timestamp_to?: number | undefined;
}

/** Narrows a log query. */
export function filterLogs(q: ReturnType<typeof visibleLogs>, f: LogFilter) {
  let out = q;
  if (f.offering_uuid) out = out.where('o.uuid', '=', f.offering_uuid);
  if (f.agent_identity_uuid) out = out.where('i.uuid', '=', f.agent_identity_uuid);
  if (f.level !== undefined) out = out.where('l.level', '=', f.level);
  if (f.timestamp_from !== undefined) out = out.where('l.timestamp', '>=', f.timestamp_from);
  if (f.timestamp_to !== undefined) out = out.where('l.timestamp', '<=', f.timestamp_to);
  return out;
}
