import { expect } from 'vitest';

/** One request of a replayed agent, as `METHOD path?query → status`. */
export type ReplayedCall = string;

/** Options of one replayed request. */
export interface ReplayRequest {
  /** Query pairs in the order the generated client sends them (lists repeat the key). */
  query?: [string, string][];
  body?: unknown;
}

/** A response of a replayed request. */
export interface Replayed<T> {
  status: number;
  body: T;
  text: string;
}

/**
 * Replays requests the way `waldur_api_client` (httpx) sends them for the site agent: the
 * `Authorization: Token …` header, the agent's `User-Agent`, JSON bodies only when the call has
 * one. It records every call so a test can show the whole protocol in order.
 */
export class AgentReplay {
  readonly calls: ReplayedCall[] = [];

  constructor(
    private readonly base: string,
    private readonly token: string,
    readonly userAgent: string,
  ) {}

  /** Sends one request and returns its answer, whatever the status. */
  async send<T = unknown>(method: string, path: string, req: ReplayRequest = {}): Promise<Replayed<T>> {
    const qs = new URLSearchParams(req.query ?? []).toString();
    const headers: Record<string, string> = {
      authorization: `Token ${this.token}`,
      'user-agent': this.userAgent,
      accept: 'application/json',
    };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}${qs ? `?${qs}` : ''}`, {
      method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    });
    const text = await res.text();
    this.calls.push(`${method} ${path}${qs ? `?${qs}` : ''} → ${res.status}`);
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text for the failure message.
    }
    return { status: res.status, body: body as T, text };
  }

  /** Sends one request and asserts one of the statuses the generated client accepts as success. */
  async expect<T = unknown>(
    method: string,
    path: string,
    ok: number | number[],
    req: ReplayRequest = {},
  ): Promise<T> {
    const r = await this.send<T>(method, path, req);
    const accepted = Array.isArray(ok) ? ok : [ok];
    expect(accepted, `${method} ${path}: ${r.status} ${r.text.slice(0, 400)}`).toContain(r.status);
    return r.body;
  }
}

/** GET expecting 200. */
export function get<T = unknown>(a: AgentReplay, path: string, query?: [string, string][]): Promise<T> {
  return a.expect<T>('GET', path, 200, query ? { query } : {});
}

/** POST (a JSON body when given) expecting `ok`, 200 by default. */
export function post<T = unknown>(a: AgentReplay, path: string, body?: unknown, ok: number | number[] = 200) {
  return a.expect<T>('POST', path, ok, body === undefined ? {} : { body });
}

/** Dashed form of a uuid: what `str(UUID)` gives when the client formats a UUID object. */
export function dashedUuid(id: string): string {
  const x = id.replace(/-/g, '');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Hex form of a uuid: what `UUID.hex` gives. */
export function hexUuid(id: string): string {
  return id.replace(/-/g, '');
}

/** Query pairs of a `field=` list, as the client sends an enum list. */
export function fields(...names: string[]): [string, string][] {
  return names.map((f): [string, string] => ['field', f]);
}

/** The offering-user fields the agent asks for (processors.py `_CORE_FIELDS` + default exposed attributes). */
export const OFFERING_USER_FIELDS = fields(
  ...['user_uuid', 'username', 'url', 'state', 'uuid', 'user_username'],
  ...['user_full_name', 'user_first_name', 'user_last_name', 'user_email'],
);

/** The resource fields of the membership sync's resource list (processors.py `_get_waldur_resources`). */
export const MEMBERSHIP_FIELDS = fields(
  ...['uuid', 'backend_id', 'name', 'slug', 'state', 'project_uuid', 'project_slug', 'customer_slug'],
  ...['restrict_member_access', 'backend_metadata', 'limits', 'paused', 'downscaled', 'attributes'],
  ...['offering_plugin_options', 'offering_backend_id', 'project_name', 'project_description'],
  ...['customer_uuid', 'customer_name', 'end_date', 'end_date_updated_at', 'project_end_date'],
);

/** The resource fields of the report loop's resource list (processors.py `OfferingReportProcessor.process_offering`). */
export const REPORT_FIELDS = fields(
  ...['uuid', 'backend_id', 'name', 'slug', 'state', 'project_uuid', 'project_slug', 'customer_slug'],
  ...['limits', 'backend_metadata', 'attributes', 'offering_plugin_options', 'offering_backend_id'],
);

/** First day of the current month (UTC), the agent's `billing_period`. */
export function billingPeriod(): string {
  return `${new Date().toISOString().slice(0, 7)}-01`;
}

/** The report date the agent sends: the period's first midnight, with its offset. */
export function reportDate(): string {
  return `${billingPeriod()}T00:00:00+00:00`;
}
