import { type Command, InvalidArgumentError } from 'commander';
import type { components } from '../../../openapi/client/schema.js';
import { api, unwrap } from './api.js';
import { action, type JsonOpt, withJson } from './command.js';
import { EXIT, uuidArg } from './errors.js';
import { type ListFilter, listCommand, repeatable, SCOPE_FILTERS, textFilter } from './list-options.js';
import { emit, printFields } from './output.js';
import { watchTenant } from './tenant-watch.js';

type Tenant = components['schemas']['Tenant'];
type TenantState = Tenant['state'];

const STATES: readonly string[] = ['Provisioning', 'Active', 'Failed', 'Decommissioning', 'Decommissioned'];
const collectState = (v: string, prev: TenantState[] = []): TenantState[] => {
  if (!STATES.includes(v)) throw new InvalidArgumentError(`unknown state ${v} (one of ${STATES.join(', ')})`);
  return [...prev, v as TenantState];
};

/** The filters of `tenants list`, in their help order. */
const LIST_FILTERS: readonly ListFilter[] = [
  repeatable('state', 'only this state (repeatable)', collectState),
  { option: 'slug', key: 'slug', arg: '<slug>', help: 'only this slug' },
  ...SCOPE_FILTERS,
  textFilter('query', 'name or slug contains'),
];

function showTenant(t: Tenant): void {
  printFields(t, ['uuid', 'slug', 'name', 'state', 'attempt_number', 'failed_attempts', 'admin_console_url']);
  for (const s of t.steps) process.stdout.write(`  ${s.step.padEnd(26)} ${s.status}\n`);
  if (t.last_failure) process.stdout.write(`last failure: ${t.last_failure.details.message}\n`);
}

function registerList(tenants: Command): void {
  listCommand(
    tenants,
    'list tenants you can see',
    LIST_FILTERS,
    (query) => unwrap(api().GET('/api/tenants/', { params: { query } })),
    [
      ['UUID', (x) => x.uuid],
      ['SLUG', (x) => x.slug],
      ['STATE', (x) => x.state],
      ['ATTEMPT', (x) => x.attempt_number],
      ['STEP', (x) => x.current_run?.step ?? ''],
    ],
  );
}

function registerActions(tenants: Command): void {
  withJson(
    tenants
      .command('retry <uuid>')
      .description('retry provisioning of a Failed tenant')
      .option('--reason <text>', 'why'),
  ).action(
    action(async (uuid: string, o: JsonOpt & { reason?: string }) => {
      const path = { uuid: uuidArg(uuid) };
      const r = await unwrap(
        api().POST('/api/tenants/{uuid}/retry/', {
          params: { path },
          body: o.reason ? { reason: o.reason } : {},
        }),
      );
      emit(o.json, r, () => process.stdout.write(`tenant ${uuid}: retry started\n`));
      return EXIT.ok;
    }),
  );
  withJson(
    tenants
      .command('reset <uuid>')
      .description('reset a stuck run or a stale lock without starting an attempt')
      .requiredOption('--reason <text>', 'why (required)')
      .option('--force', 'staff: take a fresh lock even if the holder looks alive'),
  ).action(
    action(async (uuid: string, o: JsonOpt & { reason: string; force?: boolean }) => {
      const body = { reason: o.reason, ...(o.force ? { force: true } : {}) };
      const r = await unwrap(
        api().POST('/api/tenants/{uuid}/reset/', { params: { path: { uuid: uuidArg(uuid) } }, body }),
      );
      emit(o.json, r, (t) => process.stdout.write(`tenant ${uuid}: reset; state ${t.state}\n`));
      return EXIT.ok;
    }),
  );
  withJson(
    tenants
      .command('decommission <uuid>')
      .description('decommission (terminal): creates a Terminate order')
      .requiredOption('--reason <text>', 'why (required)')
      .option('--force-destroy', 'staff: drop the storage without cleanup'),
  ).action(
    action(async (uuid: string, o: JsonOpt & { reason: string; forceDestroy?: boolean }) => {
      const body = { reason: o.reason, ...(o.forceDestroy ? { force_destroy: true } : {}) };
      const r = await unwrap(
        api().POST('/api/tenants/{uuid}/decommission/', { params: { path: { uuid: uuidArg(uuid) } }, body }),
      );
      emit(o.json, r, (x) => process.stdout.write(`tenant ${uuid}: decommission order ${x.order_uuid}\n`));
      return EXIT.ok;
    }),
  );
}

/** `orderly tenants …`: list, show, retry, reset, decommission, watch. */
export function registerTenants(program: Command): Command {
  const tenants = program.command('tenants').description('provisioned tenants');
  registerList(tenants);
  withJson(tenants.command('show <uuid>').alias('get').description('show a tenant with its steps')).action(
    action(async (uuid: string, o: JsonOpt) => {
      const t = await unwrap(
        api().GET('/api/tenants/{uuid}/', { params: { path: { uuid: uuidArg(uuid) } } }),
      );
      emit(o.json, t, showTenant);
      return EXIT.ok;
    }),
  );
  registerActions(tenants);
  withJson(
    tenants
      .command('watch <uuid>')
      .description('follow the run step by step; exit 0 when Active (or Decommissioned), 1 when Failed'),
  ).action(action(async (uuid: string, o: JsonOpt) => watchTenant(api(), uuidArg(uuid), o.json === true)));
  return tenants;
}
