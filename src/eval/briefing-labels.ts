/**
 * Labelled briefings: hand labels of what a briefing of a cluster should find.
 *
 * JSON Lines, one object per line:
 *
 *   {"id": "<cluster id or pile name>",
 *    "source": {"file": "multinews-val-sample.jsonl"} | {"dir": "labels/piles/<name>"},
 *    "figures":   [{"what", "kind": "conflict"|"update"|"compatible",
 *                   "positions": [{"article","start","end","value","unit","by"}]}],
 *    "disputes":  [{"claim": {"article","start","end"}, "denial": {…}, "claimant", "denier"}],
 *    "lineages":  [["<articleId>", "<articleId>", …]],
 *    "headline":  {"ok": [{"article","start","end"}]}}
 *
 * Offsets are character offsets into the document text as the dataset line gives it
 * (or the pile file's text). Lines with the same id are merged, each section taken
 * from the line that has it. A section present (even `[]`) means the cluster is fully
 * labelled for it; an absent section is not scored. Only ids, offsets and values are
 * kept: never article text.
 *
 * A malformed line or item is a diagnostic naming file:line and the reason; the rest
 * of the file is read.
 */
import type { Diagnostic } from '../types.js';
import { diagnostic } from '../errors.js';
import { readUserFile } from '../ingest/files.js';
import { isRecord, parseObjectLine } from './jsonl.js';

export interface LabelSpan {
  article: string;
  start: number;
  end: number;
}

export interface FigurePosition extends LabelSpan {
  value: number;
  unit: string | null;
  by: string | null;
}

export type FigureKind = 'conflict' | 'update' | 'compatible';

export interface FigureLabel {
  what: string;
  kind: FigureKind;
  positions: FigurePosition[];
}

export interface DisputeLabel {
  claim: LabelSpan;
  denial: LabelSpan;
  claimant: string;
  denier: string;
}

export type LabelSource = { file: string } | { dir: string };

export interface LabelledCluster {
  id: string;
  source: LabelSource;
  figures?: FigureLabel[];
  disputes?: DisputeLabel[];
  lineages?: string[][];
  headline?: { ok: LabelSpan[] };
  /** Where the lines of this cluster came from (`file:line`). */
  origin: string[];
}

const FIGURE_KINDS = new Set<string>(['conflict', 'update', 'compatible']);


function span(x: unknown): LabelSpan | string {
  if (!isRecord(x)) return 'expected an object {article, start, end}';
  if (typeof x.article !== 'string' || !x.article) return '"article" must be a non-empty string';
  if (!Number.isInteger(x.start) || !Number.isInteger(x.end)) return '"start" and "end" must be whole numbers';
  const start = x.start as number;
  const end = x.end as number;
  if (start < 0 || end <= start) return `span ${start}–${end} is empty or negative`;
  return { article: x.article, start, end };
}

function figure(x: unknown): FigureLabel | string {
  if (!isRecord(x)) return 'a figure must be an object';
  if (typeof x.kind !== 'string' || !FIGURE_KINDS.has(x.kind)) return `figure kind "${String(x.kind)}" is not conflict, update or compatible`;
  if (!Array.isArray(x.positions) || x.positions.length < 2) return 'a figure needs at least two positions';
  const positions: FigurePosition[] = [];
  for (const p of x.positions) {
    const s = span(p);
    if (typeof s === 'string') return `figure position: ${s}`;
    const r = p as Record<string, unknown>;
    if (typeof r.value !== 'number' || !Number.isFinite(r.value)) return 'figure position: "value" must be a number';
    positions.push({
      ...s,
      value: r.value,
      unit: typeof r.unit === 'string' ? r.unit : null,
      by: typeof r.by === 'string' ? r.by : null,
    });
  }
  return { what: typeof x.what === 'string' ? x.what : '', kind: x.kind as FigureKind, positions };
}

function dispute(x: unknown): DisputeLabel | string {
  if (!isRecord(x)) return 'a dispute must be an object';
  const claim = span(x.claim);
  if (typeof claim === 'string') return `dispute claim: ${claim}`;
  const denial = span(x.denial);
  if (typeof denial === 'string') return `dispute denial: ${denial}`;
  return {
    claim,
    denial,
    claimant: typeof x.claimant === 'string' ? x.claimant : '',
    denier: typeof x.denier === 'string' ? x.denier : '',
  };
}

/** Parses one line; returns the partial cluster (sections it has) or the reason it is unusable. */
export function parseLabelLine(text: string, path: string, line: number): { cluster: LabelledCluster | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const bad = (reason: string) => ({ cluster: null, diagnostics: [diagnostic('error', path, 'LABELS_MALFORMED', path, line, reason)] });
  const warn = (reason: string) => diagnostics.push(diagnostic('warning', path, 'LABELS_MALFORMED', path, line, reason));
  const parsed = parseObjectLine(text);
  if (parsed.reason !== undefined) return bad(parsed.reason);
  const rec = parsed.record;
  if (typeof rec.id !== 'string' || !rec.id) return bad('"id" must be a non-empty string');
  const src = rec.source;
  let source: LabelSource;
  if (isRecord(src) && typeof src.file === 'string' && src.file) source = { file: src.file };
  else if (isRecord(src) && typeof src.dir === 'string' && src.dir) source = { dir: src.dir };
  else return bad(`cluster "${rec.id}": "source" must be {"file": …} or {"dir": …}`);
  const cluster: LabelledCluster = { id: rec.id, source, origin: [`${path}:${line}`] };
  // Each labelled item is read on its own: a bad one is skipped with a warning, the rest kept.
  const items = <T>(key: 'figures' | 'disputes', what: string, read: (x: unknown) => T | string): T[] | string | undefined => {
    const list = rec[key];
    if (list === undefined) return undefined;
    if (!Array.isArray(list)) return `cluster "${rec.id}": "${key}" must be an array`;
    const out: T[] = [];
    list.forEach((x, i) => {
      const r = read(x);
      if (typeof r === 'string') warn(`cluster "${rec.id}" ${what} ${i + 1}: ${r}; skipped`);
      else out.push(r);
    });
    return out;
  };
  const figures = items('figures', 'figure', figure);
  if (typeof figures === 'string') return bad(figures);
  if (figures) cluster.figures = figures;
  const disputes = items('disputes', 'dispute', dispute);
  if (typeof disputes === 'string') return bad(disputes);
  if (disputes) cluster.disputes = disputes;
  if (rec.lineages !== undefined) {
    if (!Array.isArray(rec.lineages) || !rec.lineages.every((g) => Array.isArray(g) && g.every((a) => typeof a === 'string'))) {
      return bad(`cluster "${rec.id}": "lineages" must be an array of arrays of article ids`);
    }
    cluster.lineages = (rec.lineages as string[][]).filter((g) => new Set(g).size >= 2).map((g) => [...new Set(g)]);
  }
  if (rec.headline !== undefined) {
    if (!isRecord(rec.headline) || !Array.isArray(rec.headline.ok)) return bad(`cluster "${rec.id}": "headline" must be {"ok": [spans]}`);
    const ok: LabelSpan[] = [];
    for (const s of rec.headline.ok) {
      const r = span(s);
      if (typeof r === 'string') warn(`cluster "${rec.id}" headline: ${r}; skipped`);
      else ok.push(r);
    }
    cluster.headline = { ok };
  }
  return { cluster, diagnostics };
}

function sameSource(a: LabelSource, b: LabelSource): boolean {
  return 'file' in a ? 'file' in b && a.file === b.file : 'dir' in b && a.dir === b.dir;
}

/** Merges lines with the same id: each section is taken from the line that has it (a later line wins). */
export function mergeLabels(parts: LabelledCluster[], diagnostics: Diagnostic[] = []): LabelledCluster[] {
  const byId = new Map<string, LabelledCluster>();
  for (const p of parts) {
    const prev = byId.get(p.id);
    if (!prev) {
      byId.set(p.id, { ...p, origin: [...p.origin] });
      continue;
    }
    if (!sameSource(prev.source, p.source)) {
      diagnostics.push(
        diagnostic('warning', p.origin[0] ?? null, 'LABELS_MALFORMED', p.origin[0] ?? '?', 0, `cluster "${p.id}" names another source than ${prev.origin[0]}; the first is used`),
      );
    }
    for (const k of ['figures', 'disputes', 'lineages', 'headline'] as const) {
      if (p[k] !== undefined) (prev as unknown as Record<string, unknown>)[k] = p[k];
    }
    prev.origin.push(...p.origin);
  }
  return [...byId.values()];
}

/** Reads and merges label files. Throws only when a file cannot be read. */
export async function readLabels(paths: string[]): Promise<{ clusters: LabelledCluster[]; diagnostics: Diagnostic[] }> {
  const parts: LabelledCluster[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    const text = await readUserFile(path, 64 * 1024 * 1024, 'a .jsonl label file');
    text.split('\n').forEach((l, i) => {
      if (!l.trim()) return;
      const { cluster, diagnostics: ds } = parseLabelLine(l, path, i + 1);
      diagnostics.push(...ds);
      if (cluster) parts.push(cluster);
    });
  }
  return { clusters: mergeLabels(parts, diagnostics), diagnostics };
}
