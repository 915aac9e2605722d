import { z } from 'zod';
import { hex } from '../../platform/http/ids.js';
import type { RemoteCredentials } from './credentials.js';
import { errorFromResponse, RemoteUnavailableError } from './errors.js';

/** Default time one remote call may take; the caller holds a row lock meanwhile, so keep it bounded. */
export const DEFAULT_REMOTE_TIMEOUT_MS = 30_000;

/** The order fields Orderly reads from a remote Waldur-compatible instance (api-contract §4). */
export const RemoteOrder = z.object({
  uuid: z.string(),
  state: z.string(),
  type: z.string(),
  marketplace_resource_uuid: z.string(),
  error_message: z.string().default(''),
});
/** A remote order. */
export type RemoteOrder = z.infer<typeof RemoteOrder>;

/** The resource fields Orderly reads (api-contract §5). */
export const RemoteResource = z.object({
  uuid: z.string(),
  state: z.string(),
  limits: z.record(z.string(), z.unknown()).default({}),
});
/** A remote resource. */
export type RemoteResource = z.infer<typeof RemoteResource>;

const RemoteProject = z.object({ uuid: z.string(), backend_id: z.string().default('') });
const OrderUuidOut = z.object({ order_uuid: z.string() });

/** Query parameters; arrays become repeated parameters (api-contract §0.5). */
type Query = Record<string, string | readonly string[] | undefined>;

/** One call's options: an idempotency key for mutating POSTs and a signal to stop early. */
export interface CallOptions {
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/**
 * A small client for the Waldur-compatible API of another instance (Waldur or Orderly): token
 * authentication, slash-terminated paths, hex ids in hyperlinks, responses validated with zod, and
 * errors turned into {@link RemoteApiError} (the remote answered 4xx/5xx) or
 * {@link RemoteUnavailableError} (no answer in time). Only the calls Remote processing needs.
 */
export class RemoteClient {
  private readonly timeoutMs: number;

  constructor(private readonly creds: RemoteCredentials) {
    this.timeoutMs = creds.timeoutMs || DEFAULT_REMOTE_TIMEOUT_MS;
  }

  /** Absolute URL of a remote API path, as the remote's own hyperlinks look. */
  link(path: string): string {
    return `${this.creds.apiUrl}${path}`;
  }

  /** `GET /api/projects/?backend_id=…&customer=…`. */
  async findProjects(backendId: string, customerUuid: string, o: CallOptions = {}) {
    const body = await this.call('GET', '/api/projects/', {
      ...o,
      query: { backend_id: backendId, customer: customerUuid },
    });
    return z.array(RemoteProject).parse(body);
  }

  /** `POST /api/projects/` (201). */
  async createProject(input: { name: string; customerUuid: string; backendId: string }, o: CallOptions = {}) {
    const body = {
      name: input.name,
      customer: this.link(`/api/customers/${hex(input.customerUuid)}/`),
      backend_id: input.backendId,
    };
    return RemoteProject.parse(await this.call('POST', '/api/projects/', { ...o, body }));
  }

  /** `POST /api/marketplace-orders/` (201). */
  async createOrder(body: Record<string, unknown>, o: CallOptions = {}): Promise<RemoteOrder> {
    return RemoteOrder.parse(await this.call('POST', '/api/marketplace-orders/', { ...o, body }));
  }

  /** `GET /api/marketplace-orders/{uuid}/`. */
  async getOrder(uuid: string, o: CallOptions = {}): Promise<RemoteOrder> {
    return RemoteOrder.parse(await this.call('GET', `/api/marketplace-orders/${hex(uuid)}/`, o));
  }

  /** `GET /api/marketplace-orders/?resource_uuid=…&type=…&state=…` (first 100 are enough here). */
  async listOrders(
    filter: { resourceUuid: string; type: string; states: readonly string[] },
    o: CallOptions = {},
  ) {
    const query = {
      resource_uuid: filter.resourceUuid,
      type: filter.type,
      state: filter.states,
      page_size: '100',
    };
    return z.array(RemoteOrder).parse(await this.call('GET', '/api/marketplace-orders/', { ...o, query }));
  }

  /** `POST /api/marketplace-orders/{uuid}/reject_by_consumer/` (200, body ignored). */
  async rejectByConsumer(uuid: string, o: CallOptions = {}): Promise<void> {
    await this.call('POST', `/api/marketplace-orders/${hex(uuid)}/reject_by_consumer/`, { ...o, body: {} });
  }

  /** `GET /api/marketplace-resources/{uuid}/`. */
  async getResource(uuid: string, o: CallOptions = {}): Promise<RemoteResource> {
    return RemoteResource.parse(await this.call('GET', `/api/marketplace-resources/${hex(uuid)}/`, o));
  }

  /** `POST /api/marketplace-resources/{uuid}/update_limits/` → the new order's uuid. */
  async updateLimits(uuid: string, limits: Record<string, unknown>, o: CallOptions = {}): Promise<string> {
    const path = `/api/marketplace-resources/${hex(uuid)}/update_limits/`;
    return OrderUuidOut.parse(await this.call('POST', path, { ...o, body: { limits } })).order_uuid;
  }

  /** `POST /api/marketplace-resources/{uuid}/switch_plan/` → the new order's uuid. */
  async switchPlan(uuid: string, planUrl: string, o: CallOptions = {}): Promise<string> {
    const path = `/api/marketplace-resources/${hex(uuid)}/switch_plan/`;
    return OrderUuidOut.parse(await this.call('POST', path, { ...o, body: { plan: planUrl } })).order_uuid;
  }

  /** `POST /api/marketplace-resources/{uuid}/terminate/` → the new order's uuid. */
  async terminate(uuid: string, attributes: Record<string, unknown>, o: CallOptions = {}): Promise<string> {
    const path = `/api/marketplace-resources/${hex(uuid)}/terminate/`;
    return OrderUuidOut.parse(await this.call('POST', path, { ...o, body: { attributes } })).order_uuid;
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    o: CallOptions & { query?: Query; body?: unknown },
  ): Promise<unknown> {
    const url = new URL(this.link(path));
    for (const [k, v] of Object.entries(o.query ?? {})) {
      for (const item of typeof v === 'string' ? [v] : (v ?? [])) url.searchParams.append(k, item);
    }
    const headers: Record<string, string> = {
      authorization: `Token ${this.creds.token}`,
      accept: 'application/json',
    };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method,
        headers,
        signal,
        redirect: 'manual',
        ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
      });
      text = await res.text();
    } catch (err) {
      const why = timeout.aborted ? `no answer within ${this.timeoutMs} ms` : errorText(err);
      throw new RemoteUnavailableError(`${method} ${url.pathname}: ${why}`);
    }
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (an HTML error page of a proxy): keep the text for the message.
    }
    if (res.status < 200 || res.status >= 300)
      throw errorFromResponse(method, url.pathname, res.status, body);
    return body;
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}
