import type { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './errors.js';

/** Options every client command has. */
export interface JsonOpt {
  json?: boolean;
}

/** Runs a command body; a {@link CliError} is printed in words and ends the process with its exit code. */
export function action<A extends unknown[]>(body: (...args: A) => Promise<number | undefined>) {
  return async (...args: A): Promise<void> => {
    let code: number;
    try {
      code = (await body(...args)) ?? EXIT.ok;
    } catch (err) {
      const e =
        err instanceof CliError ? err : new CliError(err instanceof Error ? err.message : String(err), 1);
      process.stderr.write(`orderly: ${e.message}\n`);
      code = e.exitCode;
    }
    process.exit(code);
  };
}

/** Makes commander's usage errors exit 2 (help and version still exit 0), for `cmd` and its subcommands. */
export function usageExits(cmd: Command): Command {
  cmd.exitOverride((err: CommanderError) => {
    const ok =
      err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0;
    process.exit(ok ? EXIT.ok : EXIT.usage);
  });
  for (const sub of cmd.commands) usageExits(sub);
  return cmd;
}

/** Adds `--json` to a command. */
export function withJson(cmd: Command): Command {
  return cmd.option('--json', 'print JSON for scripts');
}
