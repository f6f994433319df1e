/**
 * Bringing a PostgreSQL database to the current crossread schema. One transaction under
 * an advisory lock, so that several processes starting at once (workers, web servers)
 * migrate it exactly once and none sees a half-made schema. A database that holds other
 * tables, or a newer crossread schema, is refused and left untouched.
 */
import type pg from 'pg';
import { CrossreadError } from '../../errors.js';
import { inTransaction, type Queryable } from './connect.js';
import { PG_MARKER_TABLE, PG_MIGRATIONS, PG_SCHEMA_VERSION } from './schema.js';

/** Advisory-lock key of schema migrations ("CRSR", 1). */
const MIGRATE_LOCK: [number, number] = [0x43525352, 1];

export interface MigrateOptions {
  /** How the database is named in messages (a redacted URL). */
  location: string;
  /** Meta rows set when the schema is created (kept as they are afterwards). */
  meta?: Record<string, string>;
}

/** Migrates the database to PG_SCHEMA_VERSION; returns the version it was at before (0: empty). */
export async function migratePostgres(pool: pg.Pool, opts: MigrateOptions): Promise<number> {
  return inTransaction(pool, async (client) => {
    const from = await schemaVersion(client, opts.location);
    if (from === 0 && !(await tableNames(client)).includes('schema_version')) {
      await client.query('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    }
    for (const m of PG_MIGRATIONS) {
      if (m.version <= from) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
    }
    const meta: Record<string, string> = { application: 'crossread', ...opts.meta };
    for (const [key, value] of Object.entries(meta)) {
      await client.query(`INSERT INTO ${PG_MARKER_TABLE} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [key, value]);
    }
    return from;
  }, MIGRATE_LOCK);
}

/**
 * The crossread schema version of a database (0 when it is empty); DB_NOT_CROSSREAD
 * when it holds other tables, DB_NEWER when a newer crossread wrote it.
 */
export async function schemaVersion(client: Queryable, location: string): Promise<number> {
  const tables = await tableNames(client);
  if (tables.length > 0 && !tables.includes('schema_version')) {
    throw CrossreadError.of('DB_NOT_CROSSREAD', location, `it holds other tables (${tables.slice(0, 5).join(', ')})`);
  }
  if (!tables.includes('schema_version')) return 0;
  if (!tables.includes(PG_MARKER_TABLE) || !(await isMarked(client))) {
    throw CrossreadError.of('DB_NOT_CROSSREAD', location, 'its schema_version table is not crossread’s');
  }
  const r = await client.query<{ v: string | null }>('SELECT MAX(version)::text AS v FROM schema_version');
  const v = Number(r.rows[0]?.v ?? 0);
  if (v > PG_SCHEMA_VERSION) throw CrossreadError.of('DB_NEWER', location, v, PG_SCHEMA_VERSION);
  return v;
}

/** Checks, without writing, that a database can be read as a crossread store of this version. */
export async function checkPostgres(client: Queryable, location: string): Promise<void> {
  const v = await schemaVersion(client, location);
  if (v === 0) throw CrossreadError.of('DB_NOT_CROSSREAD', location, 'the database is empty');
  if (v < PG_SCHEMA_VERSION) throw CrossreadError.of('DB_OPEN', location, 'the database needs a schema upgrade; open it once without read-only');
}

async function tableNames(client: Queryable): Promise<string[]> {
  const r = await client.query<{ table_name: string }>(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name',
  );
  return r.rows.map((row) => row.table_name);
}

async function isMarked(client: Queryable): Promise<boolean> {
  const r = await client.query<{ value: string }>(`SELECT value FROM ${PG_MARKER_TABLE} WHERE key = 'application'`);
  return r.rows[0]?.value === 'crossread';
}
