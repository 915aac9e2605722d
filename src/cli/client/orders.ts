import type { Command } from 'commander';
import { api, unwrap } from './api.js';
import { action, type JsonOpt, withJson } from './command.js';
import { EXIT, uuidArg } from './errors.js';
import { type ListFilter, listCommand, repeatable, SCOPE_FILTERS, textFilter } from './list-options.js';
import { approve, reject, SIMPLE_ACTIONS } from './order-actions.js';
import { registerBulk } from './order-bulk.js';
import { registerPreflight } from './order-preflight.js';
import { watchOrder } from './order-watch.js';
import { emit, printFields } from './output.js';

/** The filters of `orders list`, in their help order. */
const LIST_FILTERS: readonly ListFilter[] = [
  repeatable('state', 'only this state (repeatable), e.g. erred'),
  repeatable('type', 'only this type (repeatable): Create, Update, Terminate, Restore'),
  ...SCOPE_FILTERS,
  { option: 'resource', key: 'resource_uuid', help: 'only this resource' },
  textFilter('query', 'free-text search'),
];

/** The columns of `orders show`. */
const SHOW_KEYS = [
  'uuid',
  'state',
  'type',
  'resource_name',
  'offering_name',
  'project_name',
  'customer_name',
];

function registerList(orders: Command): void {
  listCommand(
    orders,
    'list orders you can see (oldest first)',
    LIST_FILTERS,
    (query) => unwrap(api().GET('/api/marketplace-orders/', { params: { query } })),
    [
      ['UUID', (x) => x.uuid],
      ['STATE', (x) => x.state],
      ['TYPE', (x) => x.type],
      ['RESOURCE', (x) => x.resource_name],
      ['OFFERING', (x) => x.offering_name],
      ['CREATED', (x) => x.created],
    ],
  );
}

function registerActions(orders: Command): void {
  for (const [name, desc] of [
    ['approve', 'approve as the side the order waits for (consumer or provider)'],
    ['reject', 'reject as the side the order waits for; --reason is the rejection comment'],
  ] as const)
    withJson(
      orders
        .command(`${name} <uuid>`)
        .description(desc)
        .option('--reason <text>', 'why (recorded in the audit event)')
        .option('--as <side>', 'consumer or provider (default: from the order state)'),
    ).action(
      action(async (uuid: string, o: JsonOpt & { reason?: string; as?: string }) => {
        const run = name === 'approve' ? approve : reject;
        const r = await run(api(), uuidArg(uuid), o.reason, o.as);
        emit(o.json, r, () =>
          process.stdout.write(`order ${uuid}: ${name === 'approve' ? 'approved' : 'rejected'}\n`),
        );
        return EXIT.ok;
      }),
    );
  const simple: [keyof typeof SIMPLE_ACTIONS, string, string][] = [
    ['retry', 'retry an erred order (a new attempt)', 'why (recorded in the audit event)'],
    ['cancel', 'cancel an order that has not finished', 'why (recorded in the audit event)'],
    ['done', 'mark an executing order done (provider)', 'why (recorded in the audit event)'],
    ['erred', 'mark an executing order erred (provider)', 'the error message'],
  ];
  for (const [name, desc, reasonHelp] of simple)
    withJson(orders.command(`${name} <uuid>`).description(desc).option('--reason <text>', reasonHelp)).action(
      action(async (uuid: string, o: JsonOpt & { reason?: string }) => {
        const r = await SIMPLE_ACTIONS[name](api(), uuidArg(uuid), o.reason);
        emit(o.json, r, () => process.stdout.write(`order ${uuid}: ${name} requested\n`));
        return EXIT.ok;
      }),
    );
}

/** `orderly orders …`: list, show, review and state actions, watch. */
export function registerOrders(program: Command): Command {
  const orders = program.command('orders').description('marketplace orders');
  registerList(orders);
  withJson(orders.command('show <uuid>').description('show one order')).action(
    action(async (uuid: string, o: JsonOpt) => {
      const order = await unwrap(
        api().GET('/api/marketplace-orders/{uuid}/', { params: { path: { uuid: uuidArg(uuid) } } }),
      );
      emit(o.json, order, (x) => printFields(x, [...SHOW_KEYS, 'created', 'modified', 'error_message']));
      return EXIT.ok;
    }),
  );
  registerActions(orders);
  registerPreflight(orders);
  registerBulk(orders);
  withJson(
    orders
      .command('watch <uuid>')
      .description(
        'print state changes until the order ends; exit 0 when done, 1 when erred/canceled/rejected',
      ),
  ).action(action(async (uuid: string, o: JsonOpt) => watchOrder(api(), uuidArg(uuid), o.json === true)));
  return orders;
}
