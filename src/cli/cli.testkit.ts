/** Run `cairn ARGV…` in-process with a capturing CliIo; stdin is piped (not a terminal). Tests only. */
import { Readable } from 'node:stream';
import type { CliIo } from './io.js';
import { main } from './main.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(args: readonly string[], stdin = ''): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    stdin: Readable.from(stdin === '' ? [] : [Buffer.from(stdin)]),
    stdinIsTTY: false,
    env: {},
  };
  const code = await main(['node', 'cairn', ...args], io);
  return { code, out, err };
}
