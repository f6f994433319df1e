/**
 * Building larger corpora from the dev files, shared by the benchmarks that need more
 * articles than the files hold (ingest, serve, analysis-scale).
 *
 * A replay round r gives every article a fresh id and rewrites ~30% of its words with
 * round-specific variants, so that a replay is neither a re-ingest of the same text (a
 * no-op by content hash) nor a near-copy: vocabulary grows as in a real stream and a
 * replayed cluster becomes a new story of the same size. With a gold label, its date is
 * shifted by 200 days per round (past the clusterer's time horizon), with a few days of
 * spread inside one story.
 */
import { readFileSync } from 'node:fs';
import { articleFromRecord } from '../src/ingest/index.js';
import type { Article } from '../src/types.js';
import { sharedOrSkip } from './util.js';

/** The three dev files, in the order the benchmarks replay them. */
export const DEV_FILES = ['data/dev/multinews-val-sample.jsonl', 'data/dev/cluster-wikiref220.jsonl', 'data/dev/duc2004-dev.jsonl'];

export interface DevDoc {
  id: string;
  /** Gold story: the cluster id of a summarization line, or the `label` of a clustering line. */
  label: string;
  text: string;
}

/** Every document of the given ../shared files, or null (after a skip message) when one is absent. */
export function readDevDocs(files: readonly string[] = DEV_FILES): DevDoc[] | null {
  const out: DevDoc[] = [];
  for (const rel of files) {
    const p = sharedOrSkip(rel);
    if (!p) return null;
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id: string; label?: string; text?: string; documents?: Array<{ id: string; text: string }> };
      if (r.documents) for (const d of r.documents) out.push({ id: d.id, label: r.id, text: d.text });
      else if (r.text) out.push({ id: r.id, label: r.label ?? r.id, text: r.text });
    }
  }
  return out;
}

/** One line of a summarization dataset file. */
/** The dev documents read through the ingest stage, with their gold labels (null without ../shared). */
export function readDevArticles(files: readonly string[] = DEV_FILES): Array<{ article: Article; label: string }> | null {
  const docs = readDevDocs(files);
  if (!docs) return null;
  const out: Array<{ article: Article; label: string }> = [];
  for (const d of docs) {
    const { article } = articleFromRecord({ id: d.id, text: d.text }, d.id);
    if (article) out.push({ article, label: d.label });
  }
  return out;
}

export interface DevCluster {
  id: string;
  documents: Array<{ id: string; text: string }>;
}

/** The clusters of a ../shared dataset file, or null (after a skip message) when it is absent. */
export function readDevClusters(rel: string): DevCluster[] | null {
  const p = sharedOrSkip(rel);
  if (!p) return null;
  return readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as DevCluster);
}

/** The documents of a cluster read as records by the ingest stage (path `cluster/doc`); refused ones left out. */
export function clusterArticles(c: DevCluster): Article[] {
  const out: Article[] = [];
  for (const d of c.documents) {
    const { article } = articleFromRecord({ id: d.id, text: d.text }, `${c.id}/${d.id}`);
    if (article) out.push(article);
  }
  return out;
}

/** FNV-1a: a fast, stable hash so that replays are the same in every run. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const SUFFIX = ['ar', 'en', 'ix', 'or', 'um', 'et', 'ov', 'ia'];
const OUTLETS = ['AP', 'Reuters', 'AFP', 'BBC', 'The Guardian', 'Al Jazeera', 'DW', 'NPR'];

/** Publication date of round r of gold story `label`. */
export function replayDate(r: number, label: string): string {
  const day = Date.UTC(2000, 0, 1) / 86_400_000 + r * 200 + (hash(label) % 60) + (hash(label + r) % 3);
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export interface ReplayOptions {
  /** Gold story of the article: when given, the article is dated by `replayDate`. */
  label?: string;
  /** Give the article one of a few outlet names (for pages that show outlets). */
  outlet?: boolean;
}

/** Round r of an article (round 0: as read, apart from the date and outlet options). */
export function replay(a: Article, r: number, opts: ReplayOptions = {}): Article {
  const dated: Partial<Article> = {};
  if (opts.label !== undefined) dated.published = replayDate(r, opts.label);
  if (opts.outlet) dated.outlet = OUTLETS[hash(a.id + r) % OUTLETS.length] as string;
  if (r === 0) return { ...a, ...dated };
  const tag = `${SUFFIX[r % SUFFIX.length]}${SUFFIX[Math.floor(r / SUFFIX.length) % SUFFIX.length]}`;
  const rewrite = (t: string): string => t.replace(/\p{L}{3,}/gu, (w) => (hash(`${w}|${r}`) % 10 < 3 ? `${w}${tag}` : w));
  const text = rewrite(a.text);
  return { ...a, ...dated, id: `r${r}-${a.id}`, text, rawText: text, title: a.title ? rewrite(a.title) : null };
}
