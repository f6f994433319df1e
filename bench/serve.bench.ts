/**
 * Web app benchmark: how fast the story list and the story page answer with 10k stored
 * articles, cold (first request: the story is briefed) and warm (cached briefing),
 * plus the article page, the JSON API, and the page weight of a story page.
 *
 * Store: the dev files (Multi-News sample, WikiRef220, DUC 2004) read through the
 * ingest stage and replayed with fresh ids until 10 000 articles are stored; each round
 * shifts dates by 200 days (past the clusterer's horizon) and varies ~30% of the words
 * with round-specific variants, so that a replay is neither a re-ingest (same content
 * hash) nor a near-copy and replayed clusters become new stories of the same sizes.
 *
 * Baseline, same run and same HTTP client: GET /static/app.css (fastify's request
 * round trip with the security hooks, no store work), so ratios show what each page
 * adds. Times are medians (and 95th percentiles) over repeated requests on one
 * keep-alive connection; "cold" is the first request for a story after the server
 * started (nothing cached). Then the server is restarted on the same store: the story
 * pages opened before answer from the briefings kept in the store, and every other
 * story is briefed in the background (as `crossread serve` does from its start), timed.
 *
 * Load (issue 27): a bounded load generator (./load.ts: 50 keep-alive connections, a
 * fixed number of requests, a time cap; in a process of its own) on the list, a story page and search, and on
 * the static-asset baseline, first alone and then while another process ingests into
 * the same store; p99 against the goal of 200 ms and against the baseline's p99, and the
 * CPU time the server's main thread spent per request (Linux; unlike latency, it does not
 * depend on how much CPU other work on the machine leaves, which the report states as the
 * 1-minute load average before and after). The ingesting process runs at the CPU priority
 * `crossread ingest` takes (src/cli/priority.ts; CROSSREAD_NICE=0: the server's), and
 * filtered lists go to the server's search worker (src/serve/searcher.ts) unless
 * CROSSREAD_BENCH_SEARCH_WORKER=0; the report says where they were answered.
 *
 *   npm run bench -- serve            (CROSSREAD_BENCH_SERVE_N=2000 for a quicker run)
 *   CROSSREAD_BENCH_SERVE_ONLY=load npm run bench -- serve     (only the load part)
 *   CROSSREAD_BENCH_SERVE_ONLY=parts npm run bench -- serve    (the parts of a distinct search, timed one by one)
 *   CROSSREAD_BENCH_LOAD_REQUESTS=2000 (per run), CROSSREAD_BENCH_LOAD_CAP_S=30 (time cap per run)
 *   CROSSREAD_BENCH_SEARCH_WORKER=0 (searches on the event loop), CROSSREAD_NICE=0 (the ingesting process at the server's priority)
 *
 * The built store is kept in $TMPDIR/crossread-bench-cache/ under a key of N, the schema
 * version, the build and replay code and the dev files (size, mtime), and copied for each
 * run (the run writes briefings and ingests into its copy). A change to the ingest or
 * clustering code is not in the key: CROSSREAD_BENCH_REBUILD=1 builds afresh.
 *
 * On PostgreSQL (issue 12 §5): CROSSREAD_BENCH_SERVE_DB=postgres runs everything above
 * against a fresh PostgreSQL database (./pg-database.ts: CROSSREAD_BENCH_PG or
 * CROSSREAD_TEST_PG, default 127.0.0.1:5432), filled from the cached SQLite store with
 * the store copy (`copyStore`, src/store/transfer.ts, in a child process; timed) and
 * dropped at the end; the restarted server and the ingesting process use the same
 * database. The tables are the same.
 *
 *   CROSSREAD_BENCH_SERVE_DB=postgres CROSSREAD_BENCH_SERVE_N=2000 npm run bench -- serve
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { articleFromRecord } from '../src/ingest/index.js';
import { openStore } from '../src/store/index.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { copyStore } from '../src/store/transfer.js';
import { SCHEMA_VERSION } from '../src/store/schema.js';
import type { Page, StorySummary } from '../src/store/store.js';
import { page } from '../src/serve/views/layout.js';
import { listBody } from '../src/serve/views/list.js';
import { startServer, type RunningServer } from '../src/serve/index.js';
import type { Article } from '../src/types.js';
import { DEV_FILES, readDevArticles, readDevDocs, replay } from './replay.js';
import { median, peakRssMiB, sharedOrSkip, table } from './util.js';
import { load, quantile, type LoadOptions, type LoadResult } from './load.js';
import { createBenchDatabase, type BenchDatabase } from './pg-database.js';
import { batchNiceness } from '../src/cli/priority.js';
import { lowerPriority } from '../src/priority.js';

/**
 * The load generator runs in its own process (as wrk would): in the server's process its
 * own work (sending, timing 50 connections) would sit on the event loop it measures.
 */
function loadApart(url: string, paths: string[], opts: LoadOptions): Promise<LoadResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--load'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stdin.end(JSON.stringify({ url, paths, opts }));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      try {
        if (code !== 0) throw new Error(`the load generator failed (exit ${code})`);
        resolve(JSON.parse(out) as LoadResult);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    }),
  );
}

async function loadChild(): Promise<void> {
  let input = '';
  for await (const c of process.stdin) input += (c as Buffer).toString();
  const { url, paths, opts } = JSON.parse(input) as { url: string; paths: string[]; opts: LoadOptions };
  process.stdout.write(JSON.stringify(await load(url, paths, opts)));
}

const N = Number(process.env.CROSSREAD_BENCH_SERVE_N ?? 10_000);
const BACKEND = process.env.CROSSREAD_BENCH_SERVE_DB ?? 'sqlite';
if (BACKEND !== 'sqlite' && BACKEND !== 'postgres') throw new Error(`CROSSREAD_BENCH_SERVE_DB="${BACKEND}": expected sqlite or postgres`);
const ON_PG = BACKEND === 'postgres';
const BATCH = 256;
const REPEAT = 40;

const ONLY_LOAD = process.env.CROSSREAD_BENCH_SERVE_ONLY === 'load';
const ONLY_PARTS = process.env.CROSSREAD_BENCH_SERVE_ONLY === 'parts';
const PARTS_QUERIES = 500;
const RENDER_ROUNDS = 10;
const LOAD_REQUESTS = Number(process.env.CROSSREAD_BENCH_LOAD_REQUESTS ?? 2000);
const LOAD_CAP_MS = Number(process.env.CROSSREAD_BENCH_LOAD_CAP_S ?? 30) * 1000;
const GOAL_P99_MS = 200;
/** CROSSREAD_BENCH_SEARCH_WORKER=0: filtered lists answered on the event loop, as before the search worker (src/serve/searcher.ts). */
const SEARCH_WORKER = process.env.CROSSREAD_BENCH_SEARCH_WORKER !== '0';

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(base: string, path: string): Promise<{ status: number; ms: number; bytes: number; body: string }> {
  const url = new URL(path, base);
  const t = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - t) / 1e6, bytes: body.length, body: body.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A first (cold) story page: the time until the briefed page arrives. A story whose
 * first briefing takes long gets a self-refreshing "being briefed" page (202) first;
 * the time of that first answer is returned too.
 */
async function coldLoad(base: string, path: string): Promise<{ ms: number; first: number; pending: boolean }> {
  const t = process.hrtime.bigint();
  const first = await get(base, path);
  let r = first;
  while (r.status === 202) {
    await new Promise((res) => setTimeout(res, 100));
    r = await get(base, path);
  }
  if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status}`);
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, first: first.ms, pending: first.status === 202 };
}

async function timeRepeated(base: string, paths: string[], repeat = REPEAT): Promise<{ median: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const r = await get(base, paths[i % paths.length] as string);
    if (r.status !== 200) throw new Error(`${paths[i % paths.length]}: HTTP ${r.status} ${r.body.slice(0, 200)}`);
    times.push(r.ms);
  }
  const s = [...times].sort((a, b) => a - b);
  return { median: median(times), p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] as number };
}

/** Builds the benchmark store at `dbPath` (run in a child process). */
async function build(dbPath: string): Promise<void> {
  const base = readDevArticles();
  if (!base) return;
  // A margin: a few replayed texts are still skipped as already stored; the store stops growing at N.
  const stream: Article[] = [];
  const want = Math.ceil(N * 1.1);
  for (let r = 0; stream.length < want; r++) for (const b of base) if (stream.length < want) stream.push(replay(b.article, r, { label: `${r}:${b.label}`, outlet: true }));

  const store = openSqliteStore(dbPath);
  let stored = 0;
  for (let i = 0; i < stream.length && stored < N; i += BATCH) {
    const r = await store.addArticles(stream.slice(i, Math.min(i + BATCH, i + (N - stored))));
    stored += r.added.length;
    if (process.stderr.isTTY) process.stderr.write(`\rbuilding the store: ${stored}/${N}`);
  }
  await store.close();
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

/** Where the built store of these parameters is kept between runs. */
function cachedStorePath(): string {
  const h = createHash('sha256');
  h.update(`N=${N} schema=${SCHEMA_VERSION} batch=${BATCH}\n${build.toString()}\n`);
  h.update(readFileSync(fileURLToPath(new URL('./replay.ts', import.meta.url))));
  for (const rel of DEV_FILES) {
    const p = sharedOrSkip(rel);
    if (p) {
      const st = statSync(p);
      h.update(`${rel} ${st.size} ${st.mtimeMs}\n`);
    }
  }
  return join(tmpdir(), 'crossread-bench-cache', `serve-${N}-${h.digest('hex').slice(0, 16)}.db`);
}

/** Copies the SQLite store at `from` into the empty PostgreSQL database at `to` (run in a child process). */
async function copyInto(from: string, to: string): Promise<void> {
  const source = openSqliteStore(from, { readonly: true });
  const target = await openStore(to);
  try {
    await copyStore(source.rows(), target.rows(), { pageSize: 1000 });
  } finally {
    await target.close();
    await source.close();
  }
}

/**
 * The other process of the load test: adds new articles to the store for `seconds` (run
 * as a child), at the CPU priority `crossread ingest` takes (its default, or
 * $CROSSREAD_NICE: CROSSREAD_NICE=0 measures an ingest at the server's priority).
 */
async function ingestFor(dbPath: string, seconds: number): Promise<number | null> {
  const nice = lowerPriority(batchNiceness(undefined, process.env));
  const docs = readDevDocs();
  if (!docs) return nice;
  const store = await openStore(dbPath);
  const t0 = Date.now();
  let added = 0;
  // Rounds far beyond the ones the store was built from: new ids, new texts, new stories and additions.
  for (let r = 1000; Date.now() - t0 < seconds * 1000; r++) {
    for (let i = 0; i < docs.length && Date.now() - t0 < seconds * 1000; i += 32) {
      const batch: Article[] = [];
      for (const d of docs.slice(i, i + 32)) {
        const { article } = articleFromRecord({ id: d.id, text: d.text }, d.id);
        if (article) batch.push(replay(article, r, { label: `${r}:${d.label}`, outlet: true }));
      }
      added += (await store.addArticles(batch)).added.length;
      process.stdout.write(`${added}\n`); // the parent keeps the last count (it ends this process)
    }
  }
  await store.close();
  return nice;
}

const WORDS = ['police', 'election', 'government', 'minister', 'fire', 'president', 'court', 'ruling', 'storm', 'oil', 'prices', 'army', 'market', 'school', 'health', 'water', 'city', 'state', 'bank', 'trade', 'war', 'peace', 'vote', 'party', 'leader', 'report', 'company', 'workers', 'children', 'family', 'police*', 'attack', 'border', 'energy', 'climate', 'judge', 'prison', 'hospital', 'doctors', 'students', 'budget', 'tax', 'law', 'council', 'mayor', 'flood', 'earthquake', 'crash', 'airline', 'train'];

/** `n` distinct two-word search pages (so that none is answered from a page computed before). */
function distinctQueries(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n && i < WORDS.length; i++) for (let j = 0; out.length < n && j < WORDS.length; j++) if (i !== j) out.push(`/?q=${WORDS[i]}+${WORDS[j]}`);
  return out;
}

interface LoadRow {
  what: string;
  r: LoadResult;
  /** CPU time of the server's main thread per request, in ms (NaN where it cannot be read). */
  cpu: number;
}

const CLOCK_TICKS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout) || 100;
})();

/**
 * CPU time this process's main thread (the server's event loop) has used, in ms: on a
 * machine shared with other work, latency mostly tells how much CPU the machine had to
 * spare, the CPU per request what a request costs. Linux only (/proc); NaN elsewhere.
 */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** The nice value of a process's main thread (Linux; NaN elsewhere). */
function niceOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  } catch {
    return NaN;
  }
}

/** A load run, with the server's main-thread CPU per request. */
async function measured(what: string, url: string, paths: string[], opts: LoadOptions): Promise<LoadRow> {
  const c0 = mainThreadCpuMs();
  const r = await loadApart(url, paths, opts);
  return { what, r, cpu: (mainThreadCpuMs() - c0) / Math.max(1, r.requests) };
}

/** The load part: each kind of request under 50 connections, alone and while another process ingests. */
async function loadSection(url: string, dbPath: string, storyPaths: string[], briefer: { idle: boolean }): Promise<{ rows: LoadRow[]; baseline: LoadRow; baselineIngest: LoadRow; ingested: number; ingestNice: number; machineLoad: [number, number] }> {
  const opts = { connections: 50, requests: LOAD_REQUESTS, timeCapMs: LOAD_CAP_MS };
  const loadBefore = loadavg()[0] as number;
  const kinds: Array<[string, string[]]> = [
    ['story list (pages 1-3, by size)', ['/', '/?offset=20', '/?offset=40', '/?sort=size']],
    [`story page (${storyPaths.length} typical stories, briefed)`, storyPaths],
    ['search (8 queries, repeated)', ['/?q=police', '/?q=election', '/?q=government+minister', '/?q=fire*', '/?q=president', '/?q=court+ruling', '/?q=storm', '/?q=oil+prices']],
    [`search (${LOAD_REQUESTS} distinct two-word queries)`, distinctQueries(LOAD_REQUESTS)],
  ];
  // Warm-up: each path once (briefed pages, prepared statements); the background briefing
  // the list pages start is let finish (up to a minute), then the baseline.
  for (const [, paths] of kinds) for (const p of paths.slice(0, 20)) await get(url, p);
  for (let i = 0; i < 600 && !briefer.idle; i++) await new Promise((r) => setTimeout(r, 100));
  await loadApart(url, ['/static/app.css'], { ...opts, requests: 500 });
  const baseline = await measured('baseline', url, ['/static/app.css'], opts);
  const rows: LoadRow[] = [];
  for (const [what, paths] of kinds) rows.push(await measured(what, url, paths, opts));
  // The same while another process ingests into the same store.
  const seconds = Math.ceil((LOAD_CAP_MS * (kinds.length + 1)) / 1000) + 120;
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--ingest', dbPath, String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  let gone = false;
  const exited = new Promise<void>((r) => child.on('exit', () => ((gone = true), r())));
  // Start once the child has stored its first batch (it is then reading and writing).
  for (let i = 0; i < 1200 && !out.includes('\n') && !gone; i++) await new Promise((r) => setTimeout(r, 100));
  if (gone || !out.includes('\n')) throw new Error('the ingesting process stored nothing (see its error above): no measurement while ingesting');
  const ingestNice = child.pid === undefined ? NaN : niceOf(child.pid);
  const baselineIngest = await measured('baseline', url, ['/static/app.css'], opts);
  for (const [what, paths] of kinds) rows.push(await measured(`${what}, while another process ingests`, url, paths, opts));
  if (gone) throw new Error('the ingesting process ended before the runs did: no measurement while ingesting');
  child.kill('SIGTERM');
  await exited;
  return { rows, baseline, baselineIngest, ingested: Number(out.trim().split('\n').pop()) || 0, ingestNice, machineLoad: [loadBefore, loadavg()[0] as number] };
}

/**
 * The parts of a distinct search request, one request at a time on the built store: the
 * store's search (full-text match, page and count), the snippets and the article count
 * the page shows, the whole request inside the server (fastify's inject: routing, hooks,
 * rendering; no socket) and over HTTP; and the main thread's share of briefing the
 * largest story in the background (loading its articles, the structured clone that
 * hands them to the worker). Medians and 99th percentiles over PARTS_QUERIES queries.
 */
async function partsReport(server: RunningServer, url: string, largest: StorySummary): Promise<string> {
  const queries = distinctQueries(PARTS_QUERIES).map((p) => p.slice('/?q='.length).replace(/\+/g, ' '));
  const parts = { search: [] as number[], leads: [] as number[], stats: [] as number[], inject: [] as number[], http: [] as number[] };
  const time = async (into: number[], f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    into.push(performance.now() - t);
  };
  const c0 = mainThreadCpuMs();
  const found: Array<{ q: string; page: Page<StorySummary> }> = [];
  for (const [i, q] of queries.entries()) {
    let items: StorySummary[] = [];
    await time(parts.search, async () => {
      const listed = await server.store.listStories({ q, limit: 20 });
      found.push({ q, page: listed });
      items = listed.items;
    });
    await time(parts.leads, () => server.app.briefer.withLeads(items));
    await time(parts.stats, () => server.store.stats());
    // Each page once (a page reused from the list-page cache would not measure the work).
    const path = `/?q=${encodeURIComponent(q)}`;
    if (i % 2 === 0) await time(parts.inject, () => server.app.fastify.inject({ method: 'GET', url: path, headers: { host: new URL(url).host } }));
    else await time(parts.http, () => get(url, path));
  }
  const cpu = (mainThreadCpuMs() - c0) / queries.length;
  // The list page's rendering alone (the views' part of a search), CPU per page over RENDER_ROUNDS rounds of the pages found.
  const facts = (s: StorySummary) => server.app.briefer.factsOf(s);
  const r0 = mainThreadCpuMs();
  for (let r = 0; r < RENDER_ROUNDS; r++) {
    for (const f of found) page({ title: `“${f.q}”`, kind: 'list', nav: 'stories', q: f.q, body: listBody({ page: f.page, query: { q: f.q }, facts, totalArticles: 10_000 }) });
  }
  const renderCpu = (mainThreadCpuMs() - r0) / (RENDER_ROUNDS * found.length);
  const tLoad = performance.now();
  const rec = await server.store.getStory(largest.id);
  const loadMs = performance.now() - tLoad;
  const tClone = performance.now();
  const cloned = serialize(rec?.articles ?? []).length;
  const cloneMs = performance.now() - tClone;
  const q = (xs: number[], p: number) => quantile([...xs].sort((a, b) => a - b), p);
  const row = (what: string, xs: number[]) => [what, xs.length, q(xs, 0.5), q(xs, 0.99), Math.max(...xs)];
  return (
    table([
      ['part of a distinct two-word search (one at a time)', 'n', 'median ms', 'p99 ms', 'max ms'],
      row('store search: full-text match, page of 20, count', parts.search),
      row('snippets of the listed stories (kept briefings read)', parts.leads),
      row('store stats (the heading’s article count)', parts.stats),
      row('whole request in the server (inject: hooks, search, render)', parts.inject),
      row('whole request over HTTP (one keep-alive connection)', parts.http),
    ]) +
    `main-thread CPU per query (all parts above) ${Number.isNaN(cpu) ? '–' : cpu.toFixed(2)} ms; rendering a search page alone ${Number.isNaN(renderCpu) ? '–' : renderCpu.toFixed(3)} ms CPU (${RENDER_ROUNDS} rounds of the ${found.length} pages); ` +
    `background briefing's main-thread share for the largest story (${largest.articleCount} articles): load ${loadMs.toFixed(0)} ms, hand-over clone ${cloneMs.toFixed(0)} ms (${(cloned / 1e6).toFixed(1)} MB)\n`
  );
}

/** Where filtered lists were answered: the search worker, or the event loop. */
function searchNote(server: RunningServer): string {
  const s = server.app.searcher?.stats;
  return s ? `filtered lists answered by the search worker ${s.answered}, by the event loop ${s.fellBack}` : 'no search worker (filtered lists answered on the event loop)';
}

function loadReport(l: Awaited<ReturnType<typeof loadSection>>, articles: number): string {
  const fmt = (x: LoadRow) => [x.r.rps, x.r.p50, x.r.p99, x.r.max, x.r.over2s, x.r.errors + x.r.non200, Number.isNaN(x.cpu) ? '–' : x.cpu.toFixed(2)];
  const rows: Array<Array<string | number>> = [['requests at 50 connections', 'req/s', 'p50 ms', 'p99 ms', 'max ms', '> 2 s', 'errors', 'server CPU ms/req', 'p99 vs baseline p99', `goal p99 < ${GOAL_P99_MS} ms`]];
  rows.push(['baseline: GET /static/app.css', ...fmt(l.baseline), '1.0×', '']);
  for (const [i, x] of l.rows.entries()) {
    const base = i < l.rows.length / 2 ? l.baseline : l.baselineIngest;
    if (i === l.rows.length / 2) rows.push(['baseline, while another process ingests', ...fmt(l.baselineIngest), '1.0×', '']);
    rows.push([x.what, ...fmt(x), `${(x.r.p99 / base.r.p99).toFixed(1)}×`, x.r.p99 < GOAL_P99_MS ? 'met' : 'NOT met']);
  }
  const capped = [l.baseline, l.baselineIngest, ...l.rows].some((x) => x.r.capped);
  return (
    `load: ${LOAD_REQUESTS} requests per run (time cap ${LOAD_CAP_MS / 1000} s${capped ? '; some runs hit the cap' : ''}) over 50 keep-alive connections, store of ${articles} articles; ` +
    `the ingesting process (nice ${Number.isNaN(l.ingestNice) ? '–' : l.ingestNice}) added ${l.ingested} articles meanwhile; machine load average ${l.machineLoad[0].toFixed(1)} before, ${l.machineLoad[1].toFixed(1)} after (${availableParallelism()} CPUs)\n${table(rows)}`
  );
}

async function main(): Promise<void> {
  if (!readDevDocs()) return;
  // The store is built in a child process, so that the peak RSS below is the server's.
  const dir = mkdtempSync(join(tmpdir(), 'crossread-serve-bench-'));
  const cached = cachedStorePath();
  let buildSecs = 0;
  const reused = existsSync(cached) && process.env.CROSSREAD_BENCH_REBUILD !== '1';
  if (!reused) {
    const tb = process.hrtime.bigint();
    mkdirSync(join(cached, '..'), { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--build', tmp], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`building the benchmark store failed (exit ${child.status})`);
    renameSync(tmp, cached);
    rmSync(`${tmp}-wal`, { force: true });
    rmSync(`${tmp}-shm`, { force: true });
    buildSecs = Number(process.hrtime.bigint() - tb) / 1e9;
  }
  let builtNote = reused ? `reused from ${cached}` : `built in ${buildSecs.toFixed(0)} s`;
  // The store the run uses: a copy of the cached file, or a fresh PostgreSQL database filled from it.
  let pgDb: BenchDatabase | null = null;
  let dbPath = join(dir, 'bench.db');
  if (ON_PG) {
    pgDb = await createBenchDatabase('crossread_bench_serve');
    dbPath = pgDb.url;
    const tc = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--copy', cached, dbPath], { stdio: 'inherit' });
    if (child.status !== 0) {
      await pgDb.drop();
      throw new Error(`copying the benchmark store into PostgreSQL failed (exit ${child.status})`);
    }
    builtNote += `; PostgreSQL ${new URL(dbPath).host}, a fresh database copied from it in ${(Number(process.hrtime.bigint() - tc) / 1e9).toFixed(0)} s`;
  } else {
    copyFileSync(cached, dbPath);
    builtNote += '; SQLite';
  }

  let server: RunningServer | null = null;
  try {
    server = await startServer({ db: dbPath, port: 0, searchWorker: SEARCH_WORKER });
    const url = server.url;
    const stats = await server.store.stats();
    // Stories to open: every size class, chosen before any page is requested (so all are cold).
    const all = (await server.store.listStories({ sort: 'size', limit: 1000 })).items;
    const pick = (s: StorySummary[], n: number) => s.filter((_, i) => i % Math.max(1, Math.floor(s.length / n)) === 0).slice(0, n);
    const largest = all[0] as StorySummary;
    const typical = pick(all.slice(Math.floor(all.length / 4)), 15);
    const typicalSize = median(typical.map((s) => s.articleCount));

    // Let the worker start (the server starts it at once; a real server is up long before its first reader).
    for (let i = 0; i < 100 && server.app.briefer.stats.briefed === 0 && !server.app.briefer.idle; i++) await new Promise((r) => setTimeout(r, 100));
    // Baseline: the cheapest round trip through the same server and client.
    await timeRepeated(url, ['/static/app.css'], 20);
    const baseline = await timeRepeated(url, ['/static/app.css'], 200);

    if (ONLY_PARTS) {
      process.stdout.write(`store: ${stats.articles} articles in ${stats.stories} stories (dev files replayed; ${builtNote})\n${await partsReport(server, url, largest)}`);
      return;
    }
    if (ONLY_LOAD) {
      for (const s of typical) await coldLoad(url, `/stories/${s.id}`);
      const l = await loadSection(url, dbPath, typical.map((s) => `/stories/${s.id}`), server.app.briefer);
      process.stdout.write(`store: ${stats.articles} articles in ${stats.stories} stories (dev files replayed; ${builtNote})\n${loadReport(l, stats.articles)}`);
      process.stdout.write(`${searchNote(server)}; peak RSS of the server process ${peakRssMiB().toFixed(0)} MiB\n`);
      return;
    }

    // Cold story pages (first request each: load, brief in the worker, render).
    const coldTypical: number[] = [];
    let pendingTypical = 0;
    for (const s of typical) {
      const c = await coldLoad(url, `/stories/${s.id}`);
      coldTypical.push(c.ms);
      if (c.pending) pendingTypical++;
    }
    const coldLargest = await coldLoad(url, `/stories/${largest.id}`);
    const warmTypical = await timeRepeated(url, typical.map((s) => `/stories/${s.id}`));
    const warmLargest = await timeRepeated(url, [`/stories/${largest.id}`], 20);
    const apiStory = await timeRepeated(url, typical.map((s) => `/api/stories/${s.id}`));

    // Page weight of a story page: the HTML plus the stylesheet, script and icon it loads.
    const assets = (await get(url, '/')).body.match(/\/static\/[\w.]+\?v=[0-9a-f]+/g) ?? [];
    let assetBytes = 0;
    for (const a of new Set(assets)) assetBytes += (await get(url, a)).bytes;
    const htmlLargest = (await get(url, `/stories/${largest.id}`)).bytes;
    const htmlTypical = median(await Promise.all(typical.map(async (s) => (await get(url, `/stories/${s.id}`)).bytes)));

    // Article pages: cold (sentence map computed) then warm.
    const arts = (await server.store.listArticles({ limit: 1000 })).items.filter((_, i) => i % 50 === 7).slice(0, 15);
    const coldArticle: number[] = [];
    for (const a of arts) coldArticle.push((await get(url, `/articles/${encodeURIComponent(a.id)}`)).ms);
    const warmArticle = await timeRepeated(url, arts.map((a) => `/articles/${encodeURIComponent(a.id)}`));

    // Story lists (they also queue background briefing of the listed stories, which runs meanwhile).
    const list = await timeRepeated(url, ['/', '/?offset=20', '/?offset=4000']);
    const listSearch = await timeRepeated(url, ['/?q=police', '/?q=election', '/?q=government+minister', '/?q=fire*']);
    const listFilter = await timeRepeated(url, ['/?outlet=Reuters', '/?since=2003-01-01&until=2004-12-31', '/?sort=size', '/?outlet=bbc&q=police']);
    const apiList = await timeRepeated(url, ['/api/stories', '/api/stories?q=police', '/api/stories?limit=200']);

    const loaded = await loadSection(url, dbPath, typical.map((s) => `/stories/${s.id}`), server.app.briefer);
    const briefedFirst = { ...server.app.briefer.stats };
    const searchedFirst = searchNote(server);
    // A restart: the briefings computed so far were kept in the store.
    await server.close();
    server = await startServer({ db: dbPath, port: 0, searchWorker: SEARCH_WORKER });
    const url2 = server.url;
    for (let i = 0; i < 100 && !server.app.briefer.idle; i++) await new Promise((res) => setTimeout(res, 100));
    await timeRepeated(url2, ['/static/app.css'], 20);
    const keptTypical: number[] = [];
    for (const s of typical) keptTypical.push((await coldLoad(url2, `/stories/${s.id}`)).ms);
    const keptLargest = await coldLoad(url2, `/stories/${largest.id}`);
    const fromStore = server.app.briefer.stats.fromStore;
    // Everything else briefed in the background (what `crossread serve` does from its start).
    const tw = process.hrtime.bigint();
    await server.app.briefer.warmAll();
    for (let i = 0; i < 6000 && !server.app.briefer.idle; i++) await new Promise((res) => setTimeout(res, 100));
    const warmAllSecs = Number(process.hrtime.bigint() - tw) / 1e9;
    const warmedAll = server.app.briefer.stats.warmed;

    const r = (x: number) => `${(x / baseline.median).toFixed(1)}×`;
    process.stdout.write(
      `store: ${stats.articles} articles in ${stats.stories} stories (dev files replayed; ${builtNote}); ` +
        `typical story opened: ${typicalSize} articles, largest: ${largest.articleCount}\n` +
        `baseline (same run): GET /static/app.css median ${baseline.median.toFixed(2)} ms (p95 ${baseline.p95.toFixed(2)} ms)\n`,
    );
    process.stdout.write(
      table([
        ['request', 'median ms', 'p95 (cold: max) ms', 'vs baseline', 'goal'],
        ['story list, 20 per page (3 pages)', list.median, list.p95, r(list.median), '< 100 ms'],
        ['story list, full-text search', listSearch.median, listSearch.p95, r(listSearch.median), '< 100 ms'],
        ['story list, outlet/date filters, by size', listFilter.median, listFilter.p95, r(listFilter.median), '< 100 ms'],
        ['GET /api/stories', apiList.median, apiList.p95, r(apiList.median), ''],
        [`story page, cold (${typical.length} typical stories; ${pendingTypical} answered "being briefed" first)`, median(coldTypical), Math.max(...coldTypical), r(median(coldTypical)), 'reported'],
        [`story page, cold, largest story (${largest.articleCount} articles): until briefed`, coldLargest.ms, coldLargest.ms, r(coldLargest.ms), 'reported'],
        [`  … its first answer (${coldLargest.pending ? '202 "being briefed"' : 'the briefing'})`, coldLargest.first, coldLargest.first, r(coldLargest.first), ''],
        ['story page, warm (cached briefing)', warmTypical.median, warmTypical.p95, r(warmTypical.median), '< 100 ms'],
        ['story page, warm, largest story', warmLargest.median, warmLargest.p95, r(warmLargest.median), '< 100 ms'],
        [`story page after a restart (briefing kept in the store; ${fromStore} read back)`, median(keptTypical), Math.max(...keptTypical), r(median(keptTypical)), '< 100 ms'],
        ['story page after a restart, largest story', keptLargest.ms, keptLargest.ms, r(keptLargest.ms), '< 100 ms'],
        ['GET /api/stories/:id, warm', apiStory.median, apiStory.p95, r(apiStory.median), ''],
        ['article page, cold (sentence map)', median(coldArticle), Math.max(...coldArticle), r(median(coldArticle)), ''],
        ['article page, warm', warmArticle.median, warmArticle.p95, r(warmArticle.median), ''],
      ]),
    );
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    process.stdout.write(
      `page weight of a story page (HTML + CSS + JS + icon; goal < 300 KB): typical ${kb(htmlTypical + assetBytes)} (HTML ${kb(htmlTypical)}), ` +
        `largest story ${kb(htmlLargest + assetBytes)} (HTML ${kb(htmlLargest)}); assets ${kb(assetBytes)}\n` +
        `briefings computed ${briefedFirst.briefed} (of which background ${briefedFirst.warmed}); after the restart, every other story briefed in the background: ` +
        `${warmedAll} stories in ${warmAllSecs.toFixed(0)} s (${(warmedAll / warmAllSecs).toFixed(1)} stories/s); peak RSS of the server process (worker thread and HTTP client included) ${peakRssMiB().toFixed(0)} MiB\n`,
    );
    process.stdout.write(`${loadReport(loaded, stats.articles)}${searchedFirst}\n`);
  } finally {
    await server?.close();
    agent.destroy();
    await pgDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--build') await build(process.argv[3] as string);
else if (process.argv[2] === '--load') await loadChild();
else if (process.argv[2] === '--copy') await copyInto(process.argv[3] as string, process.argv[4] as string);
else if (process.argv[2] === '--ingest') await ingestFor(process.argv[3] as string, Number(process.argv[4]));
else await main();
