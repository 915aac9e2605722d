import type { Api } from './api.js';
import { unwrap } from './api.js';
import { EXIT } from './errors.js';
import { Backoff, jsonLine } from './poll.js';

/** Order states that end a watch, and the exit code of each. */
const TERMINAL: Record<string, number> = {
  done: EXIT.ok,
  erred: EXIT.failed,
  canceled: EXIT.failed,
  rejected: EXIT.failed,
};

/**
 * Follows an order: prints its audit events and each state change until a terminal state.
 * With `json`, one JSON object per line (`{"kind":"state"|"event",…}`). Returns the exit code.
 */
export async function watchOrder(api: Api, uuid: string, json: boolean): Promise<number> {
  const backoff = new Backoff();
  let lastState = '';
  let afterId = 0;
  for (;;) {
    let changed = false;
    const events = await unwrap(
      api.GET('/api/events/', { params: { query: { order_uuid: uuid, after_id: afterId, page_size: 300 } } }),
    );
    for (const e of events) {
      afterId = Math.max(afterId, e.id);
      changed = true;
      if (json) jsonLine({ kind: 'event', ...e });
      else process.stdout.write(`${e.created}  event  ${e.event_type}: ${e.message}\n`);
    }
    const order = await unwrap(api.GET('/api/marketplace-orders/{uuid}/', { params: { path: { uuid } } }));
    if (order.state !== lastState) {
      lastState = order.state;
      changed = true;
      if (json)
        jsonLine({ kind: 'state', uuid: order.uuid, state: order.state, error_message: order.error_message });
      else
        process.stdout.write(
          `${order.modified}  state  ${order.state}${order.error_message ? ` (${order.error_message})` : ''}\n`,
        );
    }
    const code = TERMINAL[order.state];
    if (code !== undefined) return code;
    await backoff.wait(changed);
  }
}
