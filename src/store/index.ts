/**
 * Opening a store by location. SQLite (embedded, the default) is the only backend
 * so far; the location is a file path. The default location is `./crossread.db`,
 * or the `CROSSREAD_DB` environment variable.
 */
import { resolve } from 'node:path';
import { CrossreadError } from '../errors.js';
import type { Store } from './store.js';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite.js';

export type * from './store.js';
export { SqliteStore, contentHash, ftsQuery } from './sqlite.js';
export type { SqliteStoreOptions } from './sqlite.js';

export const DEFAULT_DB = 'crossread.db';

/** The database location to use: `--db`, else `CROSSREAD_DB`, else ./crossread.db (relative to `cwd`). */
export function defaultDbPath(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const chosen = explicit ?? (env.CROSSREAD_DB && env.CROSSREAD_DB.trim() ? env.CROSSREAD_DB : DEFAULT_DB);
  if (chosen === ':memory:') return chosen;
  return resolve(cwd, chosen);
}

/** Opens the store at `location` (a file path; `postgres://` URLs are reserved for the PostgreSQL backend). */
export function openStore(location: string, opts: SqliteStoreOptions = {}): Store & { location: string } {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw CrossreadError.of('DB_OPEN', location.replace(/\/\/[^@/]*@/, '//***@'), 'the PostgreSQL backend is not available yet; use a SQLite file path');
  }
  return openSqliteStore(location, opts);
}
