import { appProcessors } from '../../src/app/processors.js';
import { installProcessing } from '../../src/modules/orders/app/processing-port.js';

let installed = false;

/**
 * Installs every processor kind without a workflow engine (script, remote and saga orders fail at
 * once with a clear message), as `noAsyncProcessors` did. A test server with workflows installs its
 * engine's instead and calls this again when it closes.
 */
export function installTestProcessing(): void {
  installProcessing(appProcessors());
  installed = true;
}

/** Installs the engine-less processors once per test file (`createTestDatabase` calls it). */
export function ensureTestProcessing(): void {
  if (!installed) installTestProcessing();
}
