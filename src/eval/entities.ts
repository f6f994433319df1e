/**
 * `crossread eval-entities`: runs the analysis stage on every dataset cluster that the
 * labels name (all of the cluster's documents, as a briefing would), maps the system's
 * mentions back to the dataset's raw offsets (./entities-align.ts) and scores them
 * against the gold labels (./entity-metrics.ts).
 */
import { resolve } from 'node:path';
import type { Diagnostic } from '../types.js';
import { diagnostic } from '../errors.js';
import { readUserFile } from '../ingest/files.js';
import { annotate } from '../text/nlp.js';
import { analyzeStoryDetailed } from '../analysis/index.js';
import { parseClusterLine } from './dataset.js';
import { readEntityLabels, type EntityLabel } from './entities-labels.js';
import { OffsetMap } from './entities-align.js';
import { scoreEntities, type EntityScores, type GoldMention, type SystemMention } from './entity-metrics.js';

export interface EntityEvalOptions {
  /** Folder the labels' `dataset` names are resolved against. */
  dataDir: string;
  onProgress?: (p: { stage: string; done: number; total: number; final?: boolean }) => void;
}

export interface EntityEvalResult {
  labels: string;
  clusters: number;
  documents: number;
  /** System mentions in labelled documents whose offsets could not be mapped to the raw text. */
  unaligned: number;
  scores: EntityScores;
  seconds: number;
  diagnostics: Diagnostic[];
}

interface RawDoc {
  id: string;
  text: string;
}

/** Reads the lines of a dataset file whose cluster ids are wanted. */
async function clusterLines(path: string, wanted: Set<string>): Promise<Map<string, { line: number; text: string }>> {
  const text = await readUserFile(path, 512 * 1024 * 1024, 'a .jsonl dataset file');
  const out = new Map<string, { line: number; text: string }>();
  text.split('\n').forEach((l, i) => {
    const m = /"id"\s*:\s*"([^"]*)"/.exec(l.slice(0, 200));
    if (m && wanted.has(m[1] as string) && !out.has(m[1] as string)) out.set(m[1] as string, { line: i + 1, text: l });
  });
  return out;
}

export async function evaluateEntities(labelsPath: string, opts: EntityEvalOptions): Promise<EntityEvalResult> {
  const t0 = performance.now();
  const { labels, diagnostics } = await readEntityLabels(labelsPath);
  const byCluster = new Map<string, EntityLabel[]>();
  for (const l of labels) {
    const k = `${l.dataset}\u0000${l.cluster}`;
    byCluster.set(k, [...(byCluster.get(k) ?? []), l]);
  }
  const datasets = new Map<string, Set<string>>();
  for (const l of labels) datasets.set(l.dataset, (datasets.get(l.dataset) ?? new Set()).add(l.cluster));
  const gold: GoldMention[] = [];
  const system: SystemMention[] = [];
  let unaligned = 0;
  let done = 0;
  const labelledDocs = new Set<string>();
  for (const [dataset, clusters] of datasets) {
    const path = resolve(opts.dataDir, dataset);
    const lines = await clusterLines(path, clusters);
    for (const cluster of clusters) {
      opts.onProgress?.({ stage: 'clusters', done: done++, total: byCluster.size });
      const ls = byCluster.get(`${dataset}\u0000${cluster}`) as EntityLabel[];
      const entry = lines.get(cluster);
      if (!entry) {
        diagnostics.push(diagnostic('error', labelsPath, 'CLUSTER_NOT_FOUND', path, cluster));
        continue;
      }
      const parsed = parseClusterLine(entry.text, path, entry.line);
      diagnostics.push(...parsed.diagnostics.filter((d) => d.level === 'error'));
      if (!parsed.cluster) continue;
      const rawDocs = new Map<string, string>();
      for (const d of (JSON.parse(entry.text) as { documents: RawDoc[] }).documents) if (!rawDocs.has(String(d.id))) rawDocs.set(String(d.id), d.text);
      const q = (doc: string) => `${dataset}/${cluster}/${doc}`;
      for (const l of ls) {
        const raw = rawDocs.get(l.doc);
        if (raw === undefined || l.end > raw.length) {
          diagnostics.push(diagnostic('error', labelsPath, 'DATASET_MALFORMED', labelsPath, l.line, raw === undefined ? `no document "${l.doc}" in cluster "${cluster}"` : `offsets ${l.start}–${l.end} are past the end of document "${l.doc}" (${raw.length} characters)`));
          continue;
        }
        labelledDocs.add(q(l.doc));
        gold.push({ doc: q(l.doc), start: l.start, end: l.end, type: l.type, entity: l.entity ? `${dataset}/${cluster}/${l.entity}` : null });
      }
      const docs = parsed.cluster.articles.map(annotate);
      const { detail } = analyzeStoryDetailed(docs);
      const maps = new Map(docs.map((d) => [d.article.id, new OffsetMap(d.article.text, rawDocs.get(d.article.id) ?? '')]));
      for (const e of detail.index.entities) {
        for (const m of e.mentions) {
          if (!labelledDocs.has(q(m.articleId))) continue;
          const span = maps.get(m.articleId)?.span(m.start, m.end);
          if (!span) {
            unaligned++;
            continue;
          }
          system.push({ doc: q(m.articleId), start: span[0], end: span[1], entity: `${dataset}/${cluster}/${e.id}`, type: e.type, text: m.text });
        }
      }
    }
  }
  opts.onProgress?.({ stage: 'clusters', done, total: byCluster.size, final: true });
  return {
    labels: labelsPath,
    clusters: byCluster.size,
    documents: labelledDocs.size,
    unaligned,
    scores: scoreEntities(gold, system),
    seconds: (performance.now() - t0) / 1000,
    diagnostics,
  };
}
