import { brokerUnavailable } from '../domain/errors.js';

/**
 * `register_event_subscription` and `register_queue`: Waldur creates RabbitMQ users and queues
 * for STOMP delivery. Orderly has no broker, so after the identity and body checks both answer
 * what Waldur answers when its broker is unreachable (400 "Failed to create RabbitMQ virtual
 * host"); the agent then keeps polling. Nothing is written.
 */
export function registerBrokerConsumer(): never {
  throw brokerUnavailable();
}
