/**
 * End-date rules of Waldur's `ResourceUpdateSerializer` / `ResourceEndDateByProviderSerializer` and
 * `utils.validate_end_date`, as data and pure checks (no I/O): who sets the date decides the rule.
 */

/** Who sets the end date: the consumer (PUT/PATCH, set_end_date), the provider or staff. */
export type EndDateSetter = 'consumer' | 'provider' | 'staff';

/** The offering options that bound an end date (Waldur plugin options). */
export interface EndDateOptions {
  readonly maxOffsetDays?: number | undefined;
  readonly latestDate?: string | undefined;
}

/** Minimal notice in days before an end date set by the provider or staff (Waldur: 7). */
export const MIN_NOTICE_DAYS: Record<EndDateSetter, number> = { consumer: 0, provider: 7, staff: 7 };

const NOTICE_MESSAGE: Record<EndDateSetter, string> = {
  consumer: 'Cannot be earlier than the current date.',
  provider: 'Please set at least 7 days in advance.',
  staff: 'Please set at least 7 days in advance.',
};

const TOO_LATE = 'End date can not be later than the maximal date set for termination.';

/** Adds whole days to an ISO date (`YYYY-MM-DD`), in UTC. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The refusal message for `endDate` (`YYYY-MM-DD`), or null when it may be set. A null end date
 * (clearing it) is always allowed. `today` and `createdDate` are ISO dates.
 */
export function endDateRefusal(
  setter: EndDateSetter,
  endDate: string | null,
  today: string,
  createdDate: string,
  options: EndDateOptions,
): string | null {
  if (endDate === null) return null;
  if (endDate < addDays(today, MIN_NOTICE_DAYS[setter])) return NOTICE_MESSAGE[setter];
  if (options.maxOffsetDays !== undefined && endDate > addDays(createdDate, options.maxOffsetDays)) {
    return TOO_LATE;
  }
  if (options.latestDate !== undefined && endDate > options.latestDate) return TOO_LATE;
  return null;
}

/** Reads the end-date bounds from an offering's plugin options (ignores malformed values). */
export function endDateOptions(pluginOptions: Record<string, unknown>): EndDateOptions {
  const max = Number(pluginOptions.max_resource_termination_offset_in_days);
  const latest = pluginOptions.latest_date_for_resource_termination;
  return {
    maxOffsetDays: Number.isFinite(max) && max > 0 ? max : undefined,
    latestDate: typeof latest === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(latest) ? latest : undefined,
  };
}
