/**
 * Story assignment, the queue's one serial stage, with and without story features
 * precomputed by the read stage.
 *
 * The dev files replayed as in ingest.bench.ts (fresh ids, shifted dates, ~30% of the
 * words varied per round) to CROSSREAD_BENCH_MAX articles (default 10 000), stored in
 * batches of 256 into two fresh stores side by side, batch by batch (so that a change
 * in the machine's load hits both alike):
 * - `extracted`: `addArticles(batch)`, the store extracts the features (the assigner
 *   before features were staged);
 * - `staged`: `addArticles(batch, { features, deferSearch: true })` with the features
 *   decoded from their staged form, as the queue's assigner stores a batch; the decoding
 *   is timed (the assigner does it), extracting and encoding are not (the read stage
 *   does them, in parallel), and are reported apart; so is the search index step
 *   (`indexSearch()` after each batch: the queue's `index` stage, beside the assigner;
 *   SQLite indexes within the write and has nothing left to do).
 * SQLite (a temporary file), and PostgreSQL when a server answers at CROSSREAD_TEST_PG
 * (default postgres://postgres@127.0.0.1:5432/postgres; a fresh database, dropped).
 *
 *   npm run bench -- assign          (CROSSREAD_BENCH_MAX=5000 for a shorter run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFeatures, encodeFeatures, precompute, type EncodedFeatures } from '../src/stories/features.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/store.js';
import type { Article } from '../src/types.js';
import { benchPostgresAnswers, createBenchDatabase } from './pg-database.js';
import { readDevArticles, replay } from './replay.js';
import { table } from './util.js';

const MAX = Number(process.env.CROSSREAD_BENCH_MAX ?? 10_000);
const BATCH = 256;

interface Place {
  location: string;
  drop(): Promise<void>;
}

async function sqlitePlace(): Promise<Place> {
  const dir = mkdtempSync(join(tmpdir(), 'crossread-bench-assign-'));
  return { location: join(dir, 'store.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgresPlace(): Promise<Place> {
  const db = await createBenchDatabase('crossread_assign');
  return { location: db.url, drop: () => db.drop() };
}

const seconds = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e9;

async function main(): Promise<void> {
  const read = readDevArticles();
  if (!read) return;
  const base: Article[] = read.map((r) => r.article);
  const nth = (i: number): Article => {
    const r = Math.floor(i / base.length);
    return replay(base[i % base.length]!, r, { label: `${r}` });
  };
  const backends: Array<[string, () => Promise<Place>]> = [['SQLite', sqlitePlace]];
  if (await benchPostgresAnswers()) backends.push(['PostgreSQL', postgresPlace]);
  const rows: Array<Array<string | number>> = [['store', 'articles', 'extracted: articles/s', 'staged: articles/s', 'speed-up', 'read stage: extract+encode/s', 'index step/s', 'same stories']];
  for (const [name, place] of backends) {
    const places = [await place(), await place()];
    const stores: Store[] = await Promise.all(places.map((p) => openStore(p.location)));
    let extractedS = 0;
    let stagedS = 0;
    let readS = 0;
    let indexS = 0;
    let indexed = 0;
    let same = true;
    try {
      for (let i = 0; i < MAX; i += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, MAX - i) }, (_, k) => nth(i + k));
        // The read stage's work (parallel in a queued run): extract and encode, staged as JSON.
        const tr = process.hrtime.bigint();
        const staged = JSON.stringify(batch.map((a) => encodeFeatures(precompute(a))));
        readS += seconds(tr);
        const te = process.hrtime.bigint();
        const a = await stores[0]!.addArticles(batch);
        extractedS += seconds(te);
        const ts = process.hrtime.bigint();
        const features = (JSON.parse(staged) as EncodedFeatures[]).map((f) => decodeFeatures(f));
        const b = await stores[1]!.addArticles(batch, { features, deferSearch: true });
        stagedS += seconds(ts);
        const ti = process.hrtime.bigint();
        indexed += await stores[1]!.indexSearch();
        indexS += seconds(ti);
        same &&= JSON.stringify(a.added.map((x) => x.storyId)) === JSON.stringify(b.added.map((x) => x.storyId));
        if (process.stderr.isTTY) process.stderr.write(`\r${name} ${i + batch.length}/${MAX}`);
      }
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await Promise.all(places.map((p) => p.drop()));
    }
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    rows.push([name, MAX, MAX / extractedS, MAX / stagedS, extractedS / stagedS, MAX / readS, indexed > 0 ? indexed / indexS : '-', same ? 'yes' : 'NO']);
  }
  process.stdout.write(
    `corpus: ${base.length} dev articles replayed to ${MAX}; batches of ${BATCH}, two fresh stores per backend filled side by side\n` +
      `extracted: addArticles(batch), the store extracts the features (and indexes full text after the write); staged: addArticles(batch, { features, deferSearch: true }) with the staged features decoded (decoding timed), as the assigner stores a batch\n` +
        `index step: indexSearch() after each staged batch, timed apart (the queue's index stage, beside the assigner)\n`,
  );
  process.stdout.write(table(rows));
}

await main();
