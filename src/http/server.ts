/**
 * The server's start function: binds the Hono app to a socket and shuts down gracefully —
 * stop accepting, let in-flight requests (and their transactions) finish, then close the store.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Cairn } from '../app/index.js';
import { createHttpApp, type HttpApp } from './app.js';
import type { HttpOptions } from './env.js';

export interface RunningServer {
  readonly url: string;
  readonly http: HttpApp;
  /** Stop accepting, finish in-flight requests, close the app. Idempotent. */
  close(): Promise<void>;
  /** Resolves once the server has closed. */
  readonly closed: Promise<void>;
}

/** Start serving `app` on host:port (port 0 picks a free one); resolves once it accepts connections. */
export async function startServer(
  app: Cairn,
  listen: { readonly port: number; readonly host: string },
  opts: HttpOptions = {},
): Promise<RunningServer> {
  const httpApp = createHttpApp(app, opts);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: httpApp.http.fetch, port: listen.port, hostname: listen.host }, () =>
      resolve(s),
    ) as Server;
    s.once('error', reject);
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeIdleConnections();
      });
      await app.close();
      resolveClosed();
    })();
    return closing;
  };
  return { url: `http://${host}:${addr.port}`, http: httpApp, close, closed };
}
