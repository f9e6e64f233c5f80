/** Helpers shared by CLI command groups: common options, parsing, refusals, stdin. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Actor } from '../access/index.js';
import type { Cairn, Executed } from '../app/index.js';
import { instantSchema, type CommandEnvelope } from '../command/index.js';
import { CairnError, isCalendarDate, parseInstant, type Problem } from '../core/index.js';
import type { CliIo } from './io.js';

export interface DataOpts {
  readonly data: string;
  readonly databaseUrl?: string;
  readonly json?: boolean;
  readonly as?: string;
}

/** Add --data and --database-url to a command. */
export function withData(cmd: Command, io: CliIo): Command {
  return cmd
    .addOption(new Option('--data <dir>', 'data directory').default(io.env['CAIRN_DATA'] ?? './cairn-data'))
    .addOption(
      new Option(
        '--database-url <url>',
        'PostgreSQL URL (postgres://…); default: SQLite in the data directory',
      ),
    );
}

/** Add --as USER: whom a domain command is executed as (the two-person rule needs real users). */
export function withActor(cmd: Command): Command {
  return cmd.addOption(new Option('--as <user>', 'act as this user (default: the local system operator)'));
}

/** Parse a non-negative integer option, or refuse with a usage error naming it. */
export function parseCount(name: string, text: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new CairnError('USAGE', `${name} must be a non-negative integer, got "${text}"`);
  }
  return Number(text);
}

// Date and instant flags are checked when commander parses them, with the same rules as every other
// boundary (src/core/clock.ts, src/command/validation.ts): a date or time that does not exist is
// refused, naming the flag ("option '--date <date>' argument '2026-04-31' is invalid. …"), exit 2.

/** commander parser for a YYYY-MM-DD flag; the date must exist (2028-02-29 yes, 2026-02-29 no). */
export function calendarDateArg(text: string): string {
  if (!isCalendarDate(text))
    throw new InvalidArgumentError('a date is YYYY-MM-DD and must exist (2026-04-31 and 2026-02-29 do not).');
  return text;
}

/** commander parser for an effective-date flag: YYYY-MM-DD or an RFC 3339 instant, that exists. */
export function dateOrInstantArg(text: string): string {
  if (parseInstant(text) === undefined) {
    throw new InvalidArgumentError(
      'give a date YYYY-MM-DD or an instant such as 2026-04-30T12:00:00Z, on a date and at a time that exist.',
    );
  }
  return text;
}

/** commander parser for an RFC 3339 instant flag with an offset (2026-04-30T12:00:00Z), that exists. */
export function instantArg(text: string): string {
  if (!instantSchema.safeParse(text).success) {
    throw new InvalidArgumentError(
      'an instant is an RFC 3339 date-time with an offset (2026-04-30T12:00:00Z) on a date and at a time that exist.',
    );
  }
  return text;
}

/** Throw a refusal that prints every problem. */
export function refuse(what: string, problems: readonly Problem[]): never {
  const first = problems[0];
  const code = first?.code ?? 'INTERNAL';
  const lines = problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message} [${p.code}]`);
  throw new CairnError(code, `${what} refused: ${lines.join('; ')}`, problems);
}

/** The actor for --as, or the system operator. */
export async function resolveActor(app: Cairn, as: string | undefined, fallback: Actor): Promise<Actor> {
  return as === undefined ? fallback : app.actorByName(as);
}

/** Execute a command or throw its refusal. */
export async function executeOrRefuse(app: Cairn, cmd: CommandEnvelope, actor: Actor): Promise<Executed> {
  const r = await app.execute(cmd, actor);
  if (!r.ok) refuse(cmd.type, r.errors);
  return r.value;
}

/** Read all of stdin (for secrets piped in by scripts). */
export async function readStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Prompt for a secret on a terminal without echoing it. */
export async function promptSecret(io: CliIo, prompt: string): Promise<string> {
  io.err(prompt);
  // A terminal's stdin is a tty.ReadStream; readSecret only calls this when stdinIsTTY.
  const stdin = io.stdin as unknown as { setRawMode(raw: boolean): void } & NodeJS.ReadableStream;
  return new Promise((resolve) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (ch: string) => {
      for (const c of ch) {
        if (c === '\r' || c === '\n' || c === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          io.err('\n');
          resolve(value);
          return;
        }
        if (c === '\u0003') {
          stdin.setRawMode(false);
          process.exit(130);
        }
        if (c === '\u007f') value = value.slice(0, -1);
        else value += c;
      }
    };
    stdin.on('data', onData);
  });
}

/** Read a secret: piped stdin when not a terminal, a hidden prompt when it is. */
export async function readSecret(io: CliIo, prompt: string): Promise<string> {
  if (!io.stdinIsTTY) return (await readStdin(io)).replace(/\r?\n$/, '');
  const a = await promptSecret(io, prompt);
  const b = await promptSecret(io, 'Repeat: ');
  if (a !== b) throw new CairnError('USAGE', 'the two entries differ');
  return a;
}
