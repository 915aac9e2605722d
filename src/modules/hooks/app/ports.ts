import type { AttemptOutcome } from '../domain/delivery-policy.js';

/** Sends one delivery; never throws: every failure is an outcome to record. */
export interface HookSender {
  post(destination: string, body: string, headers: Record<string, string>): Promise<AttemptOutcome>;
}

/** Checks a destination against the address policy; throws a 400-kind error when it is refused. */
export type DestinationCheck = (destination: string) => Promise<void>;
