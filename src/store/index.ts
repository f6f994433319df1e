/**
 * Opening a store by location: a `postgres://` or `postgresql://` URL opens the
 * PostgreSQL store (./postgres/store.ts, for several processes and machines sharing
 * one database), anything else is a SQLite file path (the embedded default). The
 * default location is `./crossread.db`, or the `CROSSREAD_DB` environment variable.
 */
import { resolve } from 'node:path';
import type { Store } from './store.js';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite.js';
import { isPostgresUrl } from './postgres/connect.js';
import type { PostgresStoreOptions } from './postgres/store.js';

export type * from './store.js';
export { SqliteStore, contentHash, ftsQuery } from './sqlite.js';
export type { SqliteStoreOptions } from './sqlite.js';
export { isPostgresUrl, redactUrl } from './postgres/connect.js';

export const DEFAULT_DB = 'crossread.db';

/** The database location to use: `--db`, else `CROSSREAD_DB`, else ./crossread.db (a file path relative to `cwd`; URLs as given). */
export function defaultDbPath(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const chosen = explicit ?? (env.CROSSREAD_DB && env.CROSSREAD_DB.trim() ? env.CROSSREAD_DB : DEFAULT_DB);
  if (chosen === ':memory:') return chosen;
  if (isPostgresUrl(chosen)) return chosen.trim();
  return resolve(cwd, chosen);
}

/** Options of either backend (`poolSize` and `mustExist` are PostgreSQL's). */
export type OpenStoreOptions = SqliteStoreOptions & Pick<PostgresStoreOptions, 'poolSize' | 'mustExist'>;

/** Opens the store at `location`: a PostgreSQL URL, or a SQLite file path (created or migrated unless read-only). */
export async function openStore(location: string, opts: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import('./postgres/store.js');
    return openPostgresStore(location, opts);
  }
  return openSqliteStore(location, opts);
}
