/**
 * A private PostgreSQL server for tests that stop and start the server (a restart
 * mid-run): its own data directory in a temporary folder (`initdb`), its own port on
 * 127.0.0.1 only, no Unix socket, trust authentication, superuser `postgres`; started
 * and stopped with `pg_ctl`. The shared server (test/helpers/postgres.ts) is never
 * touched, so test files running beside this one go on.
 *
 * The binaries come from `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin,
 * else PATH. As root they run as the `postgres` user (`runuser`), since PostgreSQL refuses
 * to run as root. Where this is impossible (no binaries, root without a `postgres` user
 * or `runuser`) `privateServerMissing()` says why in one line and the tests skip,
 * except under CI=true, where it throws.
 *
 *   const missing = await privateServerMissing();
 *   describe.skipIf(missing)('…', () => {
 *     let server: PrivateServer;
 *     beforeAll(async () => { server = await startPrivateServer(); });
 *     afterAll(() => server?.destroy());
 *   });
 *
 * `destroy()` stops the server (immediate mode) and deletes its folder; it also runs on
 * the test process's exit, should `afterAll` not be reached.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface Tools {
  initdb: string;
  pgCtl: string;
  /** Prefix that runs a command as the server's user (empty when this process may run it). */
  asUser: string[];
  /** Owner of the data folder when run as root. */
  owner: { uid: number; gid: number } | null;
}

let tools: Promise<Tools | string> | null = null;

function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

function findTools(): Tools | string {
  const dirs: string[] = [];
  try {
    dirs.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // no pg_config on PATH
  }
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) dirs.push(`/usr/lib/postgresql/${v}/bin`);
  }
  let initdb: string | null = null;
  let pgCtl: string | null = null;
  for (const d of dirs) {
    if (existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'))) {
      initdb = join(d, 'initdb');
      pgCtl = join(d, 'pg_ctl');
      break;
    }
  }
  initdb ??= which('initdb');
  pgCtl ??= which('pg_ctl');
  if (!initdb || !pgCtl) return 'no initdb and pg_ctl (PostgreSQL server binaries) found';
  if (process.getuid?.() !== 0) return { initdb, pgCtl, asUser: [], owner: null };
  const runuser = which('runuser') ?? (existsSync('/usr/sbin/runuser') ? '/usr/sbin/runuser' : null);
  if (!runuser) return 'running as root without runuser to start PostgreSQL as another user';
  let owner: { uid: number; gid: number };
  try {
    owner = {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
    };
  } catch {
    return 'running as root and there is no postgres user to run a private PostgreSQL server';
  }
  return { initdb, pgCtl, asUser: [runuser, '-u', 'postgres', '--'], owner };
}

/** Why no private server can be started here (after one line on stderr), or false; throws under CI=true. */
export async function privateServerMissing(): Promise<string | false> {
  tools ??= Promise.resolve(findTools());
  const t = await tools;
  if (typeof t !== 'string') return false;
  const reason = `cannot start a private PostgreSQL server: ${t}`;
  if (process.env.CI === 'true') throw new Error(`CI needs a private PostgreSQL server: ${reason}`);
  process.stderr.write(`skipping the PostgreSQL restart tests: ${reason}\n`);
  return reason;
}

export interface PrivateServer {
  port: number;
  /** URL of database `db` (default postgres) as the superuser. */
  url(db?: string): string;
  /** Creates database `name` and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (`fast`: sessions are terminated, as a restart does). */
  stop(): Promise<void>;
  /** Starts it again (waits until it accepts connections). */
  start(): Promise<void>;
  /** Stops it at once and deletes its folder. */
  destroy(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Creates and starts a private server on a free port of 127.0.0.1. */
export async function startPrivateServer(): Promise<PrivateServer> {
  tools ??= Promise.resolve(findTools());
  const t = await tools;
  if (typeof t === 'string') throw new Error(`cannot start a private PostgreSQL server: ${t}`);
  const home = mkdtempSync(join(tmpdir(), 'crossread-pg-'));
  const data = join(home, 'data');
  const logFile = join(home, 'server.log');
  mkdirSync(data, { mode: 0o700 });
  writeFileSync(logFile, '');
  if (t.owner) for (const p of [home, data, logFile]) chownSync(p, t.owner.uid, t.owner.gid);
  const as = (bin: string, args: string[]): [string, string[]] => (t.asUser.length ? [t.asUser[0]!, [...t.asUser.slice(1), bin, ...args]] : [bin, args]);
  const exec = async (bin: string, args: string[]): Promise<void> => {
    const [cmd, argv] = as(bin, args);
    await run(cmd, argv, { cwd: home, timeout: 60_000 });
  };
  let port = 0;
  let destroyed = false;
  const stopNow = (): void => {
    if (destroyed) return;
    destroyed = true;
    try {
      const [cmd, argv] = as(t.pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w']);
      execFileSync(cmd, argv, { cwd: home, stdio: 'ignore', timeout: 30_000 });
    } catch {
      // not running
    }
    rmSync(home, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  const pgCtl = (args: string[]): Promise<void> => exec(t.pgCtl, ['-D', data, '-l', logFile, '-w', '-t', '60', ...args]);
  try {
    await exec(t.initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    // A port taken between the look and the start: try another.
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const conf = [`port = ${port}`, "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''", 'max_connections = 100', 'shared_buffers = 32MB', 'fsync = off', 'full_page_writes = off'];
      // postgresql.auto.conf is read last: these win over the defaults initdb wrote.
      const auto = join(data, 'postgresql.auto.conf');
      writeFileSync(auto, `${conf.join('\n')}\n`);
      if (t.owner) chownSync(auto, t.owner.uid, t.owner.gid);
      try {
        await pgCtl(['start']);
        break;
      } catch (err) {
        if (attempt >= 2) throw err;
      }
    }
  } catch (err) {
    stopNow();
    process.off('exit', stopNow);
    throw err;
  }
  const url = (db = 'postgres'): string => `postgres://postgres@127.0.0.1:${port}/${db}`;
  return {
    port,
    url,
    async createDatabase(name) {
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: url() });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      return url(name);
    },
    stop: () => pgCtl(['stop', '-m', 'fast']),
    start: () => pgCtl(['start']),
    async destroy() {
      stopNow();
      process.off('exit', stopNow);
    },
  };
}
