import type { Command } from 'commander';
import type { components } from '../../../openapi/client/schema.js';
import { api, unwrap } from './api.js';
import { action, type JsonOpt, withJson } from './command.js';
import { EXIT, usage, uuidArg } from './errors.js';
import { emit, printTable } from './output.js';

type Resource = components['schemas']['Resource'];

interface DriftOpts extends JsonOpt {
  repair?: string;
  reason?: string;
}

/** `orderly resources drift [--repair UUID --reason TEXT]`: the drift list, or one repair. */
export function registerDrift(resources: Command): void {
  withJson(
    resources
      .command('drift')
      .description('resources whose state disagrees with their orders (provider view), or repair one')
      .option('--repair <uuid>', 'apply the repair the effect table implies to this resource')
      .option('--reason <text>', 'why (required with --repair; recorded with you)'),
  ).action(
    action(async (o: DriftOpts) => {
      if (o.repair !== undefined) {
        if (!o.reason) throw usage('--repair needs --reason');
        const uuid = uuidArg(o.repair);
        const r = await unwrap(
          api().POST('/api/marketplace-provider-resources/{uuid}/repair_drift/', {
            params: { path: { uuid } },
            body: { reason: o.reason },
          }),
        );
        emit(o.json, r, (x) =>
          process.stdout.write(`resource ${uuid}: ${x.rule} repaired, ${x.from_state} → ${x.to_state}\n`),
        );
        return EXIT.ok;
      }
      const rows = await unwrap(
        api().GET('/api/marketplace-provider-resources/', {
          params: { query: { drift: 'true', page_size: 300 } },
        }),
      );
      emit(o.json, rows, (r: Resource[]) =>
        printTable(r, [
          ['UUID', (x) => x.uuid],
          ['STATE', (x) => x.state],
          ['REPAIR TO', (x) => x.drift?.expected_state],
          ['RULE', (x) => x.drift?.rule],
          ['NAME', (x) => x.name],
          ['OFFERING', (x) => x.offering_name],
        ]),
      );
      return EXIT.ok;
    }),
  );
}
