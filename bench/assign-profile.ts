/**
 * Where the serial assignment's time goes on PostgreSQL (a diagnostic, not a bench
 * scenario: its name does not end in .bench.ts, so `npm run bench` does not run it).
 *
 * The assign bench's stream (dev files replayed to CROSSREAD_BENCH_MAX articles, default
 * 5000) is stored in batches of 256 with staged features and content hashes and
 * `deferSearch` (the assigner's path) into a fresh PostgreSQL database, the index step (search vectors, story headlines) run after
 * each batch and timed apart, and the assignment's time is split into:
 * - each SQL statement's wall time as the client sees it (round trip + server), summed
 *   by statement (the first 90 characters of its text), with its count;
 * - the server's CPU: utime + stime of this database's backends (/proc, same machine);
 * - the rest: this process's JavaScript (the clusterer, rows, encoding).
 * Last, the articles' texts are sent by this process into a scratch table with pglz or
 * lz4 compression, as `unnest` arrays or multi-row VALUES, the server's CPU timed.
 * Before that, the article rows are inserted again into copies of the table: with the full-text
 * vector as a generated column with its GIN index (the layout of schema version 1, when
 * the assigner's INSERT computed it), without its GIN index, and plain (version 2), so
 * that the server's time spent on the vector and the GIN index is measured on the same
 * rows.
 *
 *   CROSSREAD_BENCH_MAX=5000 node --import tsx bench/assign-profile.ts
 *   CROSSREAD_BENCH_BATCH=10 …   (batches of 10: the per-batch costs of a trickle of small inputs)
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/assign-profile.ts   (JavaScript by function)
 *   CROSSREAD_PROFILE_WINDOWS=/tmp/prof/windows.json …   (also writes the timed windows of the
 *     assignment, monotonic µs as in the profile, for `scripts/cpuprofile-summary.ts --windows`)
 *   CROSSREAD_HEAP_PROFILE=/tmp/prof/assign.heapprofile …   (what the assignment allocates: V8's
 *     sampling heap profiler, counting the objects collected since, run during `addArticles`
 *     only; summarised by `scripts/heapprofile-summary.ts`)
 */
import { Session } from 'node:inspector/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import pg from 'pg';
import { decodeFeatures, encodeFeatures, precompute, type EncodedFeatures } from '../src/stories/features.js';
import { openStore } from '../src/store/index.js';
import { contentHash } from '../src/store/content-hash.js';
import type { Article } from '../src/types.js';
import { SEARCH_VECTOR } from '../src/store/postgres/schema.js';
import { createBenchDatabase } from './pg-database.js';
import { readDevArticles, replay } from './replay.js';
import { table } from './util.js';

const MAX = Number(process.env.CROSSREAD_BENCH_MAX ?? 5000);
/** Articles per batch (default 256, the assigner's; a steady trickle of small inputs stores smaller ones). */
const BATCH = Number(process.env.CROSSREAD_BENCH_BATCH ?? 256);
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

const stats = new Map<string, { n: number; ms: number }>();
let measuring = false;
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const r = original.apply(this, args);
  if (!measuring || !(r instanceof Promise)) return r;
  const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string }).text ?? '?');
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
  const t = process.hrtime.bigint();
  return r.finally(() => {
    const s = stats.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += Number(process.hrtime.bigint() - t) / 1e6;
    stats.set(key, s);
  });
};

/** Garbage-collection pauses of this process (start, duration in ms), summed later over the timed windows. */
const gcPauses: Array<[number, number]> = [];
/** With CROSSREAD_HEAP_PROFILE: one sampling heap profile per `addArticles` call. */
const heapSamples: unknown[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push([e.startTime, e.duration]);
}).observe({ entryTypes: ['gc'] });

function cpuOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const x = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(x[11]) + Number(x[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const read = readDevArticles();
  if (!read) return;
  const base: Article[] = read.map((r) => r.article);
  const articles = Array.from({ length: MAX }, (_, i) => {
    const r = Math.floor(i / base.length);
    return replay(base[i % base.length]!, r, { label: `${r}` });
  });
  // What the read stage stages (src/queue/read-input.ts): features and content hashes.
  const staged = articles.map((a) => JSON.stringify(encodeFeatures(precompute(a))));
  const hashes = articles.map((a) => contentHash(a.text));
  const db = await createBenchDatabase('crossread_profile');
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  try {
    const store = await openStore(db.url);
    const backends = async (): Promise<number[]> =>
      (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows.map((r) => r.pid);
    // CPU seconds of this database's backends now (pool connections appear as they are opened: counted from their start).
    const serverNow = async (): Promise<number> => (await Promise.all((await backends()).map(async (pid) => cpuOf(pid)))).reduce((x, y) => x + y, 0);
    let serverCpu = 0;
    let indexServerCpu = 0;
    let wall = 0;
    let indexWall = 0;
    let assignCpu = 0;
    /** The timed windows (performance.now()), for the garbage collection inside them. */
    const windows: Array<[number, number]> = [];
    /** The same windows in monotonic µs (the clock of a `--cpu-prof` profile). */
    const monoWindows: Array<[number, number]> = [];
    let indexCpu = 0;
    const usage = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    };
    const heapFile = process.env.CROSSREAD_HEAP_PROFILE;
    const session = heapFile ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('HeapProfiler.enable');
    }
    for (let i = 0; i < MAX; i += BATCH) {
      const batch = articles.slice(i, i + BATCH);
      const features = staged.slice(i, i + BATCH).map((f) => decodeFeatures(JSON.parse(f) as EncodedFeatures));
      const s0 = await serverNow();
      const c0 = usage();
      measuring = true;
      const t = process.hrtime.bigint();
      const p0 = performance.now();
      if (session) await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      await store.addArticles(batch, { features, contentHashes: hashes.slice(i, i + BATCH), deferSearch: true });
      if (session) heapSamples.push((await session.post('HeapProfiler.stopSampling')).profile);
      windows.push([p0, performance.now()]);
      const t1 = process.hrtime.bigint();
      monoWindows.push([Number(t / 1000n), Number(t1 / 1000n)]);
      wall += Number(t1 - t) / 1e9;
      measuring = false;
      const c1 = usage();
      const s1 = await serverNow();
      const ti = process.hrtime.bigint();
      await store.indexSearch();
      indexWall += Number(process.hrtime.bigint() - ti) / 1e9;
      const c2 = usage();
      const s2 = await serverNow();
      assignCpu += c1 - c0;
      indexCpu += c2 - c1;
      serverCpu += s1 - s0;
      indexServerCpu += s2 - s1;
    }
    await store.close();
    if (session && heapFile) {
      writeFileSync(heapFile, JSON.stringify(heapSamples));
      session.disconnect();
    }
    if (process.env.CROSSREAD_PROFILE_WINDOWS) writeFileSync(process.env.CROSSREAD_PROFILE_WINDOWS, JSON.stringify(monoWindows));
    await new Promise((r) => setTimeout(r, 50));
    const gcMs = gcPauses.filter(([at]) => windows.some(([a, b]) => at >= a && at < b)).reduce((x, [, d]) => x + d, 0);
    // What was stored, as a digest: every article's story and every story row's listed
    // fields (not its times), so that two builds can be shown to store the same thing.
    const stored = await admin.query<{ x: string }>(
      `SELECT md5(string_agg(id || ':' || COALESCE(story_id, '-'), ',' ORDER BY seq)) || ' ' ||
        (SELECT md5(string_agg(concat_ws('|', id, headline, article_count, lineage_count, date_from, date_to, sort_from, sort_to, outlets), ',' ORDER BY id)) FROM stories) AS x FROM articles`,
    );
    const sqlMs = [...stats.values()].reduce((s, x) => s + x.ms, 0);
    const rows: Array<Array<string | number>> = [['statement (first 90 characters)', 'count', 'ms total', 'ms per article']];
    for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) rows.push([k, s.n, s.ms.toFixed(0), (s.ms / MAX).toFixed(3)]);
    process.stdout.write(
      `${MAX} articles in batches of ${BATCH}, staged features: ${(MAX / wall).toFixed(0)} articles/s, ${((wall * 1000) / MAX).toFixed(2)} ms per article (wall)\n` +
        `  SQL statements (client wall, round trip + server): ${(sqlMs / MAX).toFixed(2)} ms per article\n` +
        `  the rest (JavaScript in this process: clusterer, rows, encoding): ${((wall * 1000 - sqlMs) / MAX).toFixed(2)} ms per article\n` +
        `  CPU: this process ${((assignCpu * 1000) / MAX).toFixed(2)} ms per article, the database's backends ${((serverCpu * 1000) / MAX).toFixed(2)} ms per article; ` +
        `garbage collection pauses in this process ${(gcMs / MAX).toFixed(3)} ms per article\n` +
        `index step (search vectors and story headlines), after each batch (not part of the assignment): ${(MAX / indexWall).toFixed(0)} articles/s, ${((indexWall * 1000) / MAX).toFixed(2)} ms per article (wall); ` +
        `CPU: this process ${((indexCpu * 1000) / MAX).toFixed(2)}, the backends ${((indexServerCpu * 1000) / MAX).toFixed(2)} ms per article\n` +
        `stored (md5 of the articles' stories, md5 of the story rows): ${stored.rows[0]!.x}\n`,
    );
    process.stdout.write(table(rows));
    // The article INSERT's server cost by part: the same rows into copies of the table.
    const generated = `ALTER TABLE p ADD COLUMN search tsvector GENERATED ALWAYS AS (${SEARCH_VECTOR.replace(/\ba\./g, '')}) STORED`;
    const variants: Array<[string, string]> = [
      ['schema 1: generated tsvector + GIN + the other indexes', `CREATE TABLE p (LIKE articles INCLUDING ALL); ${generated}; CREATE INDEX p_search ON p USING GIN (search)`],
      ['generated tsvector, no GIN index', `CREATE TABLE p (LIKE articles INCLUDING ALL); ${generated}`],
      ['schema 2: plain rows + the other indexes', 'CREATE TABLE p (LIKE articles INCLUDING ALL)'],
      ['plain rows, no indexes but the keys', 'CREATE TABLE p (LIKE articles INCLUDING DEFAULTS INCLUDING CONSTRAINTS)'],
    ];
    const cols = (await admin.query<{ c: string }>("SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS c FROM information_schema.columns WHERE table_name = 'articles'")).rows[0]!.c;
    const ins: Array<Array<string | number>> = [['article rows inserted again into', 'ms per article (server)']];
    for (const [name, ddl] of variants) {
      await admin.query('DROP TABLE IF EXISTS p');
      await admin.query(ddl.replace(/;/g, ';\n'));
      await admin.query('CHECKPOINT').catch(() => {});
      const r = await admin.query<{ 'QUERY PLAN': Array<{ 'Execution Time': number }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) INSERT INTO p (${cols}) SELECT ${cols} FROM articles ORDER BY seq`);
      ins.push([name, (r.rows[0]!['QUERY PLAN'][0]!['Execution Time'] / MAX).toFixed(3)]);
    }
    await admin.query('DROP TABLE IF EXISTS p');
    process.stdout.write(table(ins));
    // How the rows are sent and compressed: this process inserts the texts of the stream's
    // articles (id, raw text, text, title) in statements of 256 rows, the server's CPU timed.
    const pid = (await admin.query<{ p: number }>('SELECT pg_backend_pid() AS p')).rows[0]!.p;
    const send: Array<Array<string | number>> = [['article texts sent (256 rows a statement)', 'server CPU ms per article', 'this process CPU ms per article']];
    for (const compression of ['pglz', 'lz4']) {
      for (const mode of ['unnest arrays', 'multi-row VALUES']) {
        await admin.query('DROP TABLE IF EXISTS p');
        await admin.query(`CREATE TABLE p (seq bigint PRIMARY KEY, id text UNIQUE, raw_text text COMPRESSION ${compression} NOT NULL, text text COMPRESSION ${compression} NOT NULL, title text)`);
        const s0 = cpuOf(pid);
        const c0 = process.cpuUsage();
        for (let i = 0; i < MAX; i += BATCH) {
          const rows = articles.slice(i, i + BATCH).map((a, k) => [i + k + 1, `${a.id}#${i + k}`, a.rawText, a.text, a.title]);
          if (mode === 'unnest arrays') {
            await admin.query('INSERT INTO p SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])', [0, 1, 2, 3, 4].map((j) => rows.map((r) => r[j])));
          } else {
            const params: unknown[] = [];
            await admin.query(`INSERT INTO p VALUES ${rows.map((r) => `(${r.map((x) => `$${params.push(x)}`).join(', ')})`).join(', ')}`, params);
          }
        }
        const c = process.cpuUsage(c0);
        send.push([`${compression}, ${mode}`, (((cpuOf(pid) - s0) * 1000) / MAX).toFixed(3), ((c.user + c.system) / 1000 / MAX).toFixed(3)]);
      }
    }
    await admin.query('DROP TABLE IF EXISTS p');
    process.stdout.write(table(send));
  } finally {
    await admin.end();
    await db.drop();
  }
}

await main();
