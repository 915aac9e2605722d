import type { Command } from 'commander';
import { api, unwrap } from './api.js';
import { action, type JsonOpt, withJson } from './command.js';
import { EXIT, usage, uuidArg } from './errors.js';
import { emit, printFields, printTable } from './output.js';

interface Plan {
  uuid: string;
  name: string;
  archived: boolean;
  unit_price: string;
  prices: Record<string, number>;
  future_prices: Record<string, number>;
  quotas: Record<string, number>;
  resources_count: number;
}

const FIELDS = [
  'uuid',
  'name',
  'archived',
  'unit_price',
  'prices',
  'future_prices',
  'quotas',
  'resources_count',
];

/** `TYPE=VALUE` arguments → a map; a malformed one is a usage error (exit 2). */
function pairs(args: string[], numeric: 'decimal' | 'integer'): Record<string, string> {
  const re = numeric === 'integer' ? /^(\d+)$/ : /^(\d+(\.\d+)?)$/;
  const out: Record<string, string> = {};
  for (const a of args) {
    const [type, value = ''] = a.split('=', 2);
    if (!type || !re.test(value))
      throw usage(`expected TYPE=${numeric === 'integer' ? 'AMOUNT' : 'PRICE'}, got "${a}"`);
    out[type] = value;
  }
  return out;
}

const show = (o: JsonOpt, p: Plan) =>
  emit(o.json, p, (x) =>
    printFields(
      {
        ...x,
        prices: JSON.stringify(x.prices),
        future_prices: JSON.stringify(x.future_prices),
        quotas: JSON.stringify(x.quotas),
      },
      FIELDS,
    ),
  );
const path = (uuid: string) => ({ params: { path: { uuid: uuidArg(uuid) } } });

/** `orderly plans list|archive|delete|set-prices|set-quotas`: a provider's plans. */
export function registerPlans(program: Command): Command {
  const plans = program.command('plans').description('plans of the offerings you provide');
  withJson(
    plans.command('list').description('list plans').option('--offering <uuid>', 'one offering'),
  ).action(
    action(async (o: JsonOpt & { offering?: string }) => {
      const query = o.offering ? { offering_uuid: [uuidArg(o.offering)] } : {};
      const rows = (await unwrap(api().GET('/api/marketplace-plans/', { params: { query } }))) as Plan[];
      emit(o.json, rows, (r) =>
        printTable(r, [
          ['UUID', (p) => p.uuid],
          ['NAME', (p) => p.name],
          ['ARCHIVED', (p) => p.archived],
          ['RESOURCES', (p) => p.resources_count],
        ]),
      );
      return EXIT.ok;
    }),
  );
  withJson(plans.command('archive <uuid>').description('archive: no new orders, resources keep it')).action(
    action(async (uuid: string, o: JsonOpt) => {
      const r = await unwrap(api().POST('/api/marketplace-plans/{uuid}/archive/', path(uuid)));
      emit(o.json, r, (x) => console.log(x.detail));
      return EXIT.ok;
    }),
  );
  plans
    .command('delete <uuid>')
    .description('delete a plan no order or resource refers to')
    .action(
      action(async (uuid: string) => {
        await unwrap(api().DELETE('/api/marketplace-plans/{uuid}/', path(uuid)));
        return EXIT.ok;
      }),
    );
  withJson(
    plans
      .command('set-prices <uuid> <prices...>')
      .description('TYPE=PRICE…; on a plan in use, from next month'),
  ).action(
    action(async (uuid: string, args: string[], o: JsonOpt) => {
      const body = { prices: pairs(args, 'decimal') };
      show(
        o,
        (await unwrap(
          api().POST('/api/marketplace-plans/{uuid}/update_prices/', { ...path(uuid), body }),
        )) as Plan,
      );
      return EXIT.ok;
    }),
  );
  withJson(
    plans.command('set-quotas <uuid> <amounts...>').description('TYPE=AMOUNT… of fixed components'),
  ).action(
    action(async (uuid: string, args: string[], o: JsonOpt) => {
      const quotas = Object.fromEntries(
        Object.entries(pairs(args, 'integer')).map(([k, v]) => [k, Number(v)]),
      );
      show(
        o,
        (await unwrap(
          api().POST('/api/marketplace-plans/{uuid}/update_quotas/', { ...path(uuid), body: { quotas } }),
        )) as Plan,
      );
      return EXIT.ok;
    }),
  );
  return plans;
}
