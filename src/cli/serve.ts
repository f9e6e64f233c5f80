/**
 * `cairn serve --data DIR [--port 8080] [--host 127.0.0.1]`: the HTTP server (src/http). Also
 * installs the server behind `cairn demo`. SIGINT and SIGTERM stop accepting connections, let
 * in-flight requests finish their transactions, then close the store: no write is lost.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Cairn, DataDir } from '../app/index.js';
import { startServer } from '../http/index.js';
import { openCairn, storeChoice } from './context.js';
import { serveHook, type ServeOptions } from './demo.js';
import type { CliIo } from './io.js';
import type { RegisterCommands } from './registry.js';
import { parseCount, withData } from './shared.js';

/** Start the server on an open app; resolves once it accepts connections. */
export async function serveApp(
  app: Cairn,
  dd: DataDir,
  opts: ServeOptions,
  io: CliIo,
): Promise<{ url: string; closed: Promise<void> }> {
  const running = await startServer(
    app,
    { port: opts.port, host: opts.host },
    { webRoot: io.env['CAIRN_WEB_ROOT'] ?? 'dist/web', attachmentsDir: join(dd.dir, 'attachments') },
  );
  const stop = (signal: string) => {
    io.err(`cairn: ${signal}: finishing in-flight requests and closing\n`);
    void running.close();
  };
  const onInt = () => stop('SIGINT');
  const onTerm = () => stop('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  const closed = running.closed.then(() => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  });
  return { url: running.url, closed };
}

serveHook.serve = serveApp;

interface ServeOpts {
  data: string;
  databaseUrl?: string;
  port: string;
  host: string;
  json?: boolean;
}

export const registerServeCommand: RegisterCommands = (program: Command, io: CliIo) => {
  withData(program.command('serve'), io)
    .description('serve the web app, the JSON API, OGC API Features and vector tiles')
    .option('--port <port>', 'HTTP port (0 picks a free one)', '8080')
    .option('--host <host>', 'HTTP host (use 0.0.0.0 to listen on every interface)', '127.0.0.1')
    .option('--json', 'print one JSON line with url and data once serving')
    .action(async (o: ServeOpts) => {
      const port = parseCount('--port', o.port);
      const { app, dd } = await openCairn(o.data, storeChoice(o, io));
      let served: { url: string; closed: Promise<void> };
      try {
        served = await serveApp(app, dd, { port, host: o.host }, io);
      } catch (e) {
        await app.close();
        throw e;
      }
      if (o.json === true) io.out(`${JSON.stringify({ url: served.url, data: dd.dir })}\n`);
      else
        io.out(
          `Cairn at ${served.url} (data: ${dd.dir})\nOGC API Features: ${served.url}/ogc\nPress Ctrl+C to stop.\n`,
        );
      await served.closed;
    });
};
