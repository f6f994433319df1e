/**
 * A real PostgreSQL server for the tests: a fresh database per run, dropped afterwards.
 * `CROSSREAD_TEST_PG` overrides the server's address (an admin URL; default
 * postgres://postgres@127.0.0.1:5432/postgres). On a machine without a server the
 * PostgreSQL tests are skipped with a one-line reason, except under CI=true, where a
 * missing server is a failure.
 *
 *   const pgMissing = await postgresMissing();
 *   describe.skipIf(pgMissing)('…', () => { let db: TestDatabase; beforeAll(async () => { db = await createTestDatabase(); }); afterAll(() => db.drop()); … });
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.CROSSREAD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let checked: Promise<boolean> | null = null;

/** True (after one line on stderr) when no PostgreSQL server answers; throws under CI=true. */
export function postgresMissing(): Promise<boolean> {
  checked ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return false;
    } catch (err) {
      const reason = `no PostgreSQL server at ${PG_ADMIN_URL} (${(err as Error).message}); set CROSSREAD_TEST_PG`;
      if (process.env.CI === 'true') throw new Error(`CI needs PostgreSQL: ${reason}`);
      process.stderr.write(`skipping the PostgreSQL tests: ${reason}\n`);
      return true;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return checked;
}

export interface TestDatabase {
  /** URL of the fresh database. */
  url: string;
  name: string;
  /** Drops the database (closing its remaining connections). */
  drop(): Promise<void>;
}

/** Creates a fresh, empty database named crossread_test_<pid>_<random>. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `crossread_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
