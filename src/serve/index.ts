/**
 * Serve stage: `crossread serve` — the store made browsable, the analysis visible.
 * ./app.ts builds the fastify app on an open store; `startServer` opens the store,
 * listens (127.0.0.1 by default) and closes everything on `close()`.
 */
import { CrossreadError } from '../errors.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { SqliteStore } from '../store/sqlite.js';
import { buildApp, type App, type AppOptions } from './app.js';

export { buildApp, DEFAULT_MAX_UPLOAD_BYTES, type App, type AppOptions } from './app.js';
export { Briefer, storyKey, type AnalysisFacts } from './briefer.js';
export { CSP, hostAllowed, crossOriginOf } from './security.js';
export { OPENAPI } from './openapi.js';

export const DEFAULT_PORT = 4317;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServeOptions extends Omit<AppOptions, 'store'> {
  /** Database location (a file path or a PostgreSQL URL); ignored when `store` is given. */
  db?: string;
  /** An already open store (the caller closes it). */
  store?: Store;
  port?: number;
}

export interface RunningServer {
  /** The base URL, e.g. http://127.0.0.1:4317/ */
  url: string;
  host: string;
  port: number;
  app: App;
  store: Store;
  close(): Promise<void>;
}

/** The URL to print for a bound address. */
export function baseUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

/** Opens the store (unless given), builds the app and listens. */
export async function startServer(opts: ServeOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? DEFAULT_HOST;
  const ownStore = !opts.store;
  const store = opts.store ?? (await openStore(opts.db ?? 'crossread.db'));
  let app: App;
  try {
    // A SQLite file can be searched from a worker thread with a handle of its own.
    const searchDb = store instanceof SqliteStore && store.location !== ':memory:' ? store.location : undefined;
    app = await buildApp({ ...(searchDb ? { searchDb } : {}), ...opts, store, host });
  } catch (err) {
    if (ownStore) await store.close();
    throw err;
  }
  let port: number;
  try {
    await app.fastify.listen({ host, port: opts.port ?? DEFAULT_PORT, listenTextResolver: () => '' });
    const addr = app.fastify.server.address();
    port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? DEFAULT_PORT);
  } catch (err) {
    await app.close();
    if (ownStore) await store.close();
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'EADDRINUSE' ? 'the port is in use; choose another with --port' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EADDRNOTAVAIL' ? 'no such local address' : e.message;
    throw CrossreadError.of('SERVE_LISTEN', `${host}:${opts.port ?? DEFAULT_PORT}`, reason);
  }
  let closed = false;
  return {
    url: baseUrl(host, port),
    host,
    port,
    app,
    store,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      if (ownStore) await store.close();
    },
  };
}
