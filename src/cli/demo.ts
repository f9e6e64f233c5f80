/** `cairn demo`: a fresh data directory with synthetic, labelled data, verified, then served. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Cairn, DataDir } from '../app/index.js';
import { DEMO_FINDINGS, seedDemo, type DemoUser } from '../demo/index.js';
import { initCairn, storeChoice } from './context.js';
import { printJson, type CliIo } from './io.js';
import type { RegisterCommands } from './registry.js';
import { parseCount } from './shared.js';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
}
/** Starts the HTTP server on an open app; resolves to its URL once it accepts connections. */
export type ServeFn = (
  app: Cairn,
  dd: DataDir,
  opts: ServeOptions,
  io: CliIo,
) => Promise<{ url: string; closed: Promise<void> }>;

/** The server issue registers its starter here (src/cli/serve.ts). */
export const serveHook: { serve?: ServeFn } = {};

/** The compliance findings the demo shows on purpose, and why (see src/demo/findings.ts). */
function printFindings(io: CliIo): void {
  io.out('deliberate compliance findings in the demo (cairn compliance):\n');
  for (const f of DEMO_FINDINGS) io.out(`  ${f.rule}: ${f.why}\n`);
}

interface DemoOpts {
  data?: string;
  databaseUrl?: string;
  port: string;
  host: string;
  serve: boolean;
  json?: boolean;
}

export const registerDemoCommand: RegisterCommands = (program: Command, io: CliIo) => {
  program
    .command('demo')
    .description('create a data directory with synthetic demo data, verify it and serve the web app')
    .option('--data <dir>', 'data directory (default: a fresh folder under the OS temp directory)')
    .option('--database-url <url>', 'PostgreSQL URL instead of SQLite')
    .option('--port <port>', 'HTTP port (0 picks a free one)', '8080')
    .option('--host <host>', 'HTTP host', '127.0.0.1')
    .option('--no-serve', 'only create the data')
    .option('--json', 'print one JSON line with url, data and users')
    .action(async (o: DemoOpts) => {
      const port = parseCount('--port', o.port);
      const dir = o.data ?? mkdtempSync(join(tmpdir(), 'cairn-demo-'));
      const { app, dd } = await initCairn(dir, 'cairn/demo', storeChoice(o, io), undefined, true);
      let users: DemoUser[];
      try {
        ({ users } = await seedDemo(app));
        await app.ledger.checkpoint();
        const report = await app.verify();
        if (!report.ok) {
          for (const f of report.failures) io.err(`verify: ${f.check}: ${f.message}\n`);
          process.exitCode = 1;
          await app.close();
          return;
        }
        if (!o.serve || serveHook.serve === undefined) {
          await app.close();
          if (o.json === true) printJson(io, { url: null, data: dd.dir, users });
          else {
            io.out(`SYNTHETIC DEMO DATA in ${dd.dir}\n`);
            io.out(`ledger: ${report.size} events, root ${report.root}, verified OK\n`);
            io.out(`database: ${dd.dbFile}\nsigning key: ${join(dd.dir, 'signing.key')}\n`);
            for (const u of users)
              io.out(`  user ${u.name.padEnd(10)} role ${u.role.padEnd(18)} password ${u.password}\n`);
            printFindings(io);
            if (o.serve) io.out('(no web server in this build)\n');
          }
          return;
        }
      } catch (e) {
        await app.close();
        throw e;
      }
      const { url, closed } = await serveHook.serve(app, dd, { port, host: o.host }, io);
      if (o.json === true) printJson(io, { url, data: dd.dir, users });
      else {
        io.out(`Cairn demo (SYNTHETIC DEMO DATA) at ${url}\ndata: ${dd.dir}\n`);
        for (const u of users)
          io.out(`  user ${u.name.padEnd(10)} role ${u.role.padEnd(18)} password ${u.password}\n`);
        printFindings(io);
        io.out('Press Ctrl+C to stop.\n');
      }
      await closed;
    });
};
