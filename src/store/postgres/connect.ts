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

/** A connection that runs queries (a pool, or one client holding a transaction). */
export type Queryable = Pick<pg.ClientBase, 'query'>;

export interface PoolOptions {
  /** Most connections the pool opens (default 10). */
  max?: number;
  /** Shown in pg_stat_activity (default "crossread"). */
  applicationName?: string;
  /** How long to wait for a connection, in ms (default 10 s). */
  connectTimeoutMs?: number;
  /** Every transaction read-only (default_transaction_read_only): a store opened read-only. */
  readOnly?: boolean;
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
    ...(opts.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // A client that loses its server (a restart, a terminated session) emits 'error': an
  // idle one on the pool, one checked out (a transaction: `pool.connect()`) on itself,
  // even between its queries. Without a listener either would end the process. The
  // query in flight fails, the pool drops the dead client when it is released, and the
  // next query opens a new connection.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    const refused = CrossreadError.of('DB_OPEN', redactUrl(url), connectionReason(err));
    refused.cause = err;
    throw refused;
  }
  return pool;
}

/** The wait before try `attempt` + 1 while the server does not answer: 0.5 s, doubling, at most 8 s. */
export function retryDelay(attempt: number): number {
  return Math.min(8000, 500 * 2 ** Math.max(0, attempt));
}

/**
 * Runs `open` again while it fails for want of a connection (`isConnectionError`: a
 * server restarting, not started yet), waiting `retryDelay` between tries and telling
 * `onWait` of each failure; with `seconds`, for at most that long (a process starting),
 * with `retries`, that many times again at most (a job's handler), without either, until
 * the server answers (a job in hand that must be recorded). Then, or on
 * any other error, or once `signal` aborts (which also cuts a wait short), the error
 * goes on. For long-running processes (a worker) that should outlive a server restart.
 */
export async function whenServerAnswers<T>(
  open: () => Promise<T>,
  opts: { seconds?: number; retries?: number; signal?: AbortSignal; onWait?: (err: unknown) => void },
): Promise<T> {
  const until = opts.seconds === undefined ? Infinity : Date.now() + opts.seconds * 1000;
  const retries = opts.retries ?? Infinity;
  for (let attempt = 0; ; attempt++) {
    try {
      return await open();
    } catch (err) {
      const wait = retryDelay(attempt);
      if (!isConnectionError(err) || opts.signal?.aborted || attempt >= retries || Date.now() + wait > until) throw err;
      opts.onWait?.(err);
      await pause(wait, opts.signal);
    }
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** SQLSTATE classes and codes of a lost or refused connection (the server went away, restarted, or is full). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300', '3D000', '28P01', '28000']);

/**
 * Whether `err` is a lost or refused connection (the server went away, restarted, is
 * starting or shutting down): the same query may work once the server answers again.
 * Also for a `CrossreadError` made of one by `postgresError` (its `cause`).
 */
export function isConnectionError(err: unknown): boolean {
  if (err instanceof CrossreadError) return err.cause !== undefined && isConnectionError(err.cause);
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const msg = typeof e?.message === 'string' ? e.message : '';
  return CONNECTION_CODES.has(code) || code.startsWith('08') || /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(msg);
}

/**
 * What a failure of PostgreSQL means to the user, as a `CrossreadError` naming the
 * (redacted) database: a lost connection, a lock held too long by another writer, a
 * read-only database, a damaged schema, another server error. Anything else is a bug
 * and is returned unchanged.
 */
export function postgresError(location: string, err: unknown): unknown {
  if (err instanceof CrossreadError) return err;
  const e = err as { code?: unknown; message?: unknown; severity?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const msg = typeof e?.message === 'string' ? (e.message.split('\n')[0] ?? '') : String(err);
  if (err instanceof SyntaxError) return CrossreadError.of('DB_DAMAGED', location, `a stored row is not valid JSON: ${msg}`);
  if (isConnectionError(err)) {
    const lost = CrossreadError.of('DB_FAILED', location, `the connection failed: ${connectionReason(err)}`);
    lost.cause = err;
    return lost;
  }
  if (!/^[0-9A-Z]{5}$/.test(code) || e.severity === undefined) return err;
  if (code === '55P03' || code === '40001' || code === '40P01') return CrossreadError.of('DB_BUSY', location, msg);
  if (code === '25006' || code === '42501') return CrossreadError.of('DB_READONLY', location, msg);
  if (code === '42P01' || code === '42703' || code.startsWith('XX')) return CrossreadError.of('DB_DAMAGED', location, msg);
  return CrossreadError.of('DB_FAILED', location, `${msg} (${code})`);
}

/**
 * Runs `fn` in one transaction on a client of `pool`, taking the transaction-level
 * advisory lock `lock` first when given; COMMIT when `fn` resolves, ROLLBACK when it
 * throws (the error goes on), and the client goes back to the pool either way.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, lock?: readonly [number, number]): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (lock) await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...lock]);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
