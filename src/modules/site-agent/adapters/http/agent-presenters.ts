import type { z } from 'zod';
import { hex, objectUrl } from '../../../../platform/http/ids.js';
import { LOG_LEVELS, serviceStateLabel } from '../../domain/agent-states.js';
import type { IdentityRecord, LogRecord, ProcessorRecord, ServiceRecord } from '../pg/agent-records.js';
import type {
  IdentityOut,
  LogOut,
  NestedProcessorOut,
  NestedServiceOut,
  ProcessorOut,
  ServiceOut,
} from './agent-schemas.js';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const objectOf = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Presents a processor as nested in a service. */
export function presentNestedProcessor(
  base: string,
  p: ProcessorRecord,
): z.output<typeof NestedProcessorOut> {
  return {
    uuid: hex(p.uuid),
    url: objectUrl(base, 'marketplace-site-agent-processors', p.uuid),
    name: p.name,
    last_run: isoOrNull(p.last_run),
    backend_type: p.backend_type,
    backend_version: p.backend_version,
    created: iso(p.created),
    modified: iso(p.modified),
  };
}

/** Presents a processor. */
export function presentProcessor(base: string, p: ProcessorRecord): z.output<typeof ProcessorOut> {
  return { ...presentNestedProcessor(base, p), service: hex(p.service_uuid), service_name: p.service_name };
}

/** Presents a service as nested in an identity. */
export function presentNestedService(base: string, s: ServiceRecord): z.output<typeof NestedServiceOut> {
  return {
    uuid: hex(s.uuid),
    url: objectUrl(base, 'marketplace-site-agent-services', s.uuid),
    name: s.name,
    mode: s.mode,
    state: serviceStateLabel(s.state),
    statistics: objectOf(s.statistics),
    created: iso(s.created),
    modified: iso(s.modified),
  };
}

/** Presents a service with its processors. */
export function presentService(
  base: string,
  s: ServiceRecord,
  processors: ProcessorRecord[],
): z.output<typeof ServiceOut> {
  return {
    ...presentNestedService(base, s),
    identity: hex(s.identity_uuid),
    identity_name: s.identity_name,
    processors: processors.filter((p) => p.service_id === s.id).map((p) => presentNestedProcessor(base, p)),
  };
}

function dependenciesOf(v: unknown): { package: string; version: string }[] {
  if (!Array.isArray(v)) return [];
  return v.map((d) => ({
    package: String(objectOf(d).package ?? ''),
    version: String(objectOf(d).version ?? ''),
  }));
}

/** Presents an identity with its services. */
export function presentIdentity(
  base: string,
  i: IdentityRecord,
  services: ServiceRecord[],
): z.output<typeof IdentityOut> {
  return {
    uuid: hex(i.uuid),
    url: objectUrl(base, 'marketplace-site-agent-identities', i.uuid),
    offering: hex(i.offering_uuid),
    offering_name: i.offering_name,
    created_by: i.created_by_uuid ? hex(i.created_by_uuid) : null,
    name: i.name,
    version: i.version,
    dependencies: dependenciesOf(i.dependencies),
    config_file_path: i.config_file_path,
    config_file_content: i.config_file_content,
    last_restarted: iso(i.last_restarted),
    created: iso(i.created),
    modified: iso(i.modified),
    services: services.filter((s) => s.identity_id === i.id).map((s) => presentNestedService(base, s)),
  };
}

/** Presents a log line. */
export function presentLog(base: string, l: LogRecord): z.output<typeof LogOut> {
  const level = LOG_LEVELS.find((x) => x === l.level) ?? 'INFO';
  return {
    uuid: hex(l.uuid),
    offering: objectUrl(base, 'marketplace-provider-offerings', l.offering_uuid),
    offering_uuid: hex(l.offering_uuid),
    agent_identity_uuid: hex(l.identity_uuid),
    timestamp: l.timestamp,
    level,
    message: l.message,
    module: l.module,
    created: iso(l.created),
  };
}
