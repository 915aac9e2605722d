import type { DLogger } from '@dbos-inc/dbos-sdk';
import type { Logger } from 'pino';

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * Sends DBOS's internal logging to pino (stack.md gotcha 15) instead of DBOS's console logger, under
 * `component: "dbos"`. DBOS passes strings, Errors or arbitrary values; Errors keep their stack.
 */
export function dbosLogger(logger: Logger): DLogger {
  const log = logger.child({ component: 'dbos' });
  const write =
    (level: Level) =>
    (entry: unknown): void => {
      if (entry instanceof Error) log[level]({ err: entry }, entry.message);
      else if (typeof entry === 'string') log[level](entry);
      else log[level]({ entry }, 'dbos');
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
