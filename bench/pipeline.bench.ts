/**
 * Full brief pipeline over DUC 2004 dev (25 clusters, 250 articles): ingest
 * (records → cleaned articles), annotation, story grouping, analysis, summary and
 * citations, per cluster. Baseline in the same run: wink-nlp tokenisation alone
 * over the same texts (the floor any pipeline on wink-nlp pays).
 * Peak RSS is measured in fresh processes doing one real run each: the library
 * pipeline over the 25 clusters, and `crossread brief <duc file>` (all 250 articles
 * in one run, grouped into stories across clusters).
 * Also the wall time of `crossread brief examples/syria-2017` (start-up included)
 * against `node -e ""` start-up.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { briefArticles } from '../src/brief.js';
import { nlp } from '../src/text/nlp.js';
import { clusterArticles, readDevClusters } from './replay.js';
import { REPO, median, peakRssMiB, sharedOrSkip, table, timeMs } from './util.js';

const file = sharedOrSkip('data/dev/duc2004-dev.jsonl');
const clusters = file ? readDevClusters('data/dev/duc2004-dev.jsonl') : null;
if (file && clusters) {
  const nArticles = clusters.reduce((n, c) => n + c.documents.length, 0);
  let tokens = 0;

  const runPipeline = () => {
    for (const c of clusters) briefArticles(clusterArticles(c), [], { words: 100 });
  };
  const runTokenize = () => {
    tokens = 0;
    for (const c of clusters) for (const d of c.documents) tokens += nlp().readDoc(d.text).tokens().length();
  };
  // warm-up (JIT, model load), then best of 3
  runTokenize();
  runPipeline();
  const tok = Math.min(...(await Promise.all([0, 1, 2].map(async () => timeMs(runTokenize)))));
  const pipe: number[] = [];
  for (let i = 0; i < 3; i++) pipe.push(await timeMs(runPipeline));
  const best = Math.min(...pipe);
  process.stdout.write(
    table([
      ['scenario', 'articles', 'ms', 'articles/s', 'ms/cluster', 'vs tokenise-only'],
      ['wink-nlp tokenise only (baseline)', nArticles, tok, (nArticles / tok) * 1000, tok / clusters.length, '1.00×'],
      ['crossread full pipeline', nArticles, best, (nArticles / best) * 1000, best / clusters.length, `${(best / tok).toFixed(2)}× the time`],
    ]),
  );
  process.stdout.write(`tokens: ${tokens}; this process (3 repetitions, warm-ups and baseline): peak RSS ${peakRssMiB().toFixed(0)} MiB\n`);

  // One real run per fresh process, for peak RSS.
  const onePass = `
    import { readFileSync } from 'node:fs';
    import { articleFromRecord } from '${REPO}src/ingest/index.ts';
    import { briefArticles } from '${REPO}src/brief.ts';
    for (const line of readFileSync(${JSON.stringify(file)}, 'utf8').split('\\n')) {
      if (!line) continue;
      const c = JSON.parse(line);
      const arts = c.documents.map((d) => articleFromRecord({ id: d.id, text: d.text }, c.id).article).filter(Boolean);
      briefArticles(arts, [], { words: 100 });
    }`;
  const lib = measured(['--import', 'tsx', '--input-type=module', '-e', onePass]);
  const cli = measured([join(REPO, 'bin', 'crossread.js'), 'brief', file, '-f', 'json', '-q']);
  process.stdout.write(
    table([
      ['one run in a fresh process', 'wall ms', 'articles/s', 'peak RSS MiB'],
      ['library: brief each cluster', lib.ms, (nArticles / lib.ms) * 1000, lib.rssMiB],
      ['CLI: crossread brief duc2004-dev.jsonl -f json', cli.ms, (nArticles / cli.ms) * 1000, cli.rssMiB],
    ]),
  );
  process.stdout.write('(goals: ≥ 200 articles/s on one core, peak RSS < 300 MiB)\n');
}

/** Runs node with `args` once; wall time and the child's own peak RSS (reported at exit). */
function measured(args: string[]): { ms: number; rssMiB: number } {
  const report = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss="+process.resourceUsage().maxRSS+"\\n"))';
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', report, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const m = /maxrss=(\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`bench child failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  return { ms, rssMiB: Number(m[1]) / 1024 };
}

// CLI wall time on the bundled example, start-up included.
const example = join(REPO, 'examples', 'syria-2017');
const bin = join(REPO, 'bin', 'crossread.js');
const wall = (args: string[]) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  if (r.status !== 0 && args[0] === bin) throw new Error(`crossread exited with ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const nodeStart = median([0, 1, 2, 3, 4].map(() => wall(['-e', ''])));
const briefWall = median([0, 1, 2, 3, 4].map(() => wall([bin, 'brief', example])));
process.stdout.write(
  table([
    ['command (median of 5)', 'ms', 'vs node start-up'],
    ['node -e "" (baseline)', nodeStart, '1.00×'],
    ['crossread brief examples/syria-2017', briefWall, `${(briefWall / nodeStart).toFixed(1)}×`],
  ]),
);
process.stdout.write('(goal: crossread brief examples/syria-2017 < 1500 ms)\n');
