import type { Processor } from '../../../modules/orders/app/processing-port.js';

/** `booking`: the order stays EXECUTING until the provider confirms the booking. */
export const bookingProcessor: Processor = {
  start: async (_tx, o) => o,
  forceDestroySkips: 'the booking was not released with the provider',
};
