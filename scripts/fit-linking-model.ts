/**
 * Fitting the story-linking model (src/stories/linking.ts) on labelled dev streams, and
 * validating it on held-out ones.
 *
 *   node --import tsx scripts/fit-linking-model.ts ../shared/data/dev/multinews-val-sample.jsonl \
 *     ../shared/data/dev/cluster-wikiref220.jsonl ../shared/data/dev/duc2004-dev.jsonl \
 *     [-o data/stories/linking-model.json] [--no-validate]
 *
 * Training pairs: each file is replayed as a shuffled stream (batches of 16, as
 * `eval-cluster` delivers it) through the in-memory clusterer, which reports every
 * arriving article's candidate stories with their linking features; a pair is positive
 * when at least half of the candidate story's members share a gold story with the
 * article (joining a story mostly of other events is a mistake, even when one member
 * is right). Two rounds: the streams are replayed under the cosine rule, a model is
 * fitted, and the streams are replayed again under that model, so that the pairs also
 * come from the states the model itself leads to (its own mistakes); the final fit
 * uses both rounds' pairs. Each file weighs the same in total, each pair the same
 * within its file. Shuffle seeds 101–102 for training (eval-cluster's default seeds
 * are 1–3); everything is deterministic.
 *
 * Validation: leave one file out — fit on the other files, then `evaluateClustering`
 * (the code of `crossread eval-cluster`) on the held-out file with seeds 1–3, next to the
 * cosine rule on the same streams; then cluster-level 2-fold — every file's gold stories
 * in two halves, fit on one half of every file, score the other half's stream. Figures
 * on training streams are printed only as such (for diagnosis), never as the result.
 *
 * Logistic regression by Newton's method with a small ridge (./fit-concept-model.ts).
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { articleFromRecord } from '../src/ingest/index.js';
import { evaluateClustering, readGold, shuffle, type GoldDoc } from '../src/eval/clustering.js';
import { extractFeatures, type ExtractedFeatures } from '../src/stories/features.js';
import { StoryClusterer, type ClusterOptions } from '../src/stories/cluster.js';
import { LINK_FEATURES, type LinkingModel } from '../src/stories/linking.js';
import { extendedBcubed } from '../src/eval/extended-bcubed.js';
import { fnv1a } from '../src/random.js';
import { fitLogistic } from './fit-concept-model.js';

export interface LabelledStream {
  file: string;
  docs: GoldDoc[];
  /** Features of the documents ingest keeps (the others are never clustered). */
  features: Map<string, ExtractedFeatures>;
  gold: Map<string, string[]>;
}

export async function loadStream(file: string): Promise<LabelledStream> {
  const docs = await readGold(file);
  const features = new Map<string, ExtractedFeatures>();
  for (const d of docs) {
    const { article } = articleFromRecord({ id: d.id, text: d.text, ...(d.title !== undefined ? { title: d.title } : {}), ...(d.published ? { published: d.published } : {}) }, `${file}#${d.id}`);
    if (article) features.set(d.id, extractFeatures(article));
  }
  return { file, docs, features, gold: new Map(docs.map((d) => [d.id, d.labels])) };
}

export interface Pairs {
  X: number[][];
  y: number[];
}

/**
 * Replays a stream (shuffled by `seed`, batches of 16) through the in-memory clusterer with
 * `opts`, collecting the labelled candidate pairs of every arriving article.
 */
export function replayPairs(s: LabelledStream, seed: number, opts: Partial<ClusterOptions>): Pairs {
  return replay(s, seed, opts, true).pairs;
}

/**
 * Replays a stream (shuffled by `seed`, batches of 16) through the in-memory clusterer:
 * the labelled candidate pairs (when `record`) and the B-cubed F1 of the final stories
 * (documents ingest refuses as singletons, as eval-cluster scores them).
 */
export function replay(s: LabelledStream, seed: number, opts: Partial<ClusterOptions>, record: boolean): { pairs: Pairs; f1: number } {
  const out: Pairs = { X: [], y: [] };
  const c = new StoryClusterer(opts);
  if (record) c.linkObserver = (e) => {
    const mine = s.gold.get(e.articleId) ?? [];
    // The pairs near the decision: an article's two best candidates by centroid cosine,
    // when their cosine is at least MIN_COSINE (the many clearly unrelated candidates
    // would otherwise decide the fit, far from where the decision is made).
    const near = [...e.candidates].sort((a, b) => (b.features[0] as number) - (a.features[0] as number)).slice(0, TOP_CANDIDATES);
    for (const cand of near) {
      if ((cand.features[0] as number) < MIN_COSINE) continue;
      let same = 0;
      for (const m of cand.members) if ((s.gold.get(m) ?? []).some((l) => mine.includes(l))) same++;
      out.X.push([1, ...cand.features]);
      out.y.push(same * 2 >= cand.members.length ? 1 : 0);
    }
  };
  const order = shuffle(s.docs, seed).filter((d) => s.features.has(d.id));
  for (let i = 0; i < order.length; i += 16) {
    const batch = order.slice(i, i + 16);
    const terms = batch.map((d) => c.observeInterned(s.features.get(d.id) as ExtractedFeatures));
    c.addBatch(batch.map((d, k) => ({ id: d.id, features: c.selectInterned(terms[k]!, s.features.get(d.id) as ExtractedFeatures) })));
  }
  const predicted = new Map<string, string[]>(s.docs.map((d) => [d.id, [c.storyOf(d.id) ?? `refused:${d.id}`]]));
  return { pairs: out, f1: extendedBcubed(predicted, s.gold).f1 };
}

const TRAIN_SEEDS = [101, 102];
const MIN_COSINE = 0.1;
const TOP_CANDIDATES = 2;
/** Features left out of the fit (their weight is 0), for ablations: `--drop names,cohesion`. */
let dropped: number[] = [];
const RIDGE = 1e-2;

/** Fits a model on the pairs of several streams: each stream weighs the same, each pair the same within it. */
function fitOn(pairsByStream: Pairs[], meta: Record<string, unknown>): LinkingModel {
  const X: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (const p of pairsByStream) {
    const share = 1 / Math.max(1, p.X.length);
    X.push(...p.X);
    y.push(...p.y);
    for (let i = 0; i < p.X.length; i++) w.push(share * 1000);
  }
  for (const x of X) for (const j of dropped) x[1 + j] = 0;
  const { beta } = fitLogistic(X, y, w, RIDGE, 100);
  const r = (x: number): number => Number(x.toFixed(5));
  return { features: [...LINK_FEATURES], intercept: r(beta[0] as number), weights: beta.slice(1).map(r), threshold: 0.5, fitted: { ...meta, pairs: X.length, positives: y.filter((v) => v === 1).length } };
}

/** Two rounds (rule replays, then replays under the first model), fitted on all pairs. */
export function fitLinkingModel(streams: LabelledStream[], onProgress?: (msg: string) => void): LinkingModel {
  const meta = {
    by: 'scripts/fit-linking-model.ts (logistic regression, Newton, ridge 1e-2)',
    target: 'at least half of the candidate story shares a gold story with the article',
    streams: streams.map((s) => basename(s.file)),
    seeds: TRAIN_SEEDS,
    rounds: 'replays under the cosine rule, then under the first fit; the final fit on both',
  };
  const round1 = streams.map((s) => merge(TRAIN_SEEDS.map((seed) => replayPairs(s, seed, { linking: 'rule' }))));
  const first = fitOn(round1, meta);
  onProgress?.(`  round 1: ${first.fitted?.pairs} pairs → ${JSON.stringify(first.weights)}`);
  const round2 = streams.map((s) => merge(TRAIN_SEEDS.map((seed) => replayPairs(s, seed, { linking: 'model', linkingModel: first }))));
  const model = fitOn(round1.map((p, i) => merge([p, round2[i] as Pairs])), meta);
  onProgress?.(`  round 2: ${model.fitted?.pairs} pairs → intercept ${model.intercept}, ${JSON.stringify(model.weights)}`);
  // The decision threshold: the probability at which the training streams group best
  // (mean B-cubed F1 over the files, training seeds), since a pair's probability is not
  // the clustering's objective.
  let best = { threshold: 0.5, f1: -1 };
  for (const threshold of THRESHOLDS) {
    const m = { ...model, threshold };
    const f1 = mean(streams.flatMap((s) => TRAIN_SEEDS.map((seed) => replay(s, seed, { linking: 'model', linkingModel: m }, false).f1)));
    if (f1 > best.f1 + 1e-9) best = { threshold, f1 };
  }
  onProgress?.(`  threshold ${best.threshold} (training streams' mean B-cubed F1 ${best.f1.toFixed(3)}, not a held-out figure)`);
  const tuned = { ...model, threshold: best.threshold };
  if (!search) return tuned;
  // The search starts from the better (training F1) of this fit and the cosine-only fit at
  // its best threshold (the rule's form): a start below the rule rarely climbs past it.
  const cosineOnly = fitOn(round1.map((p, i) => merge([p, round2[i] as Pairs])).map((p) => ({ X: p.X.map((x) => x.map((v, j) => (j <= 1 ? v : 0))), y: p.y })), meta);
  let bestCos = { threshold: 0.5, f1: -1 };
  for (const threshold of THRESHOLDS) {
    const f1 = mean(streams.flatMap((s) => TRAIN_SEEDS.map((seed) => replay(s, seed, { linking: 'model', linkingModel: { ...cosineOnly, threshold } }, false).f1)));
    if (f1 > bestCos.f1 + 1e-9) bestCos = { threshold, f1 };
  }
  onProgress?.(`  cosine-only fit: threshold ${bestCos.threshold}, training mean B-cubed F1 ${bestCos.f1.toFixed(3)}`);
  return bestCos.f1 > best.f1 ? searchF1(streams, { ...cosineOnly, threshold: bestCos.threshold }, bestCos.f1, onProgress) : searchF1(streams, tuned, best.f1, onProgress);
}

/** Whether the logistic fit is refined by a direct search on the training streams' B-cubed F1 (`--search`). */
let search = false;

/**
 * Coordinate search from the logistic fit: each coefficient (the intercept included)
 * moves by ± its step; a move is kept when the training streams' mean B-cubed F1 (all
 * files, training seeds, in-memory replays) rises by more than 0.0005; steps halve after a
 * pass without a move, for at most 6 passes. The pairwise log-loss is not the
 * clustering's objective; this optimises the objective itself, on training streams only.
 */
function searchF1(streams: LabelledStream[], start: LinkingModel, startF1: number, onProgress?: (msg: string) => void): LinkingModel {
  const objective = (m: LinkingModel): number => mean(streams.flatMap((s) => TRAIN_SEEDS.map((seed) => replay(s, seed, { linking: 'model', linkingModel: m }, false).f1)));
  let beta = [start.intercept, ...start.weights];
  let best = startF1;
  // Steps: a quarter of the coefficient, at least a quarter of the cosine's (the features
  // are of the same order, mostly in [0, 1]), so a coefficient at 0 can move.
  const floor = Math.max(1, Math.abs(start.weights[0] ?? 1));
  const steps = beta.map((b) => 0.25 * Math.max(Math.abs(b), floor));
  const at = (b: number[]): LinkingModel => ({ ...start, intercept: b[0] as number, weights: b.slice(1) });
  for (let pass = 0; pass < 6; pass++) {
    let moved = false;
    for (let j = 0; j < beta.length; j++) {
      if (j > 0 && dropped.includes(j - 1)) continue;
      for (const sign of [1, -1]) {
        const trial = beta.slice();
        trial[j] = (trial[j] as number) + sign * (steps[j] as number);
        const f1 = objective(at(trial));
        if (f1 > best + 5e-4) {
          best = f1;
          beta = trial;
          moved = true;
          break;
        }
      }
    }
    onProgress?.(`  search pass ${pass + 1}: training mean B-cubed F1 ${best.toFixed(4)} (not a held-out figure)`);
    if (!moved) for (let j = 0; j < steps.length; j++) steps[j] = (steps[j] as number) / 2;
  }
  const r = (x: number): number => Number(x.toFixed(5));
  return { ...at(beta.map(r)), fitted: { ...start.fitted, search: 'coordinate search on the training streams\' mean B-cubed F1 from the logistic fit' } };
}

const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

function merge(ps: Pairs[]): Pairs {
  return { X: ps.flatMap((p) => p.X), y: ps.flatMap((p) => p.y) };
}

/** The fold (0 or 1) of a document: of its first gold story (labels sorted), by FNV-1a of the label. */
function foldOf(labels: readonly string[]): number {
  return fnv1a([...labels].sort()[0] ?? '') % 2;
}

/** The documents of a stream whose fold passes `keep` (a document of several gold stories goes with its first). */
function subset(s: LabelledStream, keep: (fold: number) => boolean): LabelledStream {
  const docs = s.docs.filter((d) => keep(foldOf(d.labels)));
  const ids = new Set(docs.map((d) => d.id));
  return { file: s.file, docs, features: new Map([...s.features].filter(([id]) => ids.has(id))), gold: new Map([...s.gold].filter(([id]) => ids.has(id))) };
}

export interface HeldOut {
  file: string;
  mode: string;
  f1: number[];
  over: number[];
  maxGold: number;
}

/** `evaluateClustering` over seeds 1–3 (the numbers of `eval-cluster --seeds 3`). */
export async function evaluateSeeds(s: LabelledStream, cluster: Partial<ClusterOptions>, mode: string): Promise<HeldOut> {
  const runs = [];
  for (const seed of [1, 2, 3]) runs.push(await evaluateClustering(s.file, s.docs, { seed, cluster }));
  return { file: basename(s.file), mode, f1: runs.map((r) => r.bcubed.f1), over: runs.map((r) => r.storiesOverTwoGold), maxGold: Math.max(...runs.map((r) => r.maxGoldInOneStory)) };
}

export function row(h: HeldOut): string {
  const mean = h.f1.reduce((a, b) => a + b, 0) / h.f1.length;
  return `| ${h.file} | ${h.mode} | ${mean.toFixed(3)} (${Math.min(...h.f1).toFixed(3)}–${Math.max(...h.f1).toFixed(3)}) | ${Math.min(...h.over)}–${Math.max(...h.over)} | ${h.maxGold} |`;
}

async function main(argv: string[]): Promise<void> {
  const out = argv.includes('-o') ? argv[argv.indexOf('-o') + 1] : null;
  const validate = !argv.includes('--no-validate');
  const drop = argv.includes('--drop') ? (argv[argv.indexOf('--drop') + 1] ?? '').split(',').filter(Boolean) : [];
  const paths = argv.filter((a, i) => !['-o', '--drop'].includes(a) && !['-o', '--drop'].includes(argv[i - 1] ?? '') && !a.startsWith('--'));
  const unknown = drop.filter((f) => !(LINK_FEATURES as readonly string[]).includes(f));
  if (paths.length === 0 || unknown.length > 0) {
    if (unknown.length > 0) process.stderr.write(`--drop: ${unknown.join(', ')} not among the features (${LINK_FEATURES.join(', ')})\n`);
    process.stderr.write('usage: node --import tsx scripts/fit-linking-model.ts <labelled.jsonl>… [-o data/stories/linking-model.json] [--no-validate] [--drop feature,…]\n');
    process.exitCode = 2;
    return;
  }
  dropped = drop.map((f) => (LINK_FEATURES as readonly string[]).indexOf(f));
  search = argv.includes('--search');
  const log = (m: string): void => void process.stderr.write(`${m}\n`);
  const streams: LabelledStream[] = [];
  for (const p of paths) streams.push(await loadStream(p));
  if (validate && streams.length > 1) {
    const lines = ['| held-out file | linking | B-cubed F1 mean (min–max), seeds 1–3 | stories of > 2 gold | most gold in one |', '|---|---|---|---|---|'];
    for (const held of streams) {
      log(`held out: ${held.file}`);
      const model = fitLinkingModel(streams.filter((s) => s !== held), log);
      lines.push(row(await evaluateSeeds(held, { linking: 'rule' }, 'rule')));
      lines.push(row(await evaluateSeeds(held, { linking: 'model', linkingModel: model }, 'model (fitted without it)')));
    }
    // Cluster-level 2-fold: every file's gold stories split in two halves (by a hash of
    // the story's label); fit on one half of every file, score the other half's stream.
    for (const fold of [0, 1]) {
      log(`held out: fold ${fold} of every file's gold stories`);
      const model = fitLinkingModel(streams.map((s) => subset(s, (k) => k !== fold)), log);
      for (const s of streams) {
        const held = subset(s, (k) => k === fold);
        const name = `${basename(s.file)}, fold ${fold} (${held.docs.length} documents)`;
        lines.push(row({ ...(await evaluateSeeds(held, { linking: 'rule' }, 'rule')), file: name }));
        lines.push(row({ ...(await evaluateSeeds(held, { linking: 'model', linkingModel: model }, 'model (fitted on the other fold)')), file: name }));
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  log('all files:');
  const model = fitLinkingModel(streams, log);
  // Training figures, for diagnosis only (never the result): the in-memory replay of the
  // training seeds under the rule and under the model fitted on these very streams.
  for (const s of streams) {
    const f = (o: Partial<ClusterOptions>): string => TRAIN_SEEDS.map((seed) => replay(s, seed, o, false).f1.toFixed(3)).join(', ');
    log(`  training streams (not held out) ${basename(s.file)}: B-cubed F1 rule ${f({ linking: 'rule' })}; model ${f({ linking: 'model', linkingModel: model })}`);
  }
  const json = `${JSON.stringify(model, null, 2)}\n`;
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
