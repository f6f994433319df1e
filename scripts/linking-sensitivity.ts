/**
 * Sensitivity of story grouping under the learned linking model: B-cubed F1 (the code of
 * `crossread eval-cluster`) over shuffle seeds 1–3, and with each model weight (and the
 * intercept) multiplied by 0.75 and 1.25 (seed 1), next to the cosine rule.
 *
 *   node --import tsx scripts/linking-sensitivity.ts ../shared/data/dev/multinews-val-sample.jsonl \
 *     ../shared/data/dev/cluster-wikiref220.jsonl ../shared/data/dev/duc2004-dev.jsonl [--model file.json]
 *
 * Without --model the shipped data/stories/linking-model.json. Prints Markdown on stdout.
 */
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateClustering } from '../src/eval/clustering.js';
import { LINK_FEATURES, readLinkingModel, shippedLinkingModel, type LinkingModel } from '../src/stories/linking.js';
import { loadStream, type LabelledStream } from './fit-linking-model.js';

async function main(argv: string[]): Promise<void> {
  const modelFile = argv.includes('--model') ? argv[argv.indexOf('--model') + 1] : undefined;
  const paths = argv.filter((a, i) => a !== '--model' && argv[i - 1] !== '--model');
  if (paths.length === 0) {
    process.stderr.write('usage: node --import tsx scripts/linking-sensitivity.ts <labelled.jsonl>… [--model file.json]\n');
    process.exitCode = 2;
    return;
  }
  const model = modelFile ? readLinkingModel(modelFile) : shippedLinkingModel();
  const streams: LabelledStream[] = [];
  for (const p of paths) streams.push(await loadStream(p));
  const f1 = async (s: LabelledStream, m: LinkingModel | null, seed: number): Promise<number> =>
    (await evaluateClustering(s.file, s.docs, { seed, cluster: m ? { linking: 'model', linkingModel: m } : { linking: 'rule' } })).bcubed.f1;
  const f = (x: number): string => x.toFixed(3);
  const out: string[] = [`| setting | ${streams.map((s) => basename(s.file)).join(' | ')} |`, `|---|${streams.map(() => '---|').join('')}`];
  for (const [name, m] of [['rule (cosine ≥ joinThreshold)', null], ['model', model]] as const) {
    const cells = [];
    for (const s of streams) {
      const xs = [await f1(s, m, 1), await f1(s, m, 2), await f1(s, m, 3)];
      cells.push(`${f(xs.reduce((a, b) => a + b, 0) / 3)} (${xs.map(f).join(', ')})`);
    }
    out.push(`| ${name}, seeds 1, 2, 3: mean (each) | ${cells.join(' | ')} |`);
    process.stderr.write(`${name} done\n`);
  }
  const names = ['intercept', ...LINK_FEATURES];
  for (let j = 0; j < names.length; j++) {
    for (const factor of [0.75, 1.25]) {
      const m: LinkingModel = {
        ...model,
        intercept: j === 0 ? model.intercept * factor : model.intercept,
        weights: model.weights.map((w, k) => (k === j - 1 ? w * factor : w)),
      };
      const cells = [];
      for (const s of streams) cells.push(f(await f1(s, m, 1)));
      out.push(`| ${names[j]} × ${factor}, seed 1 | ${cells.join(' | ')} |`);
    }
    process.stderr.write(`${names[j]} done\n`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
