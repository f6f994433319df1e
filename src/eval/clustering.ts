/**
 * Clustering evaluation (`crossread eval-cluster`): ingest a labelled file into a
 * fresh temporary store in a shuffled order, as a stream would deliver it, and
 * compare the stories with the gold labels.
 *
 * Input lines: `{"id", "label", "text", "published"?, "title"?}` (one document per
 * line; `"labels": [...]` for a document of several stories), or a summarisation
 * dataset whose lines are clusters (`{"id", "documents": [{"id", "text", …}]}`): each
 * line is then one gold story. A document may belong to several gold stories: the same
 * id on several lines (or in several clusters) gathers its labels, and it is one
 * document, ingested once. Its text must be the same on every line. B-cubed is then
 * extended B-cubed (Amigó et al. 2009, `../eval/extended-bcubed.ts`), which is ordinary
 * B-cubed when every document has one label; pairwise F1 and ARI are defined for
 * partitions only and are left out (null) when gold stories overlap.
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
import { extendedBcubed } from './extended-bcubed.js';
import { storyMixing, type StoryMixing } from './story-mixing.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.js';
import type { ClusterOptions } from '../stories/cluster.js';
import { mulberry32 } from '../random.js';

export interface GoldDoc {
  id: string;
  /** The gold stories it belongs to (one or more, distinct). */
  labels: string[];
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
  /**
   * Close the store and open it again after every this many batches (0 or absent: never):
   * a stream ingested in several runs, each writer starting from what the store keeps.
   */
  reopenEvery?: number;
  onProgress?: (p: { stage: 'store'; done: number; total: number }) => void;
}

export interface EvalClusterResult extends Omit<ClusterMetrics, 'pairwise' | 'ari'>, StoryMixing {
  file: string;
  seed: number;
  documents: number;
  /** Documents with more than one gold story. */
  overlappingGold: number;
  /** How B-cubed was computed: extended B-cubed, equal to ordinary B-cubed when no gold stories overlap. */
  bcubedMethod: 'extended B-cubed (Amigó et al. 2009)';
  /** Pairwise F1 and ARI need one gold story per document: null when gold stories overlap. */
  pairwise: ClusterMetrics['pairwise'] | null;
  ari: number | null;
  /** Documents the ingest stage did not store (each scored as a singleton). */
  rejected: number;
  /** Documents with the same content as an earlier one (scored in the copy's story). */
  duplicates: number;
  seconds: number;
  articlesPerSecond: number;
  diagnostics: Diagnostic[];
}

/**
 * Reads a labelled file: per-document lines (`label`, or `labels` for several) or dataset
 * cluster lines. A document id seen again adds its labels to the first one (a label seen
 * twice counts once); the text must be the same.
 */
export async function readGold(file: string): Promise<GoldDoc[]> {
  const text = await readUserFile(file, DEFAULT_DATASET_MAX_BYTES, 'a .jsonl file of labelled documents');
  const docs = new Map<string, GoldDoc>();
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line) as Record<string, unknown>;
    } catch (err) {
      throw CrossreadError.of('DATASET_MALFORMED', file, i + 1, `not JSON (${(err as Error).message})`);
    }
    const add = (d: Record<string, unknown>, labels: string[], where: string): void => {
      if (typeof d.text !== 'string') throw CrossreadError.of('DATASET_MALFORMED', file, i + 1, `${where} has no "text" string`);
      const id = typeof d.id === 'string' || typeof d.id === 'number' ? String(d.id) : `${file}:${i + 1}`;
      const seen = docs.get(id);
      if (seen) {
        if (seen.text !== d.text) {
          throw CrossreadError.of('DATASET_MALFORMED', file, i + 1, `id "${id}" appears twice with different texts (a document in several stories must have one text)`);
        }
        for (const l of labels) if (!seen.labels.includes(l)) seen.labels.push(l);
        return;
      }
      docs.set(id, {
        id,
        labels: [...new Set(labels)],
        text: d.text,
        ...(typeof d.title === 'string' ? { title: d.title } : {}),
        ...(typeof d.published === 'string' ? { published: d.published } : {}),
      });
    };
    if (Array.isArray(rec.documents)) {
      const label = typeof rec.id === 'string' || typeof rec.id === 'number' ? String(rec.id) : `line-${i + 1}`;
      (rec.documents as unknown[]).forEach((d, j) => {
        if (!d || typeof d !== 'object') throw CrossreadError.of('DATASET_MALFORMED', file, i + 1, `document ${j + 1} is not an object`);
        add(d as Record<string, unknown>, [label], `document ${j + 1}`);
      });
    } else {
      add(rec, lineLabels(rec, file, i + 1), 'the line');
    }
  });
  if (docs.size === 0) throw CrossreadError.of('INPUT_EMPTY', file);
  return [...docs.values()];
}

/** The gold labels of a per-document line: `label`, or a non-empty `labels` array of strings or numbers. */
function lineLabels(rec: Record<string, unknown>, file: string, line: number): string[] {
  const isLabel = (x: unknown): x is string | number => typeof x === 'string' || typeof x === 'number';
  if (rec.labels !== undefined) {
    if (rec.label !== undefined) throw CrossreadError.of('DATASET_MALFORMED', file, line, 'has both "label" and "labels" (give one)');
    if (!Array.isArray(rec.labels) || rec.labels.length === 0 || !rec.labels.every(isLabel)) {
      throw CrossreadError.of('DATASET_MALFORMED', file, line, `"labels" must be a non-empty array of strings or numbers (got ${JSON.stringify(rec.labels)})`);
    }
    return rec.labels.map(String);
  }
  if (!isLabel(rec.label)) throw CrossreadError.of('DATASET_MALFORMED', file, line, 'expected a "label" (or a "documents" array of a dataset cluster)');
  return [String(rec.label)];
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
  const open = (): SqliteStore => openSqliteStore(join(dir, 'eval.db'), opts.cluster ? { cluster: opts.cluster } : {});
  const reopenEvery = Math.max(0, Math.floor(opts.reopenEvery ?? 0));
  let store = open();
  const predicted = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  let rejected = 0;
  let duplicates = 0;
  const started = process.hrtime.bigint();
  try {
    const sameAs = new Map<string, string>();
    for (let i = 0, batches = 0; i < order.length; i += batchSize) {
      if (reopenEvery > 0 && batches > 0 && batches % reopenEvery === 0) {
        await store.close();
        store = open();
      }
      batches++;
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
    const gold = new Map(docs.map((d) => [d.id, d.labels]));
    const b = extendedBcubed(new Map([...predicted].map(([id, s]) => [id, [s]])), gold);
    // Pairwise F1 and ARI are defined on partitions: only when every document has one gold story.
    const partition = b.overlappingGold === 0 ? clusterMetrics(predicted, new Map(docs.map((d) => [d.id, d.labels[0] as string]))) : null;
    return {
      file,
      seed,
      documents: docs.length,
      items: b.items,
      predictedClusters: b.predictedClusters,
      goldClusters: b.goldClusters,
      overlappingGold: b.overlappingGold,
      bcubedMethod: 'extended B-cubed (Amigó et al. 2009)',
      bcubed: { precision: b.precision, recall: b.recall, f1: b.f1 },
      pairwise: partition?.pairwise ?? null,
      ari: partition?.ari ?? null,
      ...storyMixing(predicted, gold),
      rejected,
      duplicates,
      seconds,
      articlesPerSecond: docs.length / seconds,
      diagnostics,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

