import type { Command } from 'commander';
import type { components, operations } from '../../../openapi/client/schema.js';
import { api, unwrap } from './api.js';
import { action, type JsonOpt, withJson } from './command.js';
import { EXIT, problemMessage, usage, uuidArg } from './errors.js';
import { emit, printTable } from './output.js';

type Verdict = components['schemas']['OrderPreflight'];
type Body = operations['marketplace_orders_preflight']['requestBody']['content']['application/json'];

interface PreflightOpts extends JsonOpt {
  project: string;
  offering: string;
  plan?: string;
  name?: string;
  limit?: string[];
  attr?: string[];
  startDate?: string;
  comment?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `key=value` pairs; a value that parses as JSON (number, true, "…") is taken as that JSON. */
function pairs(list: string[] | undefined, what: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of list ?? []) {
    const at = item.indexOf('=');
    if (at < 1) throw usage(`${what} must be KEY=VALUE: ${item}`);
    const raw = item.slice(at + 1);
    try {
      out[item.slice(0, at)] = JSON.parse(raw);
    } catch {
      out[item.slice(0, at)] = raw;
    }
  }
  return out;
}

/** The create body the options describe (links relative to the server, which accepts them). */
function bodyOf(o: PreflightOpts): Body {
  const offering = uuidArg(o.offering);
  const limits: Record<string, number> = {};
  for (const [k, v] of Object.entries(pairs(o.limit, '--limit'))) {
    if (typeof v !== 'number') throw usage(`--limit ${k} must be a number`);
    limits[k] = v;
  }
  return {
    project: `/api/projects/${uuidArg(o.project)}/`,
    offering: `/api/marketplace-public-offerings/${offering}/`,
    ...(o.plan ? { plan: `/api/marketplace-public-offerings/${offering}/plans/${uuidArg(o.plan)}/` } : {}),
    attributes: { ...pairs(o.attr, '--attr'), ...(o.name ? { name: o.name } : {}) },
    limits,
    ...(o.startDate ? { start_date: o.startDate } : {}),
    ...(o.comment ? { request_comment: o.comment } : {}),
  };
}

/** The verdict in words: accepted or why not, the approval path, the cost and the headroom. */
function printVerdict(v: Verdict): void {
  const w = (line: string) => process.stdout.write(`${line}\n`);
  if (v.accepted) w(`accepted: the order would be created in state ${v.state}`);
  else w(`refused: ${problemMessage(v.problem?.status ?? 400, v.problem)}`);
  if (v.cost !== null) w(`estimated cost: ${v.cost} per month`);
  if (v.approval_path.length > 0) {
    w('approval path:');
    printTable(v.approval_path, [
      ['  STEP', (s) => `  ${s.step}`],
      ['OUTCOME', (s) => s.outcome],
      ['WHO', (s) => s.approvers.map((a) => a.username).join(', ')],
      ['DETAIL', (s) => s.detail],
    ]);
  }
  const h = v.headroom;
  if (!h) return;
  w('headroom:');
  if (h.plan)
    w(
      `  plan ${h.plan.name}: ${h.plan.used} resources${h.plan.max_amount ? ` of ${h.plan.max_amount}, ${h.plan.remaining} left` : ''}`,
    );
  if (h.project_resources)
    w(
      `  this offering in the project: ${h.project_resources.used} of ${h.project_resources.max}, ${h.project_resources.remaining} left`,
    );
  for (const c of h.components)
    w(
      `  ${c.type}: requested ${c.requested ?? 0} (min ${c.min_value ?? '-'}, max ${c.max_value ?? '-'}${c.limit_amount !== null ? `, allowed ${c.limit_amount}` : ''})`,
    );
  if (h.auto_approval)
    w(
      `  auto-approval limit ${h.auto_approval.monthly_cost_limit}: ${h.auto_approval.remaining ?? '?'} left${h.auto_approval.eligible ? '' : ` (does not apply: ${h.auto_approval.reason})`}`,
    );
}

/** `orderly orders preflight`: would this order be accepted, who approves it, what it costs. */
export function registerPreflight(orders: Command): void {
  withJson(
    orders
      .command('preflight')
      .description(
        'check an order without creating it: verdict, approval path, cost and headroom (exit 1 when refused)',
      )
      .requiredOption('--project <uuid>', 'project to order for')
      .requiredOption('--offering <uuid>', 'offering to order')
      .option('--plan <uuid>', 'plan of the offering')
      .option('--name <name>', 'resource name')
      .option('--limit <type=n>', 'component limit (repeatable), e.g. cpu=4', collect)
      .option('--attr <key=value>', 'order attribute (repeatable); JSON values are parsed', collect)
      .option('--start-date <yyyy-mm-dd>', 'start date of the order')
      .option('--comment <text>', 'comment to the provider'),
  ).action(
    action(async (o: PreflightOpts) => {
      const v = await unwrap(api().POST('/api/marketplace-orders/preflight/', { body: bodyOf(o) }));
      emit(o.json, v, printVerdict);
      return v.accepted ? EXIT.ok : EXIT.failed;
    }),
  );
}
