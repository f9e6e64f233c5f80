/**
 * Composition root of the `cairn` CLI. Each module's commands live in their own file and are
 * registered here. User errors print one line and no stack: exit 2 for wrong usage, 1 for failure.
 */
import { CommanderError, type Command } from 'commander';
import { CairnError } from '../core/index.js';
import { exitOnClosedPipe, processIo, type CliIo } from './io.js';
import { commandRegistry } from './registry.js';
import { CairnCommand } from './values.js';

/** Build the commander program with every registered command. */
export function buildProgram(io: CliIo): Command {
  // Usage errors are one line, like every other error: commander's message (and any "Did you
  // mean" hint it adds on a second line) joined, then where to find help.
  const output = {
    writeOut: (s: string) => io.out(s),
    writeErr: (s: string) => io.err(s),
    outputError: (s: string, write: (s: string) => void) =>
      write(
        `cairn: ${s
          .trim()
          .replace(/^error: /, '')
          .replace(/\s*\n\s*/g, ' ')} (run with --help for usage)\n`,
      ),
  };
  const program = new CairnCommand('cairn')
    .description('Cairn: landmine accountability and mine action information system')
    .version('0.1.0')
    .configureOutput(output)
    .exitOverride();
  for (const register of commandRegistry) register(program, io);
  // Every subcommand throws instead of exiting, so main() owns the exit code.
  const overrideAll = (cmd: Command): void => {
    cmd.exitOverride().configureOutput(output);
    for (const sub of cmd.commands) overrideAll(sub);
  };
  overrideAll(program);
  return program;
}

let pipeGuarded = false;

/** Run the CLI; resolves to the process exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  // `cairn … | head`: the reader closing early is not an error (one line, never a stack trace).
  if (io === processIo && !pipeGuarded) {
    pipeGuarded = true;
    exitOnClosedPipe(process.stdout, () => process.exit(0));
  }
  const program = buildProgram(io);
  // Commands report a failed check by setting process.exitCode = 1. Read it for this run only and
  // restore the caller's, so an in-process caller (tests, a server) never sees a stale code from
  // an earlier run, nor keeps one that would fail its own process at exit.
  const outer = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    return reportError(e, io);
  } finally {
    process.exitCode = outer;
  }
}

/** Map a thrown error to one line on stderr and an exit code. */
export function reportError(e: unknown, io: CliIo): number {
  if (e instanceof CommanderError) {
    // help and version are "errors" to commander but successes to the user.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return 0;
    // commander already printed its message.
    return 2;
  }
  if (e instanceof CairnError) {
    io.err(`cairn: ${e.message}\n`);
    // Further problems go one per line, unless the message already lists them (refuse() joins
    // every problem into it): each problem is printed once.
    for (const p of e.problems.slice(1)) {
      const line = `${p.path ? `${p.path}: ` : ''}${p.message}`;
      if (!e.message.includes(line)) io.err(`  ${line} [${p.code}]\n`);
    }
    return e.code === 'USAGE' ? 2 : 1;
  }
  const msg = e instanceof Error ? e.message : String(e);
  io.err(`cairn: internal error: ${msg}\n`);
  if (io.env['CAIRN_DEBUG'] && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
  return 1;
}
