import type { Command } from 'commander';
import { apiFor, unwrap } from './api.js';
import { action, type JsonOpt, withJson } from './command.js';
import { saveConfig } from './config.js';
import { printJson } from './output.js';

/** `orderly login --url URL --token TOKEN`: checks the token, then stores both (0600). */
export function registerLogin(program: Command): Command {
  return withJson(
    program
      .command('login')
      .description('check an API token and store it with the URL in your config dir (mode 0600)')
      .requiredOption('--url <url>', 'the Orderly base URL, e.g. https://orderly.example.org')
      .requiredOption('--token <token>', 'your API token'),
  ).action(
    action(async (opts: { url: string; token: string } & JsonOpt) => {
      const url = opts.url.replace(/\/+$/, '');
      const me = await unwrap(apiFor(url, opts.token).GET('/api/users/me/'));
      const file = saveConfig({ url, token: opts.token });
      if (opts.json) printJson({ url, username: me.username, config: file });
      else process.stdout.write(`logged in to ${url} as ${me.username} (saved to ${file})\n`);
      return 0;
    }),
  );
}
