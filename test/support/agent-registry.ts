import { expect } from 'vitest';
import type { TestUser } from './factories.js';
import type { TestServer } from './http.js';

/** The user agent the real site agent sends in order_process mode. */
export const UA = { 'user-agent': 'waldur-site-agent-order_process/0.7.0' };
/** Collection paths of the site agent API. */
export const IDS = '/api/marketplace-site-agent-identities/';
/** Services. */
export const SVCS = '/api/marketplace-site-agent-services/';
/** Processors. */
export const PROCS = '/api/marketplace-site-agent-processors/';
/** Logs. */
export const LOGS = '/api/marketplace-site-agent-logs/';

/** An identity as the tests read it. */
export interface Identity {
  uuid: string;
  url: string;
  offering: string;
  name: string;
  version: string | null;
  created_by: string | null;
  dependencies: { package: string; version: string }[];
  last_restarted: string;
  services: { uuid: string; name: string; state: string; mode: string | null }[];
}
/** A service as the tests read it. */
export interface Service {
  uuid: string;
  identity: string;
  identity_name: string;
  name: string;
  mode: string | null;
  state: string;
  statistics: Record<string, unknown>;
  modified: string;
  processors: { uuid: string; name: string; backend_type: string; backend_version: string | null }[];
}
/** A processor as the tests read it. */
export interface Processor {
  uuid: string;
  service: string;
  service_name: string;
  name: string;
  backend_type: string;
  backend_version: string | null;
  last_run: string | null;
}
/** A problem body. */
export interface Problem {
  code: string;
  detail: string;
  errors?: { pointer: string; detail: string }[];
}

/** The pointers of a problem's field errors. */
export const pointers = (p: Problem) => (p.errors ?? []).map((e) => e.pointer);

/** Requests as a site agent would make them (its user agent), expecting a status. */
export function agentClient(s: TestServer) {
  async function call<T>(
    user: TestUser,
    method: string,
    path: string,
    status: number,
    body?: unknown,
  ): Promise<T> {
    const r = await s.request<T>(method, path, { token: user.token, body, headers: UA });
    expect(r.status, `${method} ${path}: ${r.text}`).toBe(status);
    return r.body;
  }
  /** Registers an identity the way the agent does (`agent-<offering uuid>`). */
  function registerAs(user: TestUser, offeringUuid: string, name = `agent-${offeringUuid}`) {
    return call<Identity>(user, 'POST', IDS, 201, {
      offering: offeringUuid,
      name,
      version: '0.7.0',
      dependencies: [{ package: 'waldur-api-client', version: '8.1.2' }],
      config_file_path: '',
      config_file_content: '',
      last_restarted: '2026-12-01T10:00:00.123456+00:00',
    });
  }
  return { call, registerAs };
}
