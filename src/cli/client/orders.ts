import type { Command } from 'commander';
import type { components } from '../../../openapi/client/schema.js';
import { api, unwrap } from './api.js';
import { action, type JsonOpt, withJson } from './command.js';
import { EXIT, uuidArg } from './errors.js';
import { approve, reject, SIMPLE_ACTIONS } from './order-actions.js';
import { registerBulk } from './order-bulk.js';
import { registerPreflight } from './order-preflight.js';
import { watchOrder } from './order-watch.js';
import { emit, printFields, printTable } from './output.js';

type Order = components['schemas']['OrderDetails'];

interface ListOpts extends JsonOpt {
  state?: string[];
  type?: string[];
  project?: string;
  customer?: string;
  provider?: string;
  offering?: string;
  resource?: string;
  query?: string;
  pageSize: string;
  page: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

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
  withJson(
    orders
      .command('list')
      .description('list orders you can see (oldest first)')
      .option('--state <state>', 'only this state (repeatable), e.g. erred', collect)
      .option('--type <type>', 'only this type (repeatable): Create, Update, Terminate, Restore', collect)
      .option('--project <uuid>', 'only this project')
      .option('--customer <uuid>', 'only this organization')
      .option('--provider <uuid>', 'only this provider')
      .option('--offering <uuid>', 'only this offering')
      .option('--resource <uuid>', 'only this resource')
      .option('--query <text>', 'free-text search')
      .option('--page <n>', 'page number', '1')
      .option('--page-size <n>', 'items per page (at most 300)', '50'),
  ).action(
    action(async (o: ListOpts) => {
      const query = {
        page: Number(o.page),
        page_size: Number(o.pageSize),
        ...(o.state ? { state: o.state } : {}),
        ...(o.type ? { type: o.type } : {}),
        ...(o.project ? { project_uuid: o.project } : {}),
        ...(o.customer ? { customer_uuid: o.customer } : {}),
        ...(o.provider ? { provider_uuid: o.provider } : {}),
        ...(o.offering ? { offering_uuid: o.offering } : {}),
        ...(o.resource ? { resource_uuid: o.resource } : {}),
        ...(o.query ? { query: o.query } : {}),
      };
      const rows = await unwrap(api().GET('/api/marketplace-orders/', { params: { query } }));
      emit(o.json, rows, (r: Order[]) =>
        printTable(r, [
          ['UUID', (x) => x.uuid],
          ['STATE', (x) => x.state],
          ['TYPE', (x) => x.type],
          ['RESOURCE', (x) => x.resource_name],
          ['OFFERING', (x) => x.offering_name],
          ['CREATED', (x) => x.created],
        ]),
      );
      return EXIT.ok;
    }),
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
