import type { Command } from 'commander';
import { api, unwrap } from './api.js';
import { action, type JsonOpt, withJson } from './command.js';
import { EXIT, uuidArg } from './errors.js';
import { type ListFilter, listCommand, repeatable, SCOPE_FILTERS, textFilter } from './list-options.js';
import { emit, printFields } from './output.js';
import { registerDrift } from './resource-drift.js';
import { registerEdit } from './resource-edit.js';

/** The filters of `resources list`, in their help order. */
const LIST_FILTERS: readonly ListFilter[] = [
  repeatable('state', 'only this state (repeatable), e.g. Erred'),
  ...SCOPE_FILTERS,
  textFilter('name', 'name contains'),
];
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
  listCommand(
    resources,
    'list resources you can see',
    LIST_FILTERS,
    (query) => unwrap(api().GET('/api/marketplace-resources/', { params: { query } })),
    [
      ['UUID', (x) => x.uuid],
      ['STATE', (x) => x.state],
      ['NAME', (x) => x.name],
      ['OFFERING', (x) => x.offering_name],
      ['PROJECT', (x) => x.project_name],
    ],
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
