import type { Command } from 'commander';
import { api, unwrap } from './api.js';
import { action, type JsonOpt, withJson } from './command.js';
import { EXIT, usage, uuidArg } from './errors.js';
import { emit, printFields } from './output.js';

interface SlaOpts extends JsonOpt {
  offering?: string;
  customer?: string;
  escalateAfter?: string;
  digest?: string;
}

type Sla = { escalate_after_hours: number | null; daily_digest: boolean };

function target(o: SlaOpts): { kind: 'offering' | 'customer'; uuid: string } {
  if (!!o.offering === !!o.customer) throw usage('give exactly one of --offering UUID or --customer UUID');
  return o.offering
    ? { kind: 'offering', uuid: uuidArg(o.offering) }
    : { kind: 'customer', uuid: uuidArg(o.customer ?? '') };
}

function read(t: ReturnType<typeof target>): Promise<Sla> {
  const params = { path: { uuid: t.uuid } };
  return t.kind === 'offering'
    ? unwrap(api().GET('/api/marketplace-provider-offerings/{uuid}/approval_sla/', { params }))
    : unwrap(api().GET('/api/customers/{uuid}/approval_sla/', { params }));
}

function write(t: ReturnType<typeof target>, body: Sla): Promise<Sla> {
  const params = { path: { uuid: t.uuid } };
  return t.kind === 'offering'
    ? unwrap(api().PUT('/api/marketplace-provider-offerings/{uuid}/approval_sla/', { params, body }))
    : unwrap(api().PUT('/api/customers/{uuid}/approval_sla/', { params, body }));
}

/** The settings after applying the flags to the current ones (a flag left out keeps its value). */
function merged(current: Sla, o: SlaOpts): Sla {
  const out = { ...current };
  if (o.escalateAfter !== undefined) {
    const n = Number(o.escalateAfter);
    if (o.escalateAfter !== 'none' && !Number.isInteger(n))
      throw usage('--escalate-after takes hours or "none"');
    out.escalate_after_hours = o.escalateAfter === 'none' ? null : n;
  }
  if (o.digest !== undefined) {
    if (o.digest !== 'on' && o.digest !== 'off') throw usage('--digest takes on or off');
    out.daily_digest = o.digest === 'on';
  }
  return out;
}

const scoped = (cmd: Command) =>
  withJson(
    cmd
      .option('--offering <uuid>', 'an offering you provide')
      .option('--customer <uuid>', 'a provider organization'),
  );

/** `orderly approvals sla show|set`: the approval SLA (escalation hours, daily digest) of a scope. */
export function registerApprovals(program: Command): Command {
  const approvals = program.command('approvals').description('approval escalation and digest settings');
  const sla = approvals.command('sla').description("an offering's or organization's approval SLA");
  scoped(sla.command('show').description('show the settings')).action(
    action(async (o: SlaOpts) => {
      const r = await read(target(o));
      emit(o.json, r, (x) => printFields(x, ['escalate_after_hours', 'daily_digest']));
      return EXIT.ok;
    }),
  );
  scoped(
    sla
      .command('set')
      .description('change the settings (flags left out keep their value)')
      .option('--escalate-after <hours>', 'hours before escalating (×2: to staff), or "none"')
      .option('--digest <on|off>', 'daily digest instead of one e-mail per order'),
  ).action(
    action(async (o: SlaOpts) => {
      const t = target(o);
      const r = await write(t, merged(await read(t), o));
      emit(o.json, r, (x) => printFields(x, ['escalate_after_hours', 'daily_digest']));
      return EXIT.ok;
    }),
  );
  return approvals;
}
