/** What a CLI command may touch of the outside world; tests pass their own. */
import type { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly stdin: Readable;
  readonly stdinIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  stdin: process.stdin,
  stdinIsTTY: process.stdin.isTTY,
  env: process.env,
};

/** Print a value as one JSON line. */
export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value)}\n`);
}

/**
 * When the reader of stdout goes away (`cairn report stock | head`), stop quietly with `exit`
 * instead of dying on an unhandled EPIPE with a stack trace. Any other stream error is rethrown.
 */
export function exitOnClosedPipe(stream: EventEmitter, exit: () => void): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') exit();
    else throw e;
  });
}
