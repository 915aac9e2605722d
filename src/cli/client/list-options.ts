import type { Command } from 'commander';
import { action, type JsonOpt, withJson } from './command.js';
import { EXIT } from './errors.js';
import { emit, printTable } from './output.js';

/** Options every list command has (commander keeps them as the strings typed). */
export interface PageOpts extends JsonOpt {
  page: string;
  pageSize: string;
}

/** One filter of a list command: its option, the query parameter it fills, and its help. */
export interface ListFilter {
  /** The option's long name, also the key commander stores its value under. */
  option: string;
  /** The query parameter the value goes to. */
  key: string;
  help: string;
  /** Argument name in the help, `<uuid>` unless given. */
  arg?: string;
  /** Parses (and may collect) the value; repeatable filters need one. A method, so that a parser of a narrower type fits. */
  parse?(value: string, previous: unknown): unknown;
}

/** Adds a repeated option's value to those before it. */
const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** A repeatable filter `--<option> <option>` filling the query parameter of the same name; `parse` may check each value. */
export function repeatable(option: string, help: string, parse: ListFilter['parse'] = collect): ListFilter {
  return { option, key: option, arg: `<${option}>`, help, parse };
}

/** A filter by text: `--<option> <text>` fills the query parameter of the same name unless `key` says. */
export function textFilter(option: string, help: string, key = option): ListFilter {
  return { option, key, arg: '<text>', help };
}

/** The scope filters that the orders, resources and tenants lists share, in their help order. */
export const SCOPE_FILTERS: readonly ListFilter[] = [
  { option: 'project', key: 'project_uuid', help: 'only this project' },
  { option: 'customer', key: 'customer_uuid', help: 'only this organization' },
  { option: 'provider', key: 'provider_uuid', help: 'only this provider' },
  { option: 'offering', key: 'offering_uuid', help: 'only this offering' },
];

/** Adds each filter and then `--page` / `--page-size` to a list command. */
export function withListOptions(cmd: Command, filters: readonly ListFilter[]): Command {
  for (const f of filters) {
    const flags = `--${f.option} ${f.arg ?? '<uuid>'}`;
    if (f.parse) cmd.option(flags, f.help, f.parse);
    else cmd.option(flags, f.help);
  }
  return cmd
    .option('--page <n>', 'page number', '1')
    .option('--page-size <n>', 'items per page (at most 300)', '50');
}

/** The query of a list request: the page and the filters the user gave (absent ones are left out). */
export function listQuery(
  o: PageOpts,
  filters: readonly ListFilter[],
): { page: number; page_size: number } & Record<string, unknown> {
  const given: Record<string, unknown> = { ...o };
  const query: { page: number; page_size: number } & Record<string, unknown> = {
    page: Number(o.page),
    page_size: Number(o.pageSize),
  };
  for (const f of filters) if (given[f.option]) query[f.key] = given[f.option];
  return query;
}

/**
 * Adds `list` to `parent` with the filters, paging and `--json`: `fetch` asks for one page with the
 * query the options make, printed as JSON or as a table of `columns`.
 */
export function listCommand<T>(
  parent: Command,
  description: string,
  filters: readonly ListFilter[],
  fetch: (query: ReturnType<typeof listQuery>) => Promise<T[]>,
  columns: [string, (row: T) => unknown][],
): Command {
  return withJson(withListOptions(parent.command('list').description(description), filters)).action(
    action(async (o: PageOpts) => {
      emit(o.json, await fetch(listQuery(o, filters)), (rows) => printTable(rows, columns));
      return EXIT.ok;
    }),
  );
}
