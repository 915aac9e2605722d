/**
 * The site agent's closed vocabularies, as data: service states (Waldur's AgentServiceState codes
 * and labels), log levels, offering types an agent may serve, the object types of event
 * subscriptions, and how stale a service or processor may get before the stats call it stale.
 */

/** Service state code → label (Waldur `AgentServiceState`). */
export const SERVICE_STATES = { 1: 'Active', 2: 'Idle', 3: 'Error' } as const;

/** A service state code. */
export type ServiceStateCode = keyof typeof SERVICE_STATES;

/** A service state label. */
export type ServiceStateLabel = (typeof SERVICE_STATES)[ServiceStateCode];

/** Service state label → code, for queries. */
export const SERVICE_STATE_CODES = { Active: 1, Idle: 2, Error: 3 } as const satisfies Record<
  ServiceStateLabel,
  ServiceStateCode
>;

/** The state a service enters whenever the agent (re-)registers it. */
export const SERVICE_ACTIVE: ServiceStateCode = SERVICE_STATE_CODES.Active;

/**
 * The service state machine as data: the agent (re-)registering a service makes it Active from
 * any state; the idle sweep moves an Active service whose processors stopped running to Idle.
 * Nothing else writes `state` (Error is Waldur's, set by no Orderly path).
 */
export const SERVICE_MOVES = {
  register: { from: [1, 2, 3], to: 1 },
  idle: { from: [1], to: 2 },
} as const satisfies Record<string, { from: readonly ServiceStateCode[]; to: ServiceStateCode }>;

/** An Active service goes Idle when none of its processors ran for this long (Waldur: 10 minutes). */
export const IDLE_AFTER_MS = 10 * 60 * 1000;

/** An agent that has not polled for this long is Disconnected (Waldur: 1 hour). */
export const DISCONNECTED_AFTER_MS = 3600 * 1000;

/** Log lines kept per identity; older ones are trimmed (Waldur's per-identity row limit). */
export const LOG_ROWS_PER_IDENTITY = 10_000;

/** Label of a stored state code (unknown codes read as Active, the column's default). */
export function serviceStateLabel(code: number): ServiceStateLabel {
  return SERVICE_STATES[code as ServiceStateCode] ?? SERVICE_STATES[1];
}

/** State codes given as codes (`1`) or labels (`Active`); unknown values are dropped. */
export function serviceStateCodes(values: readonly string[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    for (const [code, label] of Object.entries(SERVICE_STATES)) {
      if (v === code || v.toLowerCase() === label.toLowerCase()) out.push(Number(code));
    }
  }
  return out;
}

/** Log levels an agent may ship (Waldur `LevelEnum`). */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;

/** Offering types a site agent identity may be registered for (Waldur's compatible set). */
export const AGENT_OFFERING_TYPES: readonly string[] = [
  'Marketplace.Slurm',
  'Marketplace.Script',
  'OpenStack.Tenant',
  'Marketplace.Basic',
];

/** Observable object types of event subscriptions (Waldur `ObservableObjectTypeEnum`). */
export const OBSERVABLE_OBJECT_TYPES = [
  'course_account',
  'importable_resources',
  'offering_resources_sync',
  'offering_user',
  'order',
  'resource',
  'resource_api_key_rotation',
  'resource_end_date_change_request',
  'resource_periodic_limits',
  'service_account',
  'user_lifecycle',
  'user_profile',
  'user_role',
  'user_ssh_key',
] as const;

/** A service untouched this long is stale (Waldur: 24 hours). */
export const STALE_SERVICE_MS = 24 * 3600 * 1000;

/** A processor that has not run this long is stale (Waldur: 1 hour). */
export const STALE_PROCESSOR_MS = 3600 * 1000;
