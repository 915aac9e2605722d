import { ValidationError } from '../../../platform/errors.js';

/**
 * Orderly has no message broker. Waldur without a reachable RabbitMQ fails the first provisioning
 * step of a subscription or queue and answers 400 with this sentence; Orderly answers the same
 * (stable code `site_agent.broker_unavailable`), so an agent falls back to polling as it does there.
 */
export function brokerUnavailable(): ValidationError {
  return new ValidationError(
    'Failed to create RabbitMQ virtual host',
    [
      {
        pointer: '/body',
        detail:
          'Orderly has no message broker (STOMP is disabled): event subscriptions and queues cannot be created; poll the API instead.',
      },
    ],
    'site_agent.broker_unavailable',
  );
}
