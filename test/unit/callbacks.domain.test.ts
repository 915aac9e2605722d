import { describe, expect, it } from 'vitest';
import { callbackPayload } from '../../src/modules/callbacks/domain/callback-payload.js';

describe('order callback payload', () => {
  it('carries the state after the change, with hex ids and the time of the change', () => {
    const at = new Date('2026-12-06T01:02:03.000Z');
    const body = callbackPayload(
      {
        orderId: 7,
        callbackUrl: 'https://consumer.example/cb',
        orderUuid: '0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f',
        type: 'Create',
        fromState: 'executing',
        state: 'erred',
        resourceUuid: '1e1e1e1e-1e1e-4e1e-8e1e-1e1e1e1e1e1e',
        backendId: 'hpc_1',
        errorMessage: 'quota exceeded',
      },
      at,
    );
    expect(body).toEqual({
      order_uuid: '0f0f0f0f0f0f4f0f8f0f0f0f0f0f0f0f',
      type: 'Create',
      state: 'erred',
      previous_state: 'executing',
      marketplace_resource_uuid: '1e1e1e1e1e1e4e1e8e1e1e1e1e1e1e1e',
      backend_id: 'hpc_1',
      error_message: 'quota exceeded',
      changed_at: '2026-12-06T01:02:03.000Z',
    });
  });
});
