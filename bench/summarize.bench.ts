/**
 * Summarisation speed on DUC 2004 dev (25 clusters of 10 articles, 100-word
 * summaries, as `crossread eval --setting duc2004` runs them): clusters per second
 * of the crossread summarizer and of the LexRank baseline, measured in the same
 * run on the same annotations, their ratio, and peak RSS. Annotation (shared by
 * every system in `crossread eval`) is timed apart, and so is the whole
 * `crossread eval … --system crossread` command.
 *
 * Reference point (../shared/README.md): sumy 0.11 LexRank, Python, 2.4 clusters/s
 * on one core for the whole job (sentence splitting included); the goal is ≥ 10×
 * that (≥ 24 clusters/s).
 */
import { spawnSync } from 'node:child_process';
import { readDataset } from '../src/eval/dataset.js';
import { annotate } from '../src/text/nlp.js';
import { crossreadSummary } from '../src/summarize/crossread.js';
import { lexrank } from '../src/summarize/baselines/lexrank.js';
import type { AnnotatedArticle } from '../src/types.js';
import { REPO, median, peakRssMiB, sharedOrSkip, table, timeMs } from './util.js';

/** sumy 0.11 LexRank on one core, whole job, clusters per second (../shared/README.md). */
const SUMY_LEXRANK = 2.4;
const file = sharedOrSkip('data/dev/duc2004-dev.jsonl');
if (file) {
  const ds = await readDataset(file);
  const n = ds.clusters.length;
  let annotated: AnnotatedArticle[][] = [];
  const annotateMs = await timeMs(() => {
    annotated = ds.clusters.map((c) => c.articles.map((a) => annotate(a)));
  });
  const opts = { words: 100, overrun: true };
  const runAll = (f: typeof crossreadSummary) => () => {
    for (const docs of annotated) f(docs, opts);
  };
  // Warm-up, then the median of 5 timed runs of each, interleaved.
  runAll(crossreadSummary)();
  runAll(lexrank)();
  const xr: number[] = [];
  const lr: number[] = [];
  for (let i = 0; i < 5; i++) {
    xr.push(await timeMs(runAll(crossreadSummary)));
    lr.push(await timeMs(runAll(lexrank)));
  }
  const xrMs = median(xr);
  const lrMs = median(lr);
  const perCluster = annotateMs / n;
  const cli = await timeMs(() =>
    spawnSync(process.execPath, [`${REPO}bin/crossread.js`, 'eval', file, '--system', 'crossread', '-q'], { encoding: 'utf8' }),
  );
  process.stdout.write(
    table([
      ['measure', 'ms (median of 5)', 'clusters/s', 'clusters/s incl. annotation'],
      ['crossread summarizer', xrMs, (n * 1000) / xrMs, (n * 1000) / (xrMs + annotateMs)],
      ['lexrank baseline', lrMs, (n * 1000) / lrMs, (n * 1000) / (lrMs + annotateMs)],
      ['annotation (shared, once)', annotateMs, (n * 1000) / annotateMs, '–'],
    ]),
  );
  process.stdout.write(`ratio crossread / lexrank (summarisation throughput): ${(lrMs / xrMs).toFixed(2)}×\n`);
  const withAnnotation = (n * 1000) / (xrMs + annotateMs);
  process.stdout.write(
    `crossread incl. annotation: ${withAnnotation.toFixed(1)} clusters/s = ${(withAnnotation / SUMY_LEXRANK).toFixed(1)}× sumy LexRank's ${SUMY_LEXRANK} (goal ≥ 10×)\n`,
  );
  process.stdout.write(`annotation per cluster: ${perCluster.toFixed(1)} ms\n`);
  process.stdout.write(`crossread eval duc2004-dev --system crossread (whole command): ${(cli / 1000).toFixed(2)} s\n`);
  process.stdout.write(`peak RSS: ${peakRssMiB().toFixed(0)} MiB\n`);
}
