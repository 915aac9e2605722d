/**
 * A Waldur site agent for the Marketplace.Slurm offering type, written against the HTTP API only,
 * following the order loop of orders spec §13 step by step (waldur-site-agent
 * `OfferingOrderProcessor`): the same paths, query parameters (dashed uuids, repeated `state`,
 * `page_size=100`, `field=`), bodies and expected success statuses as Waldur's generated client.
 * Its "backend" is an in-memory SLURM account table the test inspects and can make fail.
 */

/** A non-2xx answer, as the client's `UnexpectedStatus`. */
export class UnexpectedStatus extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: unexpected status ${status}: ${body}`);
  }
}

/** A backend failure after provisioning started (the agent reports it with set_state_erred). */
export class BackendError extends Error {}

/** The SLURM side: accounts by backend id. */
export class FakeSlurm {
  readonly accounts = new Map<string, { name: string; limits: Record<string, unknown>; users: string[] }>();
  /** How many upcoming account creations fail. */
  failCreates = 0;
  /** Backend ids whose next sync fails (report loop). */
  readonly failSync = new Set<string>();
  private seq = 0;

  create(name: string, limits: Record<string, unknown>): string {
    if (this.failCreates > 0) {
      this.failCreates--;
      throw new BackendError(`sacctmgr: cannot create account for ${name}`);
    }
    const id = `hpc_${name.replace(/[^a-z0-9]/gi, '_')}_${++this.seq}`;
    this.accounts.set(id, { name, limits, users: [] });
    return id;
  }
}

/** The order fields the agent reads (§13). */
export interface AgentOrder {
  uuid: string;
  state: string;
  type: string;
  resource_name: string;
  marketplace_resource_uuid: string;
  limits: Record<string, unknown>;
  plan_uuid: string | null;
  backend_id: string;
  project_slug: string;
  attributes: Record<string, unknown>;
}

/** The resource fields the agent reads (§13). */
export interface AgentResource {
  uuid: string;
  name: string;
  backend_id: string;
  limits: Record<string, unknown>;
  state: string;
}

type Decision = 'ACCEPT' | 'REJECT' | 'PENDING';

/** Dashed form of a 32-hex uuid: the generated client formats every id with `str(UUID)`. */
const dashed = (h: string) => {
  const x = h.replace(/-/g, '');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
};

/** The agent of one offering. */
export class SiteAgent {
  /** Every request as `METHOD path?query`, in order (the test checks the protocol). */
  readonly calls: string[] = [];
  private readonly offering: string;

  constructor(
    private readonly base: string,
    private readonly token: string,
    offeringUuid: string,
    readonly backend: FakeSlurm,
    private readonly evaluate: (o: AgentOrder) => Decision = () => 'ACCEPT',
  ) {
    this.offering = dashed(offeringUuid);
  }

  private async call<T>(method: string, path: string, expected: number, body?: unknown): Promise<T> {
    this.calls.push(`${method} ${path}`);
    const headers: Record<string, string> = {
      authorization: `Token ${this.token}`,
      'user-agent': 'waldur-site-agent/0.7.0',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    const text = await res.text();
    if (res.status !== expected) throw new UnexpectedStatus(res.status, text, `${method} ${path}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** `get_all_paginated`: pages of 100 until a short page; every body must be a bare array. */
  private async all<T>(path: string, query: string): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; ; page++) {
      const items = await this.call<T[]>('GET', `${path}?${query}&page=${page}&page_size=100`, 200);
      if (!Array.isArray(items)) throw new Error(`${path} did not answer a bare array`);
      out.push(...items);
      if (items.length < 100) return out;
    }
  }

  /** Start-up (`OfferingBaseProcessor.__init__`): who am I, the offering, its provider, the version. */
  async start(): Promise<{ username: string; customerUuid: string; version: string }> {
    const me = await this.call<{ username: string }>('GET', '/api/users/me/', 200);
    const offering = await this.call<{
      customer_uuid: string;
      components: unknown[];
      plugin_options: object;
    }>(
      'GET',
      `/api/marketplace-provider-offerings/${this.offering}/?field=components&field=customer_uuid&field=partitions&field=plugin_options`,
      200,
    );
    await this.call<{ uuid: string }[]>(
      'GET',
      `/api/marketplace-service-providers/?customer_uuid=${dashed(offering.customer_uuid)}&field=uuid`,
      200,
    );
    const version = await this.call<{ version: string }>('GET', '/api/version/', 200);
    return { username: me.username, customerUuid: offering.customer_uuid, version: version.version };
  }

  /** One round of the order loop (`process_offering`). */
  async processOffering(): Promise<void> {
    const orders = await this.all<AgentOrder>(
      '/api/marketplace-orders/',
      `offering_uuid=${this.offering}&state=pending-provider&state=executing`,
    );
    for (const o of orders) await this.processOrder(o);
  }

  /** `process_order` for one listed order (§13 steps 2–5). */
  async processOrder(listed: AgentOrder): Promise<void> {
    let order = listed;
    if (order.state === 'done' || order.state === 'erred') return;
    if (order.state === 'pending-provider') {
      const decision = this.evaluate(order);
      if (decision === 'PENDING') return;
      if (decision === 'REJECT') {
        await this.call('POST', `/api/marketplace-orders/${dashed(order.uuid)}/reject_by_provider/`, 200, {});
        return;
      }
      await this.call('POST', `/api/marketplace-orders/${dashed(order.uuid)}/approve_by_provider/`, 200, {});
      order = await this.call<AgentOrder>('GET', `/api/marketplace-orders/${dashed(order.uuid)}/`, 200);
    }
    if (order.state !== 'executing') return;
    try {
      if (order.type === 'Create' || order.type === 'Restore') await this.create(order);
      else if (order.type === 'Update') await this.update(order);
      else if (order.type === 'Terminate') await this.terminate(order);
    } catch (err) {
      if (!(err instanceof BackendError)) throw err;
      await this.call('POST', `/api/marketplace-orders/${dashed(order.uuid)}/set_state_erred/`, 200, {
        error_message: err.message,
        error_traceback: `Traceback (most recent call last):\n  BackendError: ${err.message}`,
      });
      return;
    }
    const now = await this.call<{ uuid: string; state: string }>(
      'GET',
      `/api/marketplace-orders/${dashed(order.uuid)}/?field=uuid&field=state`,
      200,
    );
    if (now.state === 'executing')
      await this.call('POST', `/api/marketplace-orders/${dashed(order.uuid)}/set_state_done/`, 200);
    if (order.type === 'Create' || order.type === 'Restore') await this.addUsers(order);
  }

  private resourcePath(o: AgentOrder, action = '') {
    return `/api/marketplace-provider-resources/${dashed(o.marketplace_resource_uuid)}/${action ? `${action}/` : ''}`;
  }

  private async create(o: AgentOrder): Promise<void> {
    const resource = await this.call<AgentResource>('GET', this.resourcePath(o), 200);
    if (resource.backend_id && this.backend.accounts.has(resource.backend_id)) return;
    const backendId = this.backend.create(resource.name, o.limits);
    await this.call('POST', this.resourcePath(o, 'set_backend_id'), 200, { backend_id: backendId });
    await this.call('POST', this.resourcePath(o, 'set_limits'), 200, { limits: o.limits });
    await this.call('POST', this.resourcePath(o, 'set_backend_metadata'), 200, {
      backend_metadata: { account: backendId, cluster: 'hpc' },
    });
    await this.call('POST', this.resourcePath(o, 'set_endpoints'), 200, {
      endpoints: [{ name: 'Login node', url: `ssh://login.hpc.example/${backendId}` }],
    });
  }

  private async addUsers(o: AgentOrder): Promise<void> {
    const resource = await this.call<AgentResource>('GET', this.resourcePath(o), 200);
    const team = await this.call<{ username: string }[]>('GET', this.resourcePath(o, 'team'), 200);
    const account = this.backend.accounts.get(resource.backend_id);
    if (account) account.users = team.map((m) => m.username);
  }

  private async update(o: AgentOrder): Promise<void> {
    const resource = await this.call<AgentResource>('GET', this.resourcePath(o), 200);
    const account = this.backend.accounts.get(resource.backend_id);
    if (!account) throw new BackendError(`account ${resource.backend_id} not found`);
    account.limits = { ...o.limits };
  }

  private async terminate(o: AgentOrder): Promise<void> {
    if (!o.project_slug) throw new Error('order without project_slug');
    const resource = await this.call<AgentResource>('GET', this.resourcePath(o), 200);
    this.backend.accounts.delete(resource.backend_id);
  }

  /** The report / membership loop: usage, last sync, and the resource's health. */
  async report(usage: (r: AgentResource) => Record<string, string>): Promise<void> {
    const resources = await this.all<AgentResource>(
      '/api/marketplace-provider-resources/',
      `offering_uuid=${this.offering}&state=OK&state=Erred&field=uuid&field=name&field=backend_id&field=limits&field=state`,
    );
    for (const r of resources) {
      const path = `/api/marketplace-provider-resources/${dashed(r.uuid)}/`;
      if (this.backend.failSync.has(r.backend_id)) {
        await this.call('POST', `${path}set_as_erred/`, 200, {
          error_message: `Sync of ${r.backend_id} failed`,
          error_traceback: 'slurm: connection refused',
        });
        continue;
      }
      const usages = Object.entries(usage(r)).map(([type, amount]) => ({ type, amount }));
      await this.call('POST', '/api/marketplace-component-usages/set_usage/', 201, {
        resource: dashed(r.uuid),
        usages,
      });
      await this.call('POST', `${path}refresh_last_sync/`, 200);
      if (r.state === 'Erred') await this.call('POST', `${path}set_as_ok/`, 200);
    }
  }

  /** Health check: the first page of the offering's orders. */
  async healthCheck(): Promise<number> {
    const first = await this.call<unknown[]>(
      'GET',
      `/api/marketplace-orders/?offering_uuid=${this.offering}`,
      200,
    );
    return first.length;
  }
}
