/**
 * Connecting to a PostgreSQL store: recognising a database URL, a connection pool
 * (node-postgres) checked with one round trip, and messages that name the server without
 * its password.
 */
import pg from 'pg';
import { CrossreadError } from '../../errors.js';

/** Whether a `--db` value names a PostgreSQL database rather than an SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location.trim());
}

/** The URL as it may be shown: the password, if any, replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

export interface PoolOptions {
  /** Most connections the pool opens (default 10). */
  max?: number;
  /** Shown in pg_stat_activity (default "crossread"). */
  applicationName?: string;
  /** How long to wait for a connection, in ms (default 10 s). */
  connectTimeoutMs?: number;
}

/** Why a connection failed, in words (node-postgres errors carry a code or a system errno). */
export function connectionReason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'no server answers at that address';
    case 'ENOTFOUND':
      return 'unknown host';
    case '3D000':
      return 'the database does not exist';
    case '28P01':
    case '28000':
      return `authentication failed: ${e.message ?? ''}`.trim();
    default:
      return e.message ?? String(err);
  }
}

/** Opens a pool on `url` and checks that the server answers; DB_OPEN names the redacted URL otherwise. */
export async function openPool(url: string, opts: PoolOptions = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'crossread',
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
  });
  // An idle client that loses its server (a restart) emits 'error' on the pool; without
  // a listener that would end the process. The next query reconnects.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw CrossreadError.of('DB_OPEN', redactUrl(url), connectionReason(err));
  }
  return pool;
}
