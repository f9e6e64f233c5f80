/** Helpers for the stock, treaty and compliance command groups. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../access/index.js';
import type { CommandEnvelope } from '../command/index.js';
import { CairnError, parseInstant } from '../core/index.js';
import { storeChoice, withCairn } from './context.js';
import { printJson, type CliIo } from './io.js';
import { executeOrRefuse, readStdin, resolveActor, withActor, withData, type DataOpts } from './shared.js';

export type Opts = DataOpts & Record<string, unknown>;

/** A write command: --data, --database-url, --as and --json. */
export function writeCmd(group: Command, io: CliIo, spec: string, description: string): Command {
  return withActor(withData(group.command(spec), io))
    .description(description)
    .option('--json', 'print JSON');
}

/** A read command: --data, --database-url, --as (whose access applies) and --json. */
export const readCmd = writeCmd;

/** The JSON object given by --payload TEXT or --file FILE ('-' for stdin). */
export async function payloadOf(io: CliIo, o: Opts): Promise<Record<string, unknown>> {
  const text =
    typeof o['payload'] === 'string'
      ? o['payload']
      : typeof o['file'] === 'string'
        ? o['file'] === '-'
          ? await readStdin(io)
          : readFileSync(o['file'], 'utf8')
        : undefined;
  if (text === undefined) throw new CairnError('USAGE', 'give the record as --payload JSON or --file FILE');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new CairnError('USAGE', 'the payload is not valid JSON');
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new CairnError('USAGE', 'the payload must be one JSON object');
  return v as Record<string, unknown>;
}

/** Execute one command as the --as user and print its result. */
export async function runCommand(
  io: CliIo,
  o: Opts,
  cmd: CommandEnvelope | ((resolveUser: (name: string) => Promise<string>) => Promise<CommandEnvelope>),
  say: (r: Record<string, unknown>) => string,
): Promise<void> {
  await withCairn(o.data, storeChoice(o, io), async (app) => {
    const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
    const envelope =
      typeof cmd === 'function' ? await cmd(async (name) => (await app.actorByName(name)).id) : cmd;
    const r = await executeOrRefuse(app, envelope, actor);
    if (o.json === true)
      printJson(io, {
        ...r.result,
        events: r.events.map((e) => ({ seq: e.seq, type: e.type, ...(e.flags ? { flags: e.flags } : {}) })),
      });
    else io.out(`${say(r.result)}\n`);
  });
}

/** Parse a YYYY-MM-DD or ISO instant option, or refuse naming it. */
export function dateOption(name: string, text: unknown): Date {
  const s = typeof text === 'string' ? text : '';
  const d = parseInstant(s);
  if (d === undefined)
    throw new CairnError(
      'USAGE',
      `${name} must be a date YYYY-MM-DD or an instant such as 2026-04-30T12:00:00Z that exists, got "${s}"`,
    );
  return d;
}

/** Render rows as an aligned text table. */
export function table(
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
  columns: readonly string[],
): string {
  const text = (v: unknown) =>
    v === null || v === undefined
      ? ''
      : typeof v === 'string'
        ? v
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : JSON.stringify(v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (vals: readonly string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(columns), ...rows.map((r) => line(columns.map((c) => text(r[c]))))].join('\n') + '\n';
}
