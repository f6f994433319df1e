/**
 * Scale-out benchmark (issue 12 §5): the same replayed stream ingested, in one run,
 *   1. into SQLite by one `crossread ingest` process (the baseline),
 *   2. into PostgreSQL through the job queue with 1 `crossread worker` process,
 *   3. and with 2 worker processes (this machine has 2 cores),
 * then story assignment alone on PostgreSQL (the one serial stage: articles already
 * read and their features extracted, `Store.addArticles` in batches of 256 with search
 * deferred, in this process, as the queue's assigner), and the latency from enqueue to
 * story assigned at a steady arrival rate below capacity.
 *
 * Workers run the read, assign and index stages (`--stages read,assign,index`): the work
 * `ingest` does; briefing changed stories is other workers' job in a deployment (see
 * DESIGN.md).
 *
 * Stream: the dev files replayed as in the ingest bench (fresh ids, dates +200 days and
 * ~30% of words varied per round), written as JSON Lines files of 100 records, so every
 * run reads, cleans and extracts features from the same inputs. Each run is a set of
 * child processes; a monitor samples the stored article count every 0.5 s (for the cost
 * per article per 10k window), each process's peak RSS (VmHWM) and CPU time (utime +
 * stime from /proc), and for PostgreSQL the CPU time of the server's processes, so that
 * throughput per core compares the backends on the CPU they used, not on the wall clock
 * of a shared machine.
 *
 *   npm run bench -- scale                       (50 000 articles; ~15–25 min here)
 *   CROSSREAD_BENCH_SCALE_N=10000 npm run bench -- scale
 *   CROSSREAD_BENCH_SCALE_ONLY=latency CROSSREAD_BENCH_SCALE_RATE=100 …  (the steady-rate latency alone, at that many articles/s)
 *   CROSSREAD_BENCH_SCALE_STAGES=read,assign   (the workers' stages; default read,assign,index)
 *   CROSSREAD_BENCH_BIN=/other/build/bin/crossread.js   (another build's CLI for the runs: versions compared by one bench)
 *   CROSSREAD_BENCH_PG=postgres://user@host/db   (admin URL; a fresh database per run is created and dropped)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { articleFromRecord } from '../src/ingest/index.js';
import { openStore } from '../src/store/index.js';
import { decodeFeatures, encodeFeatures, precompute, type EncodedFeatures } from '../src/stories/features.js';
import { openQueue } from '../src/queue/connection.js';
import { enqueueInputs } from '../src/queue/enqueue.js';
import type { Article } from '../src/types.js';
import { readDevArticles, replay } from './replay.js';
import { REPO, table } from './util.js';
import { benchPostgresAnswers, createBenchDatabase } from './pg-database.js';

const N = Number(process.env.CROSSREAD_BENCH_SCALE_N ?? 50_000);
const PER_FILE = 100;
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
/** The CLI the runs spawn (CROSSREAD_BENCH_BIN: another build's, to compare versions with the same bench). */
const BIN = process.env.CROSSREAD_BENCH_BIN ?? join(REPO, 'bin', 'crossread.js');
/**
 * The stages the measured workers run: reading, assignment and search indexing, as `ingest`
 * does (briefing is other workers' job). A run ends when every input is assigned and
 * every article indexed for search (SQLite's FTS is part of its write).
 */
const WORKER_STAGES = process.env.CROSSREAD_BENCH_SCALE_STAGES ?? 'read,assign,index';

// ---- processes -------------------------------------------------------------------------

/** CPU seconds (user + system) of a live process, 0 when it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** Peak resident set (VmHWM) of a live process in MiB, 0 when it is gone. */
function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Pids of the PostgreSQL server's processes (postmaster and backends). */
function postgresPids(): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres') out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Follows a child's CPU time and peak RSS until it exits (read while it lives). */
class Watched {
  cpu = 0;
  rss = 0;
  readonly exited: Promise<number | null>;
  stderr = '';
  constructor(readonly proc: ChildProcess) {
    proc.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  }
  sample(): void {
    const pid = this.proc.pid;
    if (pid === undefined || this.proc.exitCode !== null) return;
    this.cpu = Math.max(this.cpu, cpuSeconds(pid));
    this.rss = Math.max(this.rss, peakRss(pid));
  }
}

function crossread(args: string[]): Watched {
  return new Watched(spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } }));
}

/** A small pool whose idle clients may be cut off when the run's database is dropped (no unhandled 'error'). */
function quietPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  return pool;
}

/** One line on stderr per stage (the bench's progress; its report goes to stdout). */
function stage(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- the stream ---------------------------------------------------------------------------

/** Writes the replayed stream as JSONL files of PER_FILE records; returns the folder and the articles as read. */
function writeStream(dir: string): { folder: string; articles: number } | null {
  const base = readDevArticles();
  if (!base) return null;
  const folder = join(dir, 'stream');
  mkdirSync(folder);
  let lines: string[] = [];
  let file = 0;
  for (let i = 0; i < N; i++) {
    const r = Math.floor(i / base.length);
    const b = base[i % base.length]!;
    const a = replay(b.article, r, { label: `${r}:${b.label}`, outlet: true });
    lines.push(JSON.stringify({ id: a.id, title: a.title, text: a.text, published: a.published, source: a.outlet }));
    if (lines.length === PER_FILE || i === N - 1) {
      writeFileSync(join(folder, `part-${String(file++).padStart(5, '0')}.jsonl`), lines.join('\n') + '\n');
      lines = [];
    }
  }
  return { folder, articles: N };
}

// ---- one run --------------------------------------------------------------------------------

interface RunResult {
  name: string;
  stored: number;
  seconds: number;
  /** Stored-count samples: [seconds since start, count]. */
  samples: Array<[number, number]>;
  /** CPU seconds of the crossread processes and of the PostgreSQL server during the run. */
  cpu: number;
  serverCpu: number;
  rss: number[];
  latency?: { p50: number; p99: number };
}

/** Seconds from the first sample at or past `from` to the first at or past `to` stored articles, per article in ms. */
function msPerArticle(samples: Array<[number, number]>, from: number, to: number): number | null {
  const a = samples.find(([, n]) => n >= from);
  const b = samples.find(([, n]) => n >= to);
  if (!a || !b || b[1] <= a[1]) return null;
  return ((b[0] - a[0]) * 1000) / (b[1] - a[1]);
}

async function monitor(
  name: string,
  procs: () => Watched[],
  count: () => Promise<number>,
  done: (stored: number) => Promise<boolean>,
  server: boolean,
): Promise<RunResult> {
  // The server's CPU: every postgres process's time now, less what those alive at the start had spent before.
  const serverBefore = new Map(server ? postgresPids().map((p) => [p, cpuSeconds(p)]) : []);
  const serverCpu = (): number => (server ? postgresPids().reduce((s, p) => s + cpuSeconds(p) - (serverBefore.get(p) ?? 0), 0) : 0);
  let serverSpent = 0;
  const t0 = Date.now();
  const samples: Array<[number, number]> = [];
  let stored = 0;
  let lastShown = 0;
  for (;;) {
    await sleep(500);
    for (const w of procs()) w.sample();
    serverSpent = Math.max(serverSpent, serverCpu());
    stored = await count().catch(() => stored);
    const t = (Date.now() - t0) / 1000;
    samples.push([t, stored]);
    if (process.stderr.isTTY && t - lastShown > 1) {
      lastShown = t;
      process.stderr.write(`\r\x1b[K${name}: ${stored}/${N} (${t.toFixed(0)} s)`);
    }
    if (await done(stored)) break;
    if (procs().every((w) => w.proc.exitCode !== null) && !(await done(stored))) {
      // Every process ended before the stream was stored.
      const err = procs().map((w) => w.stderr.trim()).filter(Boolean).join(' | ');
      throw new Error(`${name}: the processes ended with ${stored}/${N} stored${err ? `: ${err}` : ''}`);
    }
  }
  serverSpent = Math.max(serverSpent, serverCpu());
  const seconds = samples[samples.length - 1]![0];
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  for (const w of procs()) w.sample();
  return { name, stored, seconds, samples, cpu: procs().reduce((s, w) => s + w.cpu, 0), serverCpu: serverSpent, rss: procs().map((w) => w.rss) };
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const db = await createBenchDatabase('crossread_scale');
  try {
    return await fn(db.url);
  } finally {
    await db.drop().catch(() => {});
  }
}

async function sqliteRun(dir: string, folder: string): Promise<RunResult> {
  const db = join(dir, 'scale.db');
  const ingest = crossread(['ingest', folder, '--db', db]);
  let reader: import('better-sqlite3').Database | null = null;
  const Database = (await import('better-sqlite3')).default;
  const count = async (): Promise<number> => {
    try {
      reader ??= new Database(db, { readonly: true, fileMustExist: true });
      return Number(reader.prepare('SELECT COUNT(*) FROM articles').pluck().get());
    } catch {
      return 0;
    }
  };
  const r = await monitor('SQLite, 1 process', () => [ingest], count, async () => ingest.proc.exitCode !== null, false);
  await ingest.exited;
  r.stored = await count();
  (reader as import('better-sqlite3').Database | null)?.close();
  return r;
}

async function queueRun(folder: string, workers: number): Promise<RunResult> {
  return withDatabase(async (url) => {
    const pool = quietPool(url);
    try {
      const enqueue = crossread(['ingest', folder, '--db', url, '--queue']);
      if ((await enqueue.exited) !== 0) throw new Error(`ingest --queue failed: ${enqueue.stderr}`);
      const procs = Array.from({ length: workers }, () => crossread(['worker', '--db', url, '--concurrency', '1', '--stages', WORKER_STAGES]));
      const count = async () => Number((await pool.query('SELECT COUNT(*)::text AS n FROM articles')).rows[0].n);
      // Inputs not assigned, and articles not indexed (the store's tables appear when a worker opens it).
      const open = async () =>
        Number(
          (
            await pool
              .query(
                'SELECT (SELECT COUNT(*) FROM crossread_queue.inputs WHERE NOT done) + (SELECT COUNT(*) FROM articles WHERE seq > (SELECT COALESCE(MAX(seq), 0) FROM article_search)) AS n',
              )
              .catch(() => ({ rows: [{ n: 1 }] }))
          ).rows[0].n,
        );
      const r = await monitor(`PostgreSQL, ${workers} worker${workers === 1 ? '' : 's'}`, () => procs, count, async () => (await open()) === 0, true);
      for (const w of procs) w.proc.kill('SIGTERM');
      await Promise.all(procs.map((w) => w.exited));
      return r;
    } finally {
      await pool.end();
    }
  });
}

/**
 * Story assignment alone on PostgreSQL, as the queue's assigner does it: articles read and
 * their story features extracted first (the read stage's work), then stored in batches of
 * 256 by this process with the staged features and `deferSearch`; the search index step
 * (the `index` stage, beside the assigner) runs after each batch, timed apart.
 */
async function assignmentAlone(folder: string): Promise<{ rate: number; articles: number; indexRate: number }> {
  const articles: Article[] = [];
  for (const f of readdirSync(folder).sort()) {
    for (const line of readFileSync(join(folder, f), 'utf8').split('\n')) {
      if (!line) continue;
      const rec = JSON.parse(line) as { id: string; title: string | null; text: string; published: string | null; source: string | null };
      const { article } = articleFromRecord(rec, `${f}/${rec.id}`);
      if (article) articles.push(article);
    }
  }
  const staged = articles.map((a) => JSON.stringify(encodeFeatures(precompute(a))));
  return withDatabase(async (url) => {
    const store = await openStore(url);
    try {
      let secs = 0;
      let indexSecs = 0;
      for (let i = 0; i < articles.length; i += 256) {
        const t = process.hrtime.bigint();
        const features = staged.slice(i, i + 256).map((f) => decodeFeatures(JSON.parse(f) as EncodedFeatures));
        await store.addArticles(articles.slice(i, i + 256), { features, deferSearch: true });
        const ti = process.hrtime.bigint();
        secs += Number(ti - t) / 1e9;
        await store.indexSearch();
        indexSecs += Number(process.hrtime.bigint() - ti) / 1e9;
        if (process.stderr.isTTY) process.stderr.write(`\r\x1b[Kassignment alone: ${Math.min(i + 256, articles.length)}/${articles.length}`);
      }
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      return { rate: articles.length / secs, articles: articles.length, indexRate: articles.length / indexSecs };
    } finally {
      await store.close();
    }
  });
}

interface Latency {
  /** Enqueue → story assigned (ms). */
  p50: number;
  p99: number;
  /** Its two parts: enqueue → read and staged, staged → assigned (ms). */
  read: { p50: number; p99: number };
  assign: { p50: number; p99: number };
  n: number;
  /** CPU seconds of the two workers and of the server's backends for the run's database, from the first steady input to the last one assigned, and that time. */
  cpu: { workers: number; server: number; seconds: number };
}

/**
 * Latency from enqueue to story assigned at a steady rate: `inputs` files of 10 articles,
 * one every `gapMs`, into a store that already holds `warm` (the first files of the stream),
 * with 2 workers running, after the warm inputs are assigned (so the workers have started);
 * from the queue's own timestamps (enqueued_at → staged_at → done_at).
 */
async function steadyLatency(dir: string, folder: string, inputs: number, gapMs: number): Promise<Latency> {
  const small = join(dir, 'steady');
  mkdirSync(small);
  const files = readdirSync(folder).sort();
  const late = files.slice(Math.max(0, files.length - Math.ceil((inputs * 10) / PER_FILE)));
  let k = 0;
  for (const f of late) {
    const lines = readFileSync(join(folder, f), 'utf8').split('\n').filter(Boolean);
    for (let i = 0; i < lines.length && k < inputs; i += 10) writeFileSync(join(small, `s-${String(k++).padStart(4, '0')}.jsonl`), lines.slice(i, i + 10).join('\n') + '\n');
  }
  return withDatabase(async (url) => {
    const pool = quietPool(url);
    const procs = [crossread(['worker', '--db', url, '--concurrency', '1', '--stages', WORKER_STAGES]), crossread(['worker', '--db', url, '--concurrency', '1', '--stages', WORKER_STAGES])];
    const q = await openQueue(url);
    try {
      const drained = async (): Promise<void> => {
        for (;;) {
          const open = Number((await pool.query('SELECT COUNT(*)::text AS n FROM crossread_queue.inputs WHERE NOT done')).rows[0].n);
          if (open === 0) return;
          await sleep(200);
        }
      };
      // Warm: the store's first articles, so assignment runs against a corpus; and the
      // workers started (their start is not part of any input's latency).
      await enqueueInputs(q, [join(folder, files[0]!), join(folder, files[1] ?? files[0]!)]);
      await drained();
      // The server's CPU for this database only (its backends, sampled as they come and go): other jobs share the server.
      const seen = new Map<number, { first: number; last: number }>();
      const sampleServer = async (): Promise<void> => {
        const pids = (await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map((r) => r.pid);
        for (const pid of pids) {
          const c = cpuSeconds(pid);
          const e = seen.get(pid);
          if (!e) seen.set(pid, { first: c, last: c });
          else e.last = Math.max(e.last, c);
        }
      };
      await sampleServer();
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          await sleep(250);
          await sampleServer().catch(() => {});
        }
      })();
      const serverCpu = (): number => [...seen.values()].reduce((s, e) => s + e.last - e.first, 0);
      const workerCpu = (): number => procs.reduce((s, w) => s + (w.proc.pid === undefined ? 0 : cpuSeconds(w.proc.pid)), 0);
      const w0 = workerCpu();
      const t0 = Date.now();
      // One input every gapMs from the start (the enqueue's own time is not added to the gap).
      let k = 0;
      for (const f of readdirSync(small).sort()) {
        await sleep(t0 + k++ * gapMs - Date.now());
        await enqueueInputs(q, [join(small, f)]);
      }
      await drained();
      sampling = false;
      await sampler;
      await sampleServer();
      const steady = { seconds: (Date.now() - t0) / 1000, workers: workerCpu() - w0, server: serverCpu() };
      const pct = (d: string) =>
        `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${d}) AS ${d}_p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ${d}) AS ${d}_p99`;
      const r = await pool.query(
        `SELECT ${pct('total')}, ${pct('read')}, ${pct('assign')}, COUNT(*)::int AS n
           FROM (SELECT EXTRACT(EPOCH FROM done_at - enqueued_at) * 1000 AS total, EXTRACT(EPOCH FROM staged_at - enqueued_at) * 1000 AS read,
                        EXTRACT(EPOCH FROM done_at - staged_at) * 1000 AS assign
                   FROM crossread_queue.inputs WHERE input LIKE '%/steady/%') x`,
      );
      const row = r.rows[0] as Record<string, number>;
      const of = (d: string) => ({ p50: Number(row[`${d}_p50`]), p99: Number(row[`${d}_p99`]) });
      return { ...of('total'), read: of('read'), assign: of('assign'), n: Number(row.n), cpu: { workers: steady.workers, server: steady.server, seconds: steady.seconds } };
    } finally {
      for (const w of procs) w.proc.kill('SIGTERM');
      await Promise.all(procs.map((w) => w.exited));
      await q.close();
      await pool.end();
    }
  });
}

function latencyLine(l: Latency, gapMs: number): string {
  const ms = (x: { p50: number; p99: number }) => `p50 ${x.p50.toFixed(0)} ms, p99 ${x.p99.toFixed(0)} ms`;
  return (
    `enqueue → story assigned at a steady ${(10000 / gapMs).toFixed(0)} articles/s (inputs of 10 articles, 2 workers, ${l.n} inputs): ${ms(l)}; ` +
    `of it enqueue → read and staged ${ms(l.read)}, staged → assigned ${ms(l.assign)}; ` +
    `CPU per article (workers + server) ${((l.cpu.workers * 1000) / (l.n * 10)).toFixed(1)} + ${((l.cpu.server * 1000) / (l.n * 10)).toFixed(1)} ms over ${l.cpu.seconds.toFixed(1)} s\n`
  );
}

async function main(): Promise<void> {
  if (!(await benchPostgresAnswers())) return;
  const dir = mkdtempSync(join(tmpdir(), 'crossread-scale-'));
  try {
    const stream = writeStream(dir);
    if (!stream) return;
    if (process.env.CROSSREAD_BENCH_SCALE_ONLY === 'latency') {
      // The steady-rate latency alone, at CROSSREAD_BENCH_SCALE_RATE articles/s (default 100).
      const gap = Math.max(50, Math.round(10_000 / Number(process.env.CROSSREAD_BENCH_SCALE_RATE ?? 100)));
      stage('latency at a steady rate');
      process.stdout.write(latencyLine(await steadyLatency(dir, stream.folder, 60, gap), gap));
      return;
    }
    stage(`stream written: ${stream.articles} articles; SQLite, one process`);
    const runs = [await sqliteRun(dir, stream.folder)];
    stage('PostgreSQL, 1 worker');
    runs.push(await queueRun(stream.folder, 1));
    stage('PostgreSQL, 2 workers');
    runs.push(await queueRun(stream.folder, 2));
    stage('story assignment alone on PostgreSQL');
    const alone = await assignmentAlone(stream.folder);
    stage('latency at a steady rate');
    const one = runs[1]!;
    const rateOf = (r: RunResult) => r.stored / r.seconds;
    const gap = Math.max(50, Math.round((1000 * 10) / (0.5 * rateOf(runs[2]!))));
    const latency = await steadyLatency(dir, stream.folder, 60, gap);

    // Five equal windows (10k each at 50k): the cost per article as the corpus grows.
    const windows = [1, 2, 3, 4, 5].map((i) => Math.round((i * N) / 5));
    const head = ['run', 'stored', 'wall s', 'articles/s', ...windows.slice(1).map((w, i) => `ms/art ${windows[i]! / 1000}k–${w / 1000}k`), 'CPU s (crossread + server)', 'articles per CPU-s', 'peak RSS MiB per process'];
    const rows: Array<Array<string | number>> = [head];
    for (const r of runs) {
      const cpu = r.cpu + r.serverCpu;
      rows.push([
        r.name,
        r.stored,
        r.seconds,
        rateOf(r),
        ...windows.slice(1).map((w, i) => msPerArticle(r.samples, windows[i]!, Math.min(w, r.stored)) ?? '-'),
        `${r.cpu.toFixed(0)} + ${r.serverCpu.toFixed(0)}`,
        r.stored / cpu,
        r.rss.map((x) => x.toFixed(0)).join(', '),
      ]);
    }
    process.stdout.write(
      `stream: ${stream.articles} replayed dev articles in JSON Lines files of ${PER_FILE} (read, cleaned, features extracted and assigned in every run)\n`,
    );
    process.stdout.write(table(rows));
    const sqlite = runs[0]!;
    const perCore = (r: RunResult) => r.stored / (r.cpu + r.serverCpu);
    process.stdout.write(
      `2 workers / 1 worker: ${(rateOf(runs[2]!) / rateOf(one)).toFixed(2)}× (goal ≥ 1.6×)\n` +
        `PostgreSQL (2 workers) per CPU-second / SQLite's: ${(perCore(runs[2]!) / perCore(sqlite)).toFixed(2)} (goal ≥ 0.7)\n` +
        `story assignment alone on PostgreSQL (${alone.articles} articles read and their features extracted first, batches of 256, search deferred): ${alone.rate.toFixed(0)} articles/s (goal ≥ 2000); ` +
        `the search index step after each batch, apart: ${alone.indexRate.toFixed(0)} articles/s\n` +
        `enqueue → story assigned, whole stream queued at once (2 workers): the queue's backlog, see wall time\n` +
        latencyLine(latency, gap),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
