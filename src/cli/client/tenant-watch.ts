import type { components } from '../../../openapi/client/schema.js';
import type { Api } from './api.js';
import { unwrap } from './api.js';
import { EXIT } from './errors.js';
import { jsonLine } from './poll.js';

type Tenant = components['schemas']['Tenant'];

/** Tenant states that end a watch once no run is going, and the exit code of each. */
const TERMINAL: Record<string, number> = { Active: EXIT.ok, Decommissioned: EXIT.ok, Failed: EXIT.failed };

/** Seconds the events long poll waits for a first event. */
const LONG_POLL_S = 2;

const MARK: Record<string, string> = {
  completed: '✔',
  reused: '✔',
  running: '…',
  failed: '✘',
  waiting_retry: '↻',
};

/** The step-by-step block a terminal shows (redrawn in place). */
function block(t: Tenant): string[] {
  const head = `${t.slug}  ${t.state}  attempt ${t.attempt_number}${t.current_run ? `  (${t.current_run.kind} ${t.current_run.status})` : ''}`;
  const steps = t.steps.map((s) => {
    const took = s.duration_ms === null ? '' : `  ${(s.duration_ms / 1000).toFixed(1)}s`;
    const tries = s.tries > 1 ? `  try ${s.tries}` : '';
    return `  ${MARK[s.status] ?? '·'} ${s.step.padEnd(26)} ${s.status}${took}${tries}`;
  });
  const failure = t.last_failure?.details.message
    ? [`  last failure: ${t.last_failure.details.message}`]
    : [];
  return [head, ...steps, ...failure];
}

/** What `watch` prints: a live block on a terminal, plain lines otherwise, NDJSON with `json`. */
class Display {
  private drawn = 0;
  private steps = new Map<string, string>();
  private state = '';

  constructor(
    private readonly json: boolean,
    private readonly tty: boolean,
  ) {}

  event(e: components['schemas']['TenantEvent']): void {
    if (this.json) jsonLine({ kind: 'event', ...e });
    else if (!this.tty) process.stdout.write(`${e.occurred_at}  event  ${e.type}\n`);
  }

  tenant(t: Tenant): void {
    if (this.json) {
      if (t.state !== this.state) jsonLine({ kind: 'state', uuid: t.uuid, state: t.state });
    } else if (this.tty) {
      const lines = block(t);
      const up = this.drawn > 0 ? `\x1b[${this.drawn}F` : '';
      process.stdout.write(`${up}${lines.map((l) => `\x1b[2K${l}`).join('\n')}\n`);
      this.drawn = lines.length;
    } else {
      if (t.state !== this.state) process.stdout.write(`state  ${t.state}\n`);
      for (const s of t.steps)
        if (this.steps.get(s.step) !== s.status) {
          this.steps.set(s.step, s.status);
          process.stdout.write(`step   ${s.step} ${s.status}\n`);
        }
    }
    this.state = t.state;
  }
}

/** Follows a tenant (events long poll + the tenant's steps) until its run ends; returns the exit code. */
export async function watchTenant(api: Api, uuid: string, json: boolean): Promise<number> {
  const display = new Display(json, process.stdout.isTTY === true);
  const path = { uuid };
  let after = 0;
  for (;;) {
    const t = await unwrap(api.GET('/api/tenants/{uuid}/', { params: { path } }));
    display.tenant(t);
    const code = TERMINAL[t.state];
    if (code !== undefined && t.current_run === null) return code;
    const events = await unwrap(
      api.GET('/api/tenants/{uuid}/events/', { params: { path, query: { after, wait: LONG_POLL_S } } }),
    );
    for (const e of events) {
      after = Math.max(after, e.sequence);
      display.event(e);
    }
  }
}
