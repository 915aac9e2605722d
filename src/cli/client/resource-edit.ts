import type { Command } from 'commander';
import { api, unwrap } from './api.js';
import { action, type JsonOpt, withJson } from './command.js';
import { EXIT, usage, uuidArg } from './errors.js';
import { emit } from './output.js';

interface EndDateOpts extends JsonOpt {
  as: string;
  reason?: string;
}

interface EditOpts extends JsonOpt {
  name?: string;
  description?: string;
  reason?: string;
}

const END_DATE_PATHS = {
  consumer: '/api/marketplace-resources/{uuid}/set_end_date/',
  provider: '/api/marketplace-provider-resources/{uuid}/set_end_date_by_provider/',
  staff: '/api/marketplace-resources/{uuid}/set_end_date_by_staff/',
} as const;

const FLAG_PATHS = {
  paused: '/api/marketplace-provider-resources/{uuid}/set_paused/',
  downscaled: '/api/marketplace-provider-resources/{uuid}/set_downscaled/',
  restrict_member_access: '/api/marketplace-provider-resources/{uuid}/set_restrict_member_access/',
} as const;

/** `YYYY-MM-DD`, or `none` to clear. */
function endDateArg(v: string): string | null {
  if (v === 'none') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw usage('end date must be YYYY-MM-DD or none');
  return v;
}

/** `orderly resources set-end-date | edit | set-flag`: the direct edits of a resource. */
export function registerEdit(resources: Command): void {
  withJson(
    resources
      .command('set-end-date <uuid> <date>')
      .description('set the end date (YYYY-MM-DD, or none to clear); the resource is terminated after it')
      .option('--as <who>', 'consumer (default), provider (7 days ahead) or staff', 'consumer')
      .option('--reason <text>', 'why (recorded in the audit event)'),
  ).action(
    action(async (uuid: string, date: string, o: EndDateOpts) => {
      if (!(o.as in END_DATE_PATHS)) throw usage('--as must be consumer, provider or staff');
      const path = END_DATE_PATHS[o.as as keyof typeof END_DATE_PATHS];
      const body = { end_date: endDateArg(date), ...(o.reason ? { reason: o.reason } : {}) };
      await unwrap(api().POST(path, { params: { path: { uuid: uuidArg(uuid) } }, body }));
      emit(o.json, { end_date: body.end_date }, () =>
        process.stdout.write(`resource ${uuid}: end date ${body.end_date ?? 'cleared'}\n`),
      );
      return EXIT.ok;
    }),
  );
  withJson(
    resources
      .command('edit <uuid>')
      .description('change the name or description')
      .option('--name <text>', 'new name')
      .option('--description <text>', 'new description')
      .option('--reason <text>', 'why (recorded in the audit event)'),
  ).action(
    action(async (uuid: string, o: EditOpts) => {
      if (o.name === undefined && o.description === undefined) throw usage('give --name or --description');
      const r = await unwrap(
        api().PATCH('/api/marketplace-resources/{uuid}/', {
          params: { path: { uuid: uuidArg(uuid) } },
          body: {
            ...(o.name !== undefined ? { name: o.name } : {}),
            ...(o.description !== undefined ? { description: o.description } : {}),
            ...(o.reason ? { reason: o.reason } : {}),
          },
        }),
      );
      emit(o.json, r, (x) => process.stdout.write(`resource ${uuid}: ${x.name}\n`));
      return EXIT.ok;
    }),
  );
  withJson(
    resources
      .command('set-flag <uuid> <flag> <value>')
      .description('provider: set paused, downscaled or restrict_member_access to true or false')
      .option('--reason <text>', 'why (recorded in the audit event)'),
  ).action(
    action(async (uuid: string, flag: string, value: string, o: JsonOpt & { reason?: string }) => {
      if (!(flag in FLAG_PATHS)) throw usage('flag must be paused, downscaled or restrict_member_access');
      if (value !== 'true' && value !== 'false') throw usage('value must be true or false');
      const r = await unwrap(
        api().POST(FLAG_PATHS[flag as keyof typeof FLAG_PATHS], {
          params: { path: { uuid: uuidArg(uuid) } },
          body: { [flag]: value === 'true', ...(o.reason ? { reason: o.reason } : {}) },
        }),
      );
      emit(o.json, r, (x) => process.stdout.write(`resource ${uuid}: ${x.status}\n`));
      return EXIT.ok;
    }),
  );
}
