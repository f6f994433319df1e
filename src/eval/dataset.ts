/**
 * Evaluation datasets: JSON Lines, one cluster per line:
 *
 *   {"id": "d30001t", "documents": [{"id": "APW…", "text": "…"}, …],
 *    "references": ["one sentence per line\n…", …],
 *    "anchors": {"DPP": "summary of a published system", …}}
 *
 * `anchors` are optional: summaries of published systems on the same clusters,
 * scored by the same ROUGE code in the same run. A malformed line is recorded as a
 * diagnostic (file:line and the reason) and skipped; the rest of the file is read.
 * Documents become Articles through the ingest stage (`articleFromRecord`), so they
 * are cleaned exactly as any other input.
 */
import type { Article, Diagnostic } from '../types.js';
import { diagnostic, formatBytes } from '../errors.js';
import { articleFromRecord } from '../ingest/index.js';
import { readUserFile } from '../ingest/files.js';
import { isRecord, parseObjectLine } from './jsonl.js';

export interface EvalCluster {
  id: string;
  /** 1-based line number in the dataset file. */
  line: number;
  articles: Article[];
  references: string[];
  anchors: Record<string, string>;
}

export interface Dataset {
  path: string;
  clusters: EvalCluster[];
  diagnostics: Diagnostic[];
}

export interface ReadDatasetOptions {
  /** Read at most this many clusters (the first ones in the file). */
  limit?: number;
  /** Largest dataset file accepted, in bytes (default 512 MiB). */
  maxBytes?: number;
}

export const DEFAULT_DATASET_MAX_BYTES = 512 * 1024 * 1024;


/** Parses one dataset line; returns the cluster or the reason it is unusable. */
export function parseClusterLine(text: string, path: string, line: number): { cluster: EvalCluster | null; diagnostics: Diagnostic[] } {
  const bad = (reason: string) => ({ cluster: null, diagnostics: [diagnostic('error', path, 'DATASET_MALFORMED', path, line, reason)] });
  const parsed = parseObjectLine(text);
  if (parsed.reason !== undefined) return bad(parsed.reason);
  const rec = parsed.record;
  const id = typeof rec.id === 'string' || typeof rec.id === 'number' ? String(rec.id) : `line-${line}`;
  if (!Array.isArray(rec.documents) || rec.documents.length === 0) return bad(`cluster "${id}" has no "documents" array`);
  if (!Array.isArray(rec.references) || rec.references.length === 0 || !rec.references.every((r) => typeof r === 'string' && r.trim())) {
    return bad(`cluster "${id}" needs "references": a non-empty array of non-empty strings`);
  }
  const diagnostics: Diagnostic[] = [];
  const articles: Article[] = [];
  const seen = new Set<string>();
  rec.documents.forEach((d, i) => {
    const where = `${path}:${line} document ${i + 1}`;
    if (!isRecord(d) || typeof d.text !== 'string') {
      diagnostics.push(diagnostic('error', path, 'DATASET_MALFORMED', path, line, `cluster "${id}" document ${i + 1} has no "text" string; skipped`));
      return;
    }
    let docId = typeof d.id === 'string' || typeof d.id === 'number' ? String(d.id) : `${id}-${i + 1}`;
    if (seen.has(docId)) docId = `${docId}~${i + 1}`;
    seen.add(docId);
    const { article, diagnostics: ds } = articleFromRecord(
      {
        id: docId,
        text: d.text,
        title: typeof d.title === 'string' ? d.title : null,
        url: typeof d.url === 'string' ? d.url : null,
        published: typeof d.published === 'string' ? d.published : null,
        cluster: id,
      },
      where,
    );
    diagnostics.push(...ds);
    if (article) articles.push(article);
  });
  if (articles.length === 0) return { cluster: null, diagnostics: [...diagnostics, ...bad(`cluster "${id}" has no usable document`).diagnostics] };
  const anchors: Record<string, string> = {};
  if (rec.anchors !== undefined) {
    if (!isRecord(rec.anchors)) {
      diagnostics.push(diagnostic('warning', path, 'DATASET_MALFORMED', path, line, `cluster "${id}": "anchors" is not an object; ignored`));
    } else {
      for (const [name, s] of Object.entries(rec.anchors)) {
        if (typeof s === 'string') anchors[name] = s;
        else diagnostics.push(diagnostic('warning', path, 'DATASET_MALFORMED', path, line, `cluster "${id}": anchor "${name}" is not a string; ignored`));
      }
    }
  }
  return { cluster: { id, line, articles, references: rec.references as string[], anchors }, diagnostics };
}

/** Reads a dataset file. Throws only when the file itself cannot be read. */
export async function readDataset(path: string, opts: ReadDatasetOptions = {}): Promise<Dataset> {
  const cap = opts.maxBytes ?? DEFAULT_DATASET_MAX_BYTES;
  const text = await readUserFile(path, cap, 'a .jsonl dataset file');
  const clusters: EvalCluster[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  const ids = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    if (opts.limit !== undefined && clusters.length >= opts.limit) break;
    const l = (lines[i] as string).trim();
    if (!l) continue;
    const { cluster, diagnostics: ds } = parseClusterLine(l, path, i + 1);
    diagnostics.push(...ds);
    if (!cluster) continue;
    if (ids.has(cluster.id)) {
      diagnostics.push(diagnostic('warning', path, 'DATASET_MALFORMED', path, i + 1, `cluster id "${cluster.id}" repeats an earlier line; renamed "${cluster.id}@${i + 1}"`));
      cluster.id = `${cluster.id}@${i + 1}`;
    }
    ids.add(cluster.id);
    clusters.push(cluster);
  }
  if (clusters.length === 0) diagnostics.push(diagnostic('error', path, 'DATASET_MALFORMED', path, 0, `no usable cluster in ${formatBytes(Buffer.byteLength(text))}`));
  return { path, clusters, diagnostics };
}
