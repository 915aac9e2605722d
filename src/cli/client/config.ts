import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { usage } from './errors.js';

/** What `orderly login` stores. */
export interface ClientConfig {
  url: string;
  token: string;
}

/** The config file: `$XDG_CONFIG_HOME/orderly/config.json` (default `~/.config`). */
export function configPath(): string {
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'orderly', 'config.json');
}

function readStored(): Partial<ClientConfig> {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(configPath(), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return {};
    const o = parsed as Record<string, unknown>;
    return {
      ...(typeof o.url === 'string' ? { url: o.url } : {}),
      ...(typeof o.token === 'string' ? { token: o.token } : {}),
    };
  } catch {
    return {};
  }
}

/** Writes the config readable by the user only (0600, also when the file already existed). */
export function saveConfig(c: ClientConfig): string {
  const file = configPath();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify(c, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

/** The URL and token to use: `ORDERLY_URL`/`ORDERLY_TOKEN` override the stored ones. */
export function loadClientConfig(): ClientConfig {
  const stored = readStored();
  const url = process.env.ORDERLY_URL || stored.url;
  const token = process.env.ORDERLY_TOKEN || stored.token;
  if (!url || !token) throw usage('not logged in: run `orderly login --url URL --token TOKEN`');
  return { url: url.replace(/\/+$/, ''), token };
}
