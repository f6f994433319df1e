/**
 * `crossread eval`: runs summarizers over every cluster of a dataset and scores
 * them, with the dataset's anchors (published systems' summaries), by the same
 * ROUGE code in the same run.
 *
 * Each cluster's articles are annotated once and every system reads the same
 * annotations; the time of each system's own summarisation is measured apart from
 * the shared reading and annotation, and both are reported.
 *
 * Settings:
 * - `duc2004`: 100-word summaries (the last sentence may run over; ROUGE cuts at
 *   100 words), ROUGE-1.5.5 `-n 2 -2 4 -u -m -l 100 -f A`; recall is the headline
 *   figure (as in DUC 2004 task 2 and the papers of the anchor systems).
 * - `multinews`: `--words N` summaries (default 250, about the mean reference
 *   length of Multi-News), `-n 2 -2 4 -u -m -f A` without truncation; F is the
 *   headline figure (as in Fabbri et al. 2019).
 */
import type { AnnotatedArticle, Diagnostic } from '../types.js';
import { annotate } from '../text/nlp.js';
import { readDataset, type ReadDatasetOptions } from './dataset.js';
import { rougeScoreTexts, rougeText, type Prf, type RougeOptions } from './rouge.js';
import { bootstrapMean } from './bootstrap.js';
import { SUMMARIZERS, type SummarizerName } from '../summarize/systems.js';
import { summaryText, type SummarizeOptions } from '../summarize/common.js';

export type EvalSetting = 'duc2004' | 'multinews';
export const EVAL_SETTINGS: readonly EvalSetting[] = ['duc2004', 'multinews'];
export const METRICS = ['ROUGE-1', 'ROUGE-2', 'ROUGE-L', 'ROUGE-SU4'] as const;
export type Metric = (typeof METRICS)[number];

export interface SettingSpec {
  name: EvalSetting;
  words: number;
  overrun: boolean;
  rouge: RougeOptions;
  headline: 'R' | 'F';
}

export const DEFAULT_MULTINEWS_WORDS = 250;

export function settingSpec(setting: EvalSetting, words?: number): SettingSpec {
  if (setting === 'duc2004') {
    const w = words ?? 100;
    return { name: setting, words: w, overrun: true, headline: 'R', rouge: { stem: true, lengthLimitWords: w, maxN: 2, skipDistance: 4, average: 'model' } };
  }
  return { name: setting, words: words ?? DEFAULT_MULTINEWS_WORDS, overrun: false, headline: 'F', rouge: { stem: true, lengthLimitWords: null, maxN: 2, skipDistance: 4, average: 'model' } };
}

export interface MetricSummary extends Prf {
  /** 95% bootstrap interval of the headline figure (R for duc2004, F for multinews). */
  ciLow: number;
  ciHigh: number;
  /** 95% bootstrap intervals of R, P and F. */
  ci: { R: [number, number]; P: [number, number]; F: [number, number] };
}

export interface SystemResult {
  kind: 'system' | 'anchor';
  metrics: Record<Metric, MetricSummary>;
  /** Seconds spent in this system's own summarisation (null for anchors). */
  seconds: number | null;
  clustersPerSecond: number | null;
  /** Clusters the system was scored on. */
  clusters: number;
}

export interface ClusterResult {
  id: string;
  scores: Record<string, Record<Metric, Prf>>;
}

export interface EvalReport {
  dataset: string;
  clusters: number;
  setting: EvalSetting;
  words: number;
  systems: Record<string, SystemResult>;
  perCluster: ClusterResult[];
  /** Seconds reading the dataset and annotating its articles (shared by all systems). */
  annotateSeconds: number;
  /** Wall time of the whole evaluation. */
  seconds: number;
  diagnostics: Diagnostic[];
}

export interface EvalOptions extends ReadDatasetOptions {
  setting?: EvalSetting;
  /** Summary length in words (duc2004: 100; multinews: 250). */
  words?: number;
  /** Systems to run (default: crossread and every baseline). */
  systems?: SummarizerName[];
  /** Score the dataset's anchors too (default true). */
  anchors?: boolean;
  /** Seed of the random baseline. */
  seed?: number;
  onProgress?: (p: { stage: string; done: number; total: number }) => void;
  /** Keep each system's summary text in perCluster (for inspection). */
  keepSummaries?: boolean;
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

export async function evaluate(path: string, opts: EvalOptions = {}): Promise<EvalReport & { summaries?: Record<string, Record<string, string>> }> {
  const start = process.hrtime.bigint();
  const spec = settingSpec(opts.setting ?? 'duc2004', opts.words);
  const systems = opts.systems ?? (Object.keys(SUMMARIZERS) as SummarizerName[]);
  const progress = opts.onProgress ?? (() => undefined);
  const ds = await readDataset(path, opts);
  const clusters = [...ds.clusters].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const annotated: AnnotatedArticle[][] = [];
  clusters.forEach((c, i) => {
    annotated.push(c.articles.map((a) => annotate(a)));
    progress({ stage: 'annotate', done: i + 1, total: clusters.length });
  });
  const annotateSeconds = seconds(start);

  const summarizeOpts: SummarizeOptions = { words: spec.words, overrun: spec.overrun, seed: opts.seed ?? 1 };
  const perCluster: ClusterResult[] = clusters.map((c) => ({ id: c.id, scores: {} }));
  const summaries: Record<string, Record<string, string>> = {};
  const time = new Map<string, number>();
  const refs = clusters.map((c) => c.references.map((r) => rougeText(r, spec.rouge)));
  const scoreText = (text: string, i: number) => rougeScoreTexts(rougeText(text, spec.rouge), refs[i] as ReturnType<typeof rougeText>[], spec.rouge) as Record<Metric, Prf>;

  for (const name of systems) {
    const summarizer = SUMMARIZERS[name];
    let t = 0;
    clusters.forEach((c, i) => {
      const s0 = process.hrtime.bigint();
      const sentences = summarizer(annotated[i] as AnnotatedArticle[], summarizeOpts);
      t += seconds(s0);
      const text = summaryText(sentences);
      (perCluster[i] as ClusterResult).scores[name] = scoreText(text, i);
      if (opts.keepSummaries) (summaries[c.id] ??= {})[name] = text;
      progress({ stage: name, done: i + 1, total: clusters.length });
    });
    time.set(name, t);
  }
  const anchorNames = new Set<string>();
  if (opts.anchors ?? true) for (const c of clusters) for (const a of Object.keys(c.anchors)) anchorNames.add(a);
  for (const a of [...anchorNames].sort()) {
    const name = `anchor:${a}`;
    clusters.forEach((c, i) => {
      const text = c.anchors[a];
      if (text !== undefined) (perCluster[i] as ClusterResult).scores[name] = scoreText(text, i);
    });
  }

  const results: Record<string, SystemResult> = {};
  const names = [...systems, ...[...anchorNames].sort().map((a) => `anchor:${a}`)];
  for (const name of names) {
    const rows = perCluster.map((p) => p.scores[name]).filter((x): x is Record<Metric, Prf> => x !== undefined);
    const metrics = {} as Record<Metric, MetricSummary>;
    for (const m of METRICS) {
      const b = { R: bootstrapMean(rows.map((r) => r[m].R)), P: bootstrapMean(rows.map((r) => r[m].P)), F: bootstrapMean(rows.map((r) => r[m].F)) };
      const h = b[spec.headline];
      metrics[m] = {
        R: b.R.mean,
        P: b.P.mean,
        F: b.F.mean,
        ciLow: h.ciLow,
        ciHigh: h.ciHigh,
        ci: { R: [b.R.ciLow, b.R.ciHigh], P: [b.P.ciLow, b.P.ciHigh], F: [b.F.ciLow, b.F.ciHigh] },
      };
    }
    const secs = time.get(name) ?? null;
    results[name] = {
      kind: name.startsWith('anchor:') ? 'anchor' : 'system',
      metrics,
      seconds: secs,
      clustersPerSecond: secs === null ? null : secs > 0 ? rows.length / secs : null,
      clusters: rows.length,
    };
  }
  return {
    dataset: path,
    clusters: clusters.length,
    setting: spec.name,
    words: spec.words,
    systems: results,
    perCluster,
    annotateSeconds,
    seconds: seconds(start),
    diagnostics: ds.diagnostics,
    ...(opts.keepSummaries ? { summaries } : {}),
  };
}
