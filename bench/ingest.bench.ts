/**
 * Ingest benchmark: articles per second for storing + story assignment as the corpus
 * grows to 1k, 10k and 50k articles, with peak RSS.
 *
 * Corpus: the dev files (Multi-News sample, WikiRef220, DUC 2004) read once through
 * the ingest stage, then replayed with fresh ids and dates shifted by 200 days per
 * round. So that a replay is not a re-ingest of the same text (a no-op by content
 * hash) nor a near-copy, each round rewrites ~30% of the words with round-specific
 * variants: vocabulary grows as in a real stream and replayed stories are new stories.
 *
 * Speed is reported against a baseline measured in the same run: feature extraction
 * alone (the fixed cost every article pays), so `ratio` shows what the store and the
 * story assignment add, and whether that grows with the corpus.
 *
 *   npm run bench -- ingest            (CROSSREAD_BENCH_MAX=10000 for a shorter run)
 *   node --expose-gc --import tsx bench/ingest.bench.ts   (adds the live heap after a GC)
 *
 * 'CPU ms/article' is the process's CPU (user + sys) inside the timed window, per article,
 * and 'GC ms/article' the garbage-collection pauses in it: on a shared machine the CPU
 * figure moves less with the load than the wall-clock rate does. With
 * CROSSREAD_PROFILE_WINDOWS=PREFIX (and `node --cpu-prof`), each checkpoint's window is
 * written to PREFIX.<checkpoint>.json (monotonic µs, the profile's clock) for
 * `scripts/cpuprofile-summary.ts --windows`.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { articleFromRecord } from '../src/ingest/index.js';
import { extractFeatures } from '../src/stories/features.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Article } from '../src/types.js';
import { readDevDocs, replay } from './replay.js';
import { peakRssMiB, table } from './util.js';

const CHECKPOINTS = [1000, 10_000, 50_000].filter((n) => n <= Number(process.env.CROSSREAD_BENCH_MAX ?? 50_000));
/** Articles timed before each checkpoint: the last 1000 at 1k, the last 5000 beyond (less noise on a shared machine). */
const windowOf = (cp: number): number => Math.min(cp, 5000);
const BATCH = 256;

/** Garbage-collection pauses of this process inside the timed store calls, in ms (summed per window). */
let gcInWindow = 0;
let timing = false;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (timing) gcInWindow += e.duration;
}).observe({ entryTypes: ['gc'] });
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  const docs = readDevDocs();
  if (!docs) return;
  const base: Array<{ article: Article; label: string }> = [];
  const t0 = process.hrtime.bigint();
  for (const d of docs) {
    const { article } = articleFromRecord({ id: d.id, text: d.text }, d.id);
    if (article) base.push({ article, label: d.label });
  }
  const ingestStage = base.length / (Number(process.hrtime.bigint() - t0) / 1e9);
  const max = CHECKPOINTS[CHECKPOINTS.length - 1] ?? 0;
  // The stream is generated batch by batch, so the benchmark's own corpus does not inflate the RSS.
  const nth = (i: number): Article => {
    const r = Math.floor(i / base.length);
    const b = base[i % base.length]!;
    return replay(b.article, r, { label: `${r}:${b.label}` });
  };
  const stream = { length: max, slice: (from: number, to: number) => Array.from({ length: Math.max(0, Math.min(to, max) - from) }, (_, k) => nth(from + k)) };

  // Baseline, same run: feature extraction alone on a sample of the stream.
  const sample = stream.slice(0, 2000);
  const tb = process.hrtime.bigint();
  for (const a of sample) extractFeatures(a);
  const baseline = sample.length / (Number(process.hrtime.bigint() - tb) / 1e9);

  const dir = mkdtempSync(join(tmpdir(), 'crossread-bench-'));
  const store = openSqliteStore(join(dir, 'bench.db'));
  const gc = (globalThis as { gc?: () => void }).gc;
  const rows: Array<Array<string | number>> = [
    ['corpus size', 'articles/s (last 1k/5k)', 'ms/article', 'CPU ms/article', 'GC ms/article', 'features only/s', 'ratio', 'stories', 'peak RSS MiB', ...(gc ? ['live heap MiB'] : [])],
  ];
  let stored = 0;
  // Only the store's work is timed: generating the replayed articles is the benchmark's own cost.
  let windowNs = 0;
  let windowCount = 0;
  let windowCpu = 0;
  let windowGc = 0;
  let mono: Array<[number, number]> = [];
  let totalNs = 0;
  for (let i = 0; i < stream.length; i += BATCH) {
    const batch = stream.slice(i, i + BATCH);
    const before = stored;
    // Restart the timing window before each checkpoint.
    for (const cp of CHECKPOINTS) {
      if (before <= cp - windowOf(cp) && before + batch.length > cp - windowOf(cp)) {
        windowNs = 0;
        windowCount = 0;
        windowCpu = 0;
        windowGc = 0;
        mono = [];
      }
    }
    const c0 = cpuMs();
    gcInWindow = 0;
    timing = true;
    const t = process.hrtime.bigint();
    await store.addArticles(batch);
    const t1 = process.hrtime.bigint();
    const ns = Number(t1 - t);
    windowCpu += cpuMs() - c0;
    // GC entries are delivered asynchronously: a pause at the end of a call may be counted with the next one.
    await new Promise((r) => setImmediate(r));
    timing = false;
    windowGc += gcInWindow;
    mono.push([Number(t / 1000n), Number(t1 / 1000n)]);
    windowNs += ns;
    totalNs += ns;
    stored += batch.length;
    windowCount += batch.length;
    for (const cp of CHECKPOINTS) {
      if (before < cp && stored >= cp) {
        const secs = windowNs / 1e9;
        const rate = windowCount / secs;
        // The baseline again, right here: the machine's load may have changed since the start.
        const probe = stream.slice(Math.max(0, stored - 500), stored);
        const tp = process.hrtime.bigint();
        for (const a of probe) extractFeatures(a);
        const localBaseline = probe.length / (Number(process.hrtime.bigint() - tp) / 1e9);
        const stats = await store.stats();
        const live = gc ? (gc(), [process.memoryUsage().heapUsed / 1048576]) : [];
        if (process.env.CROSSREAD_PROFILE_WINDOWS) writeFileSync(`${process.env.CROSSREAD_PROFILE_WINDOWS}.${cp}.json`, JSON.stringify(mono));
        rows.push([cp, rate, (1000 * secs) / windowCount, windowCpu / windowCount, windowGc / windowCount, localBaseline, rate / localBaseline, stats.stories, peakRssMiB(), ...live]);
      }
    }
    if (process.stderr.isTTY) process.stderr.write(`\r${stored}/${stream.length}`);
  }
  const total = totalNs / 1e9;
  await store.close();
  // What was stored, as a digest (each article's story, in order): two versions of the code that group alike print the same.
  const db = new Database(join(dir, 'bench.db'), { readonly: true });
  const digest = createHash('sha256');
  for (const [id, story] of db.prepare('SELECT id, story_id FROM articles ORDER BY seq').raw().iterate() as IterableIterator<[string, string]>) digest.update(`${id}\t${story}\n`);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  process.stdout.write(
    `corpus: ${base.length} dev articles replayed to ${stream.length} (fresh ids, dates +200 days per round, ~30% words varied)\n` +
      `baseline (same run): feature extraction alone ${baseline.toFixed(0)} articles/s at the start, and again at each checkpoint ('features only/s'; ratio = store+assign / that); ingest stage (cleaning, metadata) ${ingestStage.toFixed(0)} articles/s\n` +
      `store + story assignment, batches of ${BATCH}, one SQLite transaction each:\n`,
  );
  process.stdout.write(table(rows));
  process.stdout.write(`whole run: ${stream.length} articles stored in ${total.toFixed(1)} s of store time (${(stream.length / total).toFixed(0)} articles/s; generating the replayed articles not counted)\n`);
  process.stdout.write(`stories digest (each article's story): ${digest.digest('hex').slice(0, 16)}\n`);
}

await main();
