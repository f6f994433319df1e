/**
 * Cost of the cross-source analysis within `brief` on DUC 2004 dev (25 clusters,
 * 250 articles). In the same run and on the same annotated story groups:
 *   - the full brief pipeline per cluster (ingest records, annotate, group, analyse,
 *     summarise, cite) — what `crossread brief` does;
 *   - the analysis alone (analyzeStory on each story group), with a breakdown by part.
 * The pipeline without analysis is the difference; the goal is that analysis adds
 * at most 50% to it. Interleaved runs, best of 5 after a warm-up, in wall time and in
 * this process's CPU time (steadier on a busy machine); peak RSS of this process.
 */
import { briefArticles } from '../src/brief.js';
import { annotate } from '../src/text/nlp.js';
import { groupArticles } from '../src/stories/group.js';
import { analyzeStory } from '../src/analysis/index.js';
import { articleMentions, capitalisedElsewhere, lowerCaseWords } from '../src/analysis/mentions.js';
import { buildEntities } from '../src/analysis/entities.js';
import { quoteSpans } from '../src/analysis/quotes.js';
import { articleEvents } from '../src/analysis/timeline.js';
import { findLineages } from '../src/analysis/lineages.js';
import type { AnnotatedArticle } from '../src/types.js';
import { clusterArticles, readDevClusters } from './replay.js';
import { peakRssMiB, table, timeMs } from './util.js';

const clusters = readDevClusters('data/dev/duc2004-dev.jsonl');
if (clusters) {
  const articlesOf = clusterArticles;
  const inputs = clusters.map(articlesOf);
  const nArticles = inputs.reduce((n, a) => n + a.length, 0);
  // The story groups `brief` analyses, annotated once outside the timed analysis runs.
  const groups: AnnotatedArticle[][] = inputs.flatMap((arts) => groupArticles(arts.map(annotate)));

  const runFull = () => {
    for (const c of clusters) briefArticles(articlesOf(c), [], { words: 100 });
  };
  const runAnalysis = () => {
    for (const g of groups) analyzeStory(g);
  };
  const parts: Record<string, number> = { 'quote spans': 0, mentions: 0, entities: 0, timeline: 0, lineages: 0 };
  const runParts = async () => {
    for (const k of Object.keys(parts)) parts[k] = 0;
    for (const g of groups) {
      let spans: Array<Array<[number, number]>> = [];
      parts['quote spans']! += await timeMs(() => {
        spans = g.map((d) => quoteSpans(d.article.text).map((q): [number, number] => [q.start, q.end]));
      });
      let ms: ReturnType<typeof articleMentions> = [];
      parts.mentions! += await timeMs(() => {
        const el = capitalisedElsewhere(g);
        ms = g.flatMap((d, i) => articleMentions(d, el, spans[i] ?? []));
      });
      let idx: ReturnType<typeof buildEntities> | null = null;
      parts.entities! += await timeMs(() => {
        idx = buildEntities(ms, lowerCaseWords(g));
      });
      parts.timeline! += await timeMs(() => g.flatMap((d) => articleEvents(d, idx)));
      parts.lineages! += await timeMs(() => findLineages(g, new Map(g.map((d, i) => [d.article.id, spans[i] ?? []]))));
    }
  };
  const cpuMs = (fn: () => void): number => {
    const t = process.cpuUsage();
    fn();
    const u = process.cpuUsage(t);
    return (u.user + u.system) / 1000;
  };
  runFull();
  runAnalysis();
  const full: number[] = [];
  const analysis: number[] = [];
  const fullCpu: number[] = [];
  const analysisCpu: number[] = [];
  // Interleaved, best of 5: other processes on the machine slow single runs down.
  for (let i = 0; i < 5; i++) {
    full.push(await timeMs(runFull));
    analysis.push(await timeMs(runAnalysis));
    fullCpu.push(cpuMs(runFull));
    analysisCpu.push(cpuMs(runAnalysis));
  }
  await runParts();
  const f = Math.min(...full);
  const an = Math.min(...analysis);
  const fc = Math.min(...fullCpu);
  const ac = Math.min(...analysisCpu);
  const without = f - an;
  const added = an / without;
  process.stdout.write(
    table([
      ['scenario', 'articles', 'stories', 'ms', 'vs brief without analysis'],
      ['brief without analysis (baseline = full − analysis)', nArticles, groups.length, without, '1.00×'],
      ['analysis alone (analyzeStory)', nArticles, groups.length, an, `+${(added * 100).toFixed(0)}%`],
      ['brief with analysis (full pipeline)', nArticles, groups.length, f, `${(f / without).toFixed(2)}× the time`],
    ]),
  );
  process.stdout.write(`CPU time (this process, best of 5): brief with analysis ${fc.toFixed(0)} ms, analysis ${ac.toFixed(0)} ms → analysis adds ${((ac / (fc - ac)) * 100).toFixed(0)}%\n`);
  process.stdout.write(`analysis parts (one run, ms): ${Object.entries(parts).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}\n`);
  process.stdout.write(`peak RSS: ${peakRssMiB().toFixed(0)} MiB; goal: analysis adds ≤ 50% → ${added <= 0.5 ? 'met' : 'NOT met'}\n`);
}
