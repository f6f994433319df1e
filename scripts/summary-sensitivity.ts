/**
 * Sensitivity of the crossread summarizer to its settings: ROUGE on the DUC 2004
 * and Multi-News dev sets when each setting moves by ±25%, so that the risk on
 * held-out data is visible (a claim that holds only at one setting is luck).
 *
 *   node --import tsx scripts/summary-sensitivity.ts ../shared/data/dev/duc2004-dev.jsonl \
 *     ../shared/data/dev/multinews-val-sample.jsonl [model-a.json model-b.json …]
 *
 * Extra arguments are concept-model files (e.g. refitted with other data-set
 * shares by ./fit-concept-model.ts) and get a row each. Then the concept model is cross-fitted:
 * refitted on Multi-News and one half of the DUC clusters (odd or even), and
 * scored on the other half, so that the DUC figures do not rest on a model that
 * saw those clusters' references. Prints Markdown on stdout; progress on stderr. Every row is scored by the same ROUGE code as `crossread eval`
 * (duc2004 setting: recall, 100 words; multinews: F, 250 words).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { AnnotatedArticle } from '../src/types.js';
import { annotate } from '../src/text/nlp.js';
import { readDataset } from '../src/eval/dataset.js';
import { rougeScoreTexts, rougeText, type RougeText } from '../src/eval/rouge.js';
import { settingSpec, type EvalSetting } from '../src/eval/run.js';
import { summaryText } from '../src/summarize/common.js';
import { crossreadSummary, CROSSREAD_DEFAULTS, type CrossreadParams } from '../src/summarize/crossread.js';
import { CONCEPT_FEATURES, checkModel, conceptModel, type ConceptModel } from '../src/summarize/concepts.js';
import { addClusterRows, fitLogistic, type Rows } from './fit-concept-model.js';

interface Loaded {
  setting: EvalSetting;
  docs: AnnotatedArticle[][];
  refs: RougeText[][];
  references: string[][];
}

async function loadSet(path: string, setting: EvalSetting): Promise<Loaded> {
  const spec = settingSpec(setting);
  const ds = await readDataset(path);
  return {
    setting,
    docs: ds.clusters.map((c) => c.articles.map((a) => annotate(a))),
    refs: ds.clusters.map((c) => c.references.map((r) => rougeText(r, spec.rouge))),
    references: ds.clusters.map((c) => c.references),
  };
}

/** Mean ROUGE-1 and ROUGE-2 (recall for duc2004, F for multinews) of crossread with `params`. */
export function scoreWith(set: Loaded, params: CrossreadParams): { r1: number; r2: number } {
  const spec = settingSpec(set.setting);
  const key = spec.headline;
  let r1 = 0;
  let r2 = 0;
  set.docs.forEach((docs, i) => {
    const text = summaryText(crossreadSummary(docs, { words: spec.words, overrun: spec.overrun }, params));
    const s = rougeScoreTexts(rougeText(text, spec.rouge), set.refs[i] as RougeText[], spec.rouge);
    r1 += (s['ROUGE-1'] as { R: number; F: number })[key];
    r2 += (s['ROUGE-2'] as { R: number; F: number })[key];
  });
  const n = Math.max(1, set.docs.length);
  return { r1: r1 / n, r2: r2 / n };
}

/** The ±25% variants of every setting, plus the shipped defaults. */
export function variants(extraModels: Array<[string, ConceptModel]> = []): Array<[string, CrossreadParams]> {
  const d = CROSSREAD_DEFAULTS;
  const base = conceptModel();
  const scaled = (t: number): ConceptModel => ({ ...base, bigram: base.bigram.map((b) => b * t), unigram: base.unigram.map((b) => b * t) });
  const pm = (x: number, f: number) => Number((x * f).toFixed(4));
  return [
    [`defaults (r ${d.costExponent}, λ ${d.unigramWeight}, λf ${d.unigramWeight}, minWords ${d.minWords})`, {}],
    [`cost exponent r −25% (${pm(d.costExponent, 0.75)})`, { costExponent: pm(d.costExponent, 0.75) }],
    [`cost exponent r +25% (${pm(d.costExponent, 1.25)})`, { costExponent: pm(d.costExponent, 1.25) }],
    [`unigram weight λ −25% (${pm(d.unigramWeight, 0.75)})`, { unigramWeight: pm(d.unigramWeight, 0.75), functionWordWeight: d.unigramWeight }],
    [`unigram weight λ +25% (${pm(d.unigramWeight, 1.25)})`, { unigramWeight: pm(d.unigramWeight, 1.25), functionWordWeight: d.unigramWeight }],
    [`function-word weight λf −25% (${pm(d.unigramWeight, 0.75)})`, { functionWordWeight: pm(d.unigramWeight, 0.75) }],
    [`function-word weight λf +25% (${pm(d.unigramWeight, 1.25)})`, { functionWordWeight: pm(d.unigramWeight, 1.25) }],
    ['both λ and λf −25%', { unigramWeight: pm(d.unigramWeight, 0.75), functionWordWeight: pm(d.unigramWeight, 0.75) }],
    ['both λ and λf +25%', { unigramWeight: pm(d.unigramWeight, 1.25), functionWordWeight: pm(d.unigramWeight, 1.25) }],
    [`minWords −25% (${Math.round(d.minWords * 0.75)})`, { minWords: Math.round(d.minWords * 0.75) }],
    [`minWords +25% (${Math.round(d.minWords * 1.25)})`, { minWords: Math.round(d.minWords * 1.25) }],
    ['concept-model logits ×0.75', { model: scaled(0.75) }],
    ['concept-model logits ×1.25', { model: scaled(1.25) }],
    ...extraModels.map(([name, model]): [string, CrossreadParams] => [`concept model ${name}`, { model }]),
    ['no function-word term (λf = 0)', { functionWordWeight: 0 }],
  ];
}

function subset(set: Loaded, keep: (i: number) => boolean): Loaded {
  const idx = set.docs.map((_, i) => i).filter(keep);
  return { setting: set.setting, docs: idx.map((i) => set.docs[i]!), refs: idx.map((i) => set.refs[i]!), references: idx.map((i) => set.references[i]!) };
}

/** Fits a concept model as ./fit-concept-model.ts does (each data set half the weight) on the given clusters. */
function fitOn(sets: Loaded[]): ConceptModel {
  const rows = { bigram: { X: [], y: [], w: [] } as Rows, unigram: { X: [], y: [], w: [] } as Rows };
  const total = sets.reduce((a, s) => a + s.docs.length, 0);
  for (const set of sets) {
    const per = total / sets.length / Math.max(1, set.docs.length);
    set.docs.forEach((docs, i) => addClusterRows(rows, { docs, references: set.references[i] ?? [] }, per));
  }
  return { features: [...CONCEPT_FEATURES], bigram: fitLogistic(rows.bigram.X, rows.bigram.y, rows.bigram.w).beta, unigram: fitLogistic(rows.unigram.X, rows.unigram.y, rows.unigram.w).beta };
}

async function main(argv: string[]): Promise<void> {
  const [duc, multinews, ...models] = argv;
  if (!duc || !multinews) {
    process.stderr.write('usage: node --import tsx scripts/summary-sensitivity.ts <duc2004.jsonl> <multinews.jsonl> [concept-model.json…]\n');
    process.exitCode = 2;
    return;
  }
  const extra = models.map((f): [string, ConceptModel] => [f.replace(/^.*\//, ''), checkModel(JSON.parse(readFileSync(f, 'utf8')) as ConceptModel, f)]);
  process.stderr.write('reading and annotating the data sets…\n');
  const [d, m] = await Promise.all([loadSet(duc, 'duc2004'), loadSet(multinews, 'multinews')]);
  process.stdout.write('| variant | DUC R-1 R | DUC R-2 R | MN R-1 F | MN R-2 F |\n|---|---|---|---|---|\n');
  for (const [name, params] of variants(extra)) {
    const a = scoreWith(d, params);
    const b = scoreWith(m, params);
    process.stdout.write(`| ${name} | ${a.r1.toFixed(4)} | ${a.r2.toFixed(4)} | ${b.r1.toFixed(4)} | ${b.r2.toFixed(4)} |\n`);
  }
  process.stdout.write('\n| DUC half scored | clusters | model fitted on | R-1 R | R-2 R | shipped model R-1 R | R-2 R |\n|---|---|---|---|---|---|---|\n');
  let sum1 = 0;
  let sum2 = 0;
  for (const half of [0, 1]) {
    const test = subset(d, (i) => i % 2 === half);
    const model = fitOn([subset(d, (i) => i % 2 !== half), m]);
    const a = scoreWith(test, { model });
    const b = scoreWith(test, {});
    sum1 += a.r1 * test.docs.length;
    sum2 += a.r2 * test.docs.length;
    process.stdout.write(`| ${half ? 'odd' : 'even'} | ${test.docs.length} | Multi-News + the other half | ${a.r1.toFixed(4)} | ${a.r2.toFixed(4)} | ${b.r1.toFixed(4)} | ${b.r2.toFixed(4)} |\n`);
  }
  process.stdout.write(`| all (cross-fitted) | ${d.docs.length} | | ${(sum1 / d.docs.length).toFixed(4)} | ${(sum2 / d.docs.length).toFixed(4)} | | |\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
