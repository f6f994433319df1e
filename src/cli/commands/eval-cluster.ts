/** `crossread eval-cluster <file.jsonl> [--json]`: measure story grouping against gold labels. */
import { Command, InvalidArgumentError } from 'commander';
import type { CliContext } from '../context.js';
import { parseNonNegativeInt, parsePositiveInt, progressReporter, writeOutput } from '../util.js';

interface EvalClusterCliOptions {
  seed: number;
  seeds?: number;
  batch?: number;
  reopenEvery?: number;
  join?: number;
  merge?: number;
  averageLink?: number;
  splitCohesion?: number;
  linking?: 'rule' | 'model';
  linkingModel?: string;
  json?: boolean;
  quiet?: boolean;
}

function parseUnitOrZero(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n >= 1) throw new InvalidArgumentError(`"${value}" is not a number from 0 to below 1.`);
  return n;
}

function parseUnit(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n >= 1) throw new InvalidArgumentError(`"${value}" is not a number between 0 and 1.`);
  return n;
}

export function evalClusterCommand(ctx: CliContext): Command {
  return new Command('eval-cluster')
    .description(
      'ingest labelled documents into a temporary store in shuffled order and score the stories (extended B-cubed, pairwise F1, ARI, stories mixing more than two gold stories)',
    )
    .argument(
      '<file>',
      'JSONL: {"id","label" (or "labels":[…]),"text","published"?} per line, or dataset lines whose "documents" form one gold story; an id on several lines or in several clusters is one document of several stories',
    )
    .option('--seed <n>', 'shuffle seed', parseNonNegativeInt, 1)
    .option('--seeds <k>', 'run k seeds (seed, seed+1, …) and report the spread', parsePositiveInt)
    .option('--batch <n>', 'articles per store transaction (default 16)', parsePositiveInt)
    .option('--reopen-every <batches>', 'close the store and open it again after every this many batches (a stream ingested in several runs)', parsePositiveInt)
    .option('--join <x>', 'join threshold (default from the clusterer; for sensitivity checks)', parseUnit)
    .option('--merge <x>', 'merge threshold (for sensitivity checks)', parseUnit)
    .option('--average-link <x>', 'minimum average cosine to a story\'s members to join it (default 0: off; for sensitivity checks)', parseUnit)
    .option('--split-cohesion <x>', "a story's lowest average pairwise cosine before it is re-grouped (default from the clusterer; 0: off; for sensitivity checks)", parseUnitOrZero)
    .option('--linking <how>', 'how an article joins a story: "rule" (centroid cosine at least the join threshold) or "model" (the learned linking model)', parseLinking)
    .option('--linking-model <file>', 'a linking-model JSON file (as written by scripts/fit-linking-model.ts) instead of the shipped one; implies --linking model')
    .option('--json', 'print the results as JSON')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (file: string, o: EvalClusterCliOptions) => {
      const { readGold, evaluateClustering } = await import('../../eval/clustering.js');
      const docs = await readGold(file);
      const progress = o.quiet ? undefined : progressReporter(ctx);
      const { readLinkingModel } = await import('../../stories/linking.js');
      const cluster = {
        ...(o.join ? { joinThreshold: o.join } : {}),
        ...(o.merge ? { mergeThreshold: o.merge } : {}),
        ...(o.averageLink ? { joinAverageLink: o.averageLink } : {}),
        ...(o.splitCohesion !== undefined ? { splitCohesion: o.splitCohesion } : {}),
        ...(o.linking ? { linking: o.linking } : {}),
        ...(o.linkingModel ? { linking: 'model' as const, linkingModel: readLinkingModel(o.linkingModel) } : {}),
      };
      const runs = [];
      for (let k = 0; k < (o.seeds ?? 1); k++) {
        runs.push(
          await evaluateClustering(file, docs, {
            seed: o.seed + k,
            ...(o.batch ? { batchSize: o.batch } : {}),
            ...(o.reopenEvery ? { reopenEvery: o.reopenEvery } : {}),
            ...(Object.keys(cluster).length ? { cluster } : {}),
            ...(progress ? { onProgress: progress } : {}),
          }),
        );
      }
      progress?.({ stage: 'store', done: 1, total: 1, final: true });
      const f1s = runs.map((r) => r.bcubed.f1);
      const over = runs.map((r) => r.storiesOverTwoGold);
      const spread = {
        seeds: runs.map((r) => r.seed),
        bcubedF1: { mean: mean(f1s), min: Math.min(...f1s), max: Math.max(...f1s), sd: sd(f1s) },
        storiesOverTwoGold: { min: Math.min(...over), max: Math.max(...over) },
        maxGoldInOneStory: Math.max(...runs.map((r) => r.maxGoldInOneStory)),
      };
      if (o.json) {
        const out = runs.length === 1 ? strip(runs[0]!) : { runs: runs.map(strip), spread };
        await writeOutput(ctx, undefined, JSON.stringify(out, null, 2));
        return;
      }
      const r = runs[0]!;
      const f = (x: number): string => x.toFixed(3);
      const lines = [
        `${file}: ${r.documents} documents, ${r.goldClusters} gold stories${r.overlappingGold ? `, ${r.overlappingGold} documents in several` : ''} (seed ${r.seed}${runs.length > 1 ? `…${r.seed + runs.length - 1}` : ''})`,
        `B-cubed    P ${f(r.bcubed.precision)}  R ${f(r.bcubed.recall)}  F1 ${f(r.bcubed.f1)}  (${r.bcubedMethod}${r.overlappingGold ? '' : '; equal to B-cubed here, one gold story per document'})`,
        r.pairwise ? `pairwise   P ${f(r.pairwise.precision)}  R ${f(r.pairwise.recall)}  F1 ${f(r.pairwise.f1)}` : 'pairwise   not given: defined for one gold story per document',
        r.ari !== null ? `ARI        ${f(r.ari)}` : 'ARI        not given: defined for one gold story per document',
        `stories    ${r.predictedClusters} predicted, ${r.goldClusters} gold`,
        `mixing     ${r.storiesOverTwoGold} predicted stories hold articles of more than two gold stories; at most ${r.maxGoldInOneStory} gold stories in one`,
        `speed      ${r.articlesPerSecond.toFixed(0)} articles/s (${r.seconds.toFixed(2)} s, ingest + story assignment)`,
      ];
      if (r.rejected || r.duplicates) lines.push(`note       ${r.rejected} rejected by ingest (scored as singletons), ${r.duplicates} duplicates (scored with their copy)`);
      if (runs.length > 1) {
        lines.push(`over seeds B-cubed F1 mean ${f(spread.bcubedF1.mean)}, min ${f(spread.bcubedF1.min)}, max ${f(spread.bcubedF1.max)}, sd ${spread.bcubedF1.sd.toFixed(4)}`);
        lines.push(
          `over seeds ${range(spread.storiesOverTwoGold.min, spread.storiesOverTwoGold.max)} predicted stories of more than two gold stories; at most ${spread.maxGoldInOneStory} gold stories in one`,
        );
      }
      await writeOutput(ctx, undefined, lines.join('\n'));
    });
}

function parseLinking(value: string): 'rule' | 'model' {
  if (value !== 'rule' && value !== 'model') throw new InvalidArgumentError(`"${value}" is not a linking: give "rule" or "model".`);
  return value;
}

function range(lo: number, hi: number): string {
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function sd(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
}

function strip<T extends { diagnostics: unknown[] }>(r: T): Omit<T, 'diagnostics'> & { diagnostics: number } {
  return { ...r, diagnostics: r.diagnostics.length };
}
