import type { Command } from 'commander';
import type { components, operations } from '../../../openapi/client/schema.js';
import { api, unwrap } from './api.js';
import { action, type JsonOpt, withJson } from './command.js';
import { EXIT, usage, uuidArg } from './errors.js';
import { emit, printTable } from './output.js';
import { Backoff } from './poll.js';

type BulkJob = components['schemas']['BulkJob'];
type BulkAction =
  operations['marketplace_orders_bulk']['requestBody']['content']['application/json']['action'];

const ACTIONS: BulkAction[] = [
  'approve_by_provider',
  'reject_by_provider',
  'approve_by_consumer',
  'reject_by_consumer',
  'cancel',
  'retry',
  'set_state_done',
];

/** Starts the job and waits until the server has been through every order; progress on stderr. */
async function runAndWait(
  action: BulkAction,
  orders: string[],
  reason: string | undefined,
): Promise<BulkJob> {
  const client = api();
  let job = await unwrap(
    client.POST('/api/marketplace-orders/bulk/', {
      body: { action, orders, ...(reason ? { reason } : {}) },
    }),
  );
  const backoff = new Backoff();
  let seen = -1;
  while (job.state !== 'done') {
    if (process.stderr.isTTY && job.progress.finished !== seen)
      process.stderr.write(`\rjob ${job.uuid}: ${job.progress.finished} of ${job.progress.total} processed`);
    const changed = job.progress.finished !== seen;
    seen = job.progress.finished;
    await backoff.wait(changed);
    job = await unwrap(client.GET('/api/bulk-jobs/{uuid}/', { params: { path: { uuid: job.uuid } } }));
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  return job;
}

/** `orderly orders bulk <action> UUID…`: one server-side job; prints each order's outcome. */
export function registerBulk(orders: Command): void {
  withJson(
    orders
      .command('bulk <action> <uuids...>')
      .description(
        `apply one action to many orders as a server-side job, wait, print each outcome (exit 1 if any was refused); actions: ${ACTIONS.join(', ')}`,
      )
      .option(
        '--reason <text>',
        'why (recorded in each audit event; the rejection comment for reject_by_consumer)',
      ),
  ).action(
    action(async (name: string, uuids: string[], o: JsonOpt & { reason?: string }) => {
      const chosen = ACTIONS.find((a) => a === name);
      if (!chosen) throw usage(`unknown action ${name}; one of: ${ACTIONS.join(', ')}`);
      const job = await runAndWait(chosen, uuids.map(uuidArg), o.reason);
      emit(o.json, job, (j) => {
        printTable(j.items, [
          ['ORDER', (i) => i.order_uuid],
          ['OUTCOME', (i) => i.outcome],
          ['CODE', (i) => i.code],
          ['MESSAGE', (i) => i.message],
        ]);
        const p = j.progress;
        process.stdout.write(`job ${j.uuid}: ${p.done} done, ${p.refused} refused, ${p.skipped} skipped\n`);
      });
      return job.progress.refused > 0 ? EXIT.failed : EXIT.ok;
    }),
  );
}
