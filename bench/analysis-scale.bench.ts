/**
 * How the cross-source analysis scales with the size of one story (no tests: timings).
 *
 * Two stories, each analysed at growing sizes (75, 150, 300, 600 articles):
 *   - replayed: 40 DUC 2004 dev articles in 15 rounds with fresh ids, the first round as
 *     read and the others with ~30% of the words varied per round, as the serve benchmark
 *     replays the dev data (many near-copies: the shape of a big stored story);
 *   - distinct: the first 600 Multi-News sample articles as one story (all different).
 * Articles are annotated once, outside the timed runs. Per size: analysis time (CPU time of
 * this process, best of 3, steadier than wall time on a busy machine), per article, and the
 * ratio of the per-article cost to the smallest size's (1.00 = linear growth); then
 * the time by part at the largest size. Peak RSS at the end.
 *
 *   npm run bench -- analysis-scale
 */
import { annotate } from '../src/text/nlp.js';
import { analyzeStory } from '../src/analysis/index.js';
import { articleMentions, capitalisedElsewhere, lowerCaseWords } from '../src/analysis/mentions.js';
import { buildEntities } from '../src/analysis/entities.js';
import { articleQuotes, groupQuotes, quoteSpans } from '../src/analysis/quotes.js';
import { Attributor } from '../src/analysis/attribution.js';
import { findLineages } from '../src/analysis/lineages.js';
import { articleEvents, buildTimeline } from '../src/analysis/timeline.js';
import { numberDisagreements } from '../src/analysis/numbers.js';
import { disputeDisagreements } from '../src/analysis/disputes.js';
import type { AnnotatedArticle } from '../src/types.js';
import { clusterArticles, readDevClusters, replay } from './replay.js';
import { peakRssMiB, table } from './util.js';

const SIZES = [75, 150, 300, 600];

function cpuMs(fn: () => unknown): number {
  const t = process.cpuUsage();
  fn();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1000;
}

/** Time of each part of the analysis on one story (one run), in ms of CPU time. */
function parts(docs: AnnotatedArticle[]): Record<string, number> {
  const out: Record<string, number> = {};
  const t = <R>(k: string, f: () => R): R => {
    let r: R | undefined;
    out[k] = (out[k] ?? 0) + cpuMs(() => (r = f()));
    return r as R;
  };
  const order = new Map(docs.map((d, i) => [d.article.id, i]));
  const spans = t('quote spans', () => new Map(docs.map((d) => [d.article.id, quoteSpans(d.article.text)])));
  const ranges = new Map([...spans].map(([id, ss]) => [id, ss.map((q): [number, number] => [q.start, q.end])]));
  const mentions = t('mentions', () => {
    const el = capitalisedElsewhere(docs);
    return docs.flatMap((d) => articleMentions(d, el, ranges.get(d.article.id) ?? []));
  });
  const index = t('entities', () => buildEntities(mentions, lowerCaseWords(docs)));
  const attributor = new Attributor(index, ranges);
  const quotes = t('quotes', () => docs.flatMap((d) => articleQuotes(d, spans.get(d.article.id) ?? [], attributor, index)));
  t('quote groups', () => groupQuotes(quotes, order));
  const { background } = t('lineages', () => findLineages(docs, ranges));
  t('timeline', () => buildTimeline(docs.flatMap((d) => articleEvents(d, index)), order));
  t('disputes', () => disputeDisagreements(docs, quotes, attributor, index));
  t('figures', () => numberDisagreements(docs, index, attributor, new Set(background.map((b) => b.articleId))));
  return out;
}

function scenario(name: string, pool: AnnotatedArticle[]): void {
  const rows: Array<Array<string | number>> = [['story', 'articles', 'CPU ms (best of 3)', 'ms/article', 'per-article cost vs smallest']];
  let base = 0;
  analyzeStory(pool.slice(0, SIZES[0])); // warm-up (JIT, lexicons)
  for (const n of SIZES) {
    const g = pool.slice(0, n);
    const ms = Math.min(...[0, 1, 2].map(() => cpuMs(() => analyzeStory(g))));
    const per = ms / g.length;
    if (!base) base = per;
    rows.push([name, g.length, ms, per, `${(per / base).toFixed(2)}×`]);
  }
  process.stdout.write(table(rows));
  const p = parts(pool.slice(0, SIZES[SIZES.length - 1]));
  process.stdout.write(`  parts at ${Math.min(pool.length, SIZES[SIZES.length - 1] as number)} articles (ms): ${Object.entries(p).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}\n`);
}

const duc = readDevClusters('data/dev/duc2004-dev.jsonl');
const mn = readDevClusters('data/dev/multinews-val-sample.jsonl');
if (duc && mn) {
  const base = duc.flatMap(clusterArticles).slice(0, 40);
  const replayed: AnnotatedArticle[] = [];
  for (let r = 0; r < 15; r++) for (const a of base) replayed.push(annotate(replay(a, r)));
  const distinct = mn.flatMap(clusterArticles).slice(0, 600).map(annotate);
  scenario('replayed (40 DUC × 15)', replayed);
  scenario('distinct (Multi-News)', distinct);
  process.stdout.write(`peak RSS: ${peakRssMiB().toFixed(0)} MiB; goal: near-linear (per-article cost at 600 within ~2× of the smallest size's)\n`);
}
