import type { Command } from 'commander';
import type { components } from '../../../openapi/client/schema.js';
import { api, unwrap } from './api.js';
import { action, type JsonOpt, withJson } from './command.js';
import { EXIT, uuidArg } from './errors.js';
import { emit, printFields, printTable } from './output.js';
import { registerDrift } from './resource-drift.js';
import { registerEdit } from './resource-edit.js';

type Resource = components['schemas']['Resource'];

interface ListOpts extends JsonOpt {
  state?: string[];
  project?: string;
  customer?: string;
  provider?: string;
  offering?: string;
  name?: string;
  page: string;
  pageSize: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];
const reasonBody = (reason?: string) => (reason ? { reason } : {});

/** The resource actions of the CLI: name, description, call. */
const ACTIONS: [string, string, (uuid: string, reason?: string) => Promise<unknown>][] = [
  [
    'terminate',
    'terminate: creates a Terminate order',
    (uuid, reason) =>
      unwrap(
        api().POST('/api/marketplace-resources/{uuid}/terminate/', {
          params: { path: { uuid } },
          body: reasonBody(reason),
        }),
      ),
  ],
  [
    'force-destroy',
    'force destroy (staff, --reason required): fails any order in flight, then terminates without backend cleanup',
    (uuid, reason) =>
      unwrap(
        api().POST('/api/marketplace-resources/{uuid}/force_destroy/', {
          params: { path: { uuid } },
          body: { reason: reason ?? '' },
        }),
      ),
  ],
  [
    'set-erred',
    'set as erred (provider; a state override, not a backend operation)',
    (uuid, reason) =>
      unwrap(
        api().POST('/api/marketplace-provider-resources/{uuid}/set_as_erred/', {
          params: { path: { uuid } },
          body: reason ? { reason, error_message: reason } : {},
        }),
      ),
  ],
  [
    'set-ok',
    'set as OK and clear the error fields (provider)',
    (uuid, reason) =>
      unwrap(
        api().POST('/api/marketplace-provider-resources/{uuid}/set_as_ok/', {
          params: { path: { uuid } },
          body: reasonBody(reason),
        }),
      ),
  ],
];

/** `orderly resources …`: list, show and the state actions. */
export function registerResources(program: Command): Command {
  const resources = program.command('resources').description('marketplace resources');
  withJson(
    resources
      .command('list')
      .description('list resources you can see')
      .option('--state <state>', 'only this state (repeatable), e.g. Erred', collect)
      .option('--project <uuid>', 'only this project')
      .option('--customer <uuid>', 'only this organization')
      .option('--provider <uuid>', 'only this provider')
      .option('--offering <uuid>', 'only this offering')
      .option('--name <text>', 'name contains')
      .option('--page <n>', 'page number', '1')
      .option('--page-size <n>', 'items per page (at most 300)', '50'),
  ).action(
    action(async (o: ListOpts) => {
      const query = {
        page: Number(o.page),
        page_size: Number(o.pageSize),
        ...(o.state ? { state: o.state } : {}),
        ...(o.project ? { project_uuid: o.project } : {}),
        ...(o.customer ? { customer_uuid: o.customer } : {}),
        ...(o.provider ? { provider_uuid: o.provider } : {}),
        ...(o.offering ? { offering_uuid: o.offering } : {}),
        ...(o.name ? { name: o.name } : {}),
      };
      const rows = await unwrap(api().GET('/api/marketplace-resources/', { params: { query } }));
      emit(o.json, rows, (r: Resource[]) =>
        printTable(r, [
          ['UUID', (x) => x.uuid],
          ['STATE', (x) => x.state],
          ['NAME', (x) => x.name],
          ['OFFERING', (x) => x.offering_name],
          ['PROJECT', (x) => x.project_name],
        ]),
      );
      return EXIT.ok;
    }),
  );
  withJson(resources.command('show <uuid>').description('show one resource')).action(
    action(async (uuid: string, o: JsonOpt) => {
      const r = await unwrap(
        api().GET('/api/marketplace-resources/{uuid}/', { params: { path: { uuid: uuidArg(uuid) } } }),
      );
      emit(o.json, r, (x) =>
        printFields(x, ['uuid', 'name', 'state', 'offering_name', 'project_name', 'backend_id', 'created']),
      );
      return EXIT.ok;
    }),
  );
  for (const [name, desc, call] of ACTIONS)
    withJson(
      resources
        .command(`${name} <uuid>`)
        .description(desc)
        .option('--reason <text>', 'why (recorded in the audit event)'),
    ).action(
      action(async (uuid: string, o: JsonOpt & { reason?: string }) => {
        const r = await call(uuidArg(uuid), o.reason);
        emit(o.json, r, () => process.stdout.write(`resource ${uuid}: ${name} done\n`));
        return EXIT.ok;
      }),
    );
  registerDrift(resources);
  registerEdit(resources);
  return resources;
}
