/**
 * A fresh PostgreSQL database for a benchmark run, dropped afterwards. The server is
 * given by an admin URL: CROSSREAD_BENCH_PG, else CROSSREAD_TEST_PG, else
 * postgres://postgres@127.0.0.1:5432/postgres (the machines this project runs on).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const BENCH_PG_ADMIN_URL = process.env.CROSSREAD_BENCH_PG ?? process.env.CROSSREAD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates crossread_bench_<pid>_<random>; errors name the server and the reason. */
export async function createBenchDatabase(prefix = 'crossread_bench'): Promise<BenchDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (err) {
    throw new Error(`cannot create a benchmark database on ${redacted(BENCH_PG_ADMIN_URL)}: ${(err as Error).message} (set CROSSREAD_BENCH_PG to an admin URL)`);
  }
  const url = new URL(BENCH_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function redacted(u: string): string {
  try {
    const x = new URL(u);
    if (x.password) x.password = '***';
    return x.toString();
  } catch {
    return u;
  }
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_PG_ADMIN_URL, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Whether the server answers; when not, one line on stdout says the PostgreSQL part is skipped and why. */
export async function benchPostgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: BENCH_PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    process.stdout.write(`PostgreSQL skipped: no server at ${redacted(BENCH_PG_ADMIN_URL)} (${(err as Error).message}); set CROSSREAD_BENCH_PG\n`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
