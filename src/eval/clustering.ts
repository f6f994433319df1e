/**
 * Clustering evaluation (`crossread eval-cluster`): ingest a labelled file into a
 * fresh temporary store in a shuffled order, as a stream would deliver it, and
 * compare the stories with the gold labels.
 *
 * Input lines: `{"id", "label", "text", "published"?, "title"?}` (one document per
 * line), or a summarisation dataset whose lines are clusters
 * (`{"id", "documents": [{"id", "text", …}]}`): each line is then one gold story.
 *
 * Documents the ingest stage rejects (too short, not English) and documents with the
 * same content as an earlier one are part of the evaluation: a rejected document is
 * its own singleton story (the honest prediction for something never stored), a
 * duplicate is in the story of the stored copy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article, Diagnostic } from '../types.js';
import { CrossreadError } from '../errors.js';
import { articleFromRecord } from '../ingest/index.js';
import { readUserFile } from '../ingest/files.js';
import { DEFAULT_DATASET_MAX_BYTES } from './dataset.js';
import { clusterMetrics, type ClusterMetrics } from './cluster-metrics.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { ClusterOptions } from '../stories/cluster.js';
import { mulberry32 } from '../random.js';

export interface GoldDoc {
  id: string;
  label: string;
  text: string;
  title?: string | null;
  published?: string | null;
}

export interface EvalClusterOptions {
  /** Shuffle seed (default 1); the same seed gives the same order. */
  seed?: number;
  /** Articles per store transaction (default 16: a stream delivers small batches). */
  batchSize?: number;
  cluster?: Partial<ClusterOptions>;
  onProgress?: (p: { stage: 'store'; done: number; total: number }) => void;
}

export interface EvalClusterResult extends ClusterMetrics {
  file: string;
  seed: number;
  documents: number;
  /** Documents the ingest stage did not store (each scored as a singleton). */
  rejected: number;
  /** Documents with the same content as an earlier one (scored in the copy's story). */
  duplicates: number;
  seconds: number;
  articlesPerSecond: number;
  diagnostics: Diagnostic[];
}

/** Reads a labelled file: per-document lines or dataset cluster lines. */
export async function readGold(file: string): Promise<GoldDoc[]> {
  const text = await readUserFile(file, DEFAULT_DATASET_MAX_BYTES, 'a .jsonl file of labelled documents');
  const docs: GoldDoc[] = [];
  const ids = new Set<string>();
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line) as Record<string, unknown>;
    } catch (err) {
      throw CrossreadError.of('DATASET_MALFORMED', file, i + 1, `not JSON (${(err as Error).message})`);
    }
    const add = (d: Record<string, unknown>, label: string, where: string): void => {
      if (typeof d.text !== 'string') throw CrossreadError.of('DATASET_MALFORMED', file, i + 1, `${where} has no "text" string`);
      let id = typeof d.id === 'string' || typeof d.id === 'number' ? String(d.id) : `${file}:${i + 1}`;
      if (ids.has(id)) throw CrossreadError.of('DATASET_MALFORMED', file, i + 1, `id "${id}" appears twice`);
      ids.add(id);
      docs.push({
        id,
        label,
        text: d.text,
        ...(typeof d.title === 'string' ? { title: d.title } : {}),
        ...(typeof d.published === 'string' ? { published: d.published } : {}),
      });
    };
    if (Array.isArray(rec.documents)) {
      const label = typeof rec.id === 'string' || typeof rec.id === 'number' ? String(rec.id) : `line-${i + 1}`;
      (rec.documents as unknown[]).forEach((d, j) => {
        if (!d || typeof d !== 'object') throw CrossreadError.of('DATASET_MALFORMED', file, i + 1, `document ${j + 1} is not an object`);
        add(d as Record<string, unknown>, label, `document ${j + 1}`);
      });
    } else {
      if (typeof rec.label !== 'string' && typeof rec.label !== 'number') {
        throw CrossreadError.of('DATASET_MALFORMED', file, i + 1, 'expected a "label" (or a "documents" array of a dataset cluster)');
      }
      add(rec, String(rec.label), 'the line');
    }
  });
  if (docs.length === 0) throw CrossreadError.of('INPUT_EMPTY', file);
  return docs;
}

/** The items in an order fixed by the seed (Fisher–Yates with mulberry32). */
export function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const a = [...xs];
  const r = mulberry32(seed);
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

/** Ingests the documents into a fresh temporary store in shuffled order and scores the stories. */
export async function evaluateClustering(file: string, docs: GoldDoc[], opts: EvalClusterOptions = {}): Promise<EvalClusterResult> {
  const seed = opts.seed ?? 1;
  const batchSize = Math.max(1, opts.batchSize ?? 16);
  const order = shuffle(docs, seed);
  const dir = mkdtempSync(join(tmpdir(), 'crossread-eval-'));
  const store = openSqliteStore(join(dir, 'eval.db'), opts.cluster ? { cluster: opts.cluster } : {});
  const predicted = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  let rejected = 0;
  let duplicates = 0;
  const started = process.hrtime.bigint();
  try {
    const sameAs = new Map<string, string>();
    for (let i = 0; i < order.length; i += batchSize) {
      const batch: Article[] = [];
      for (const d of order.slice(i, i + batchSize)) {
        const { article, diagnostics: diags } = articleFromRecord(
          { id: d.id, text: d.text, ...(d.title !== undefined ? { title: d.title } : {}), ...(d.published ? { published: d.published } : {}) },
          `${file}#${d.id}`,
        );
        if (!article) {
          rejected++;
          predicted.set(d.id, `rejected:${d.id}`);
          diagnostics.push(...diags);
          continue;
        }
        batch.push({ ...article, id: d.id });
      }
      const r = await store.addArticles(batch);
      for (const a of r.added) predicted.set(a.id, a.storyId);
      for (const s of r.skipped) {
        duplicates++;
        sameAs.set(s.id, s.existingId);
      }
      opts.onProgress?.({ stage: 'store', done: Math.min(i + batchSize, order.length), total: order.length });
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // Final assignment: stories may have merged or moved after an article was added.
    for (let offset = 0; ; offset += 1000) {
      const page = await store.listArticles({ limit: 1000, offset });
      for (const a of page.items) if (a.storyId) predicted.set(a.id, a.storyId);
      if (offset + page.items.length >= page.total) break;
    }
    for (const [id, existing] of sameAs) predicted.set(id, predicted.get(existing) ?? `dup:${id}`);
    const gold = new Map(docs.map((d) => [d.id, d.label]));
    const m = clusterMetrics(predicted, gold);
    return {
      file,
      seed,
      documents: docs.length,
      rejected,
      duplicates,
      seconds,
      articlesPerSecond: docs.length / seconds,
      diagnostics,
      ...m,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

