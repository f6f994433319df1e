/**
 * Fitting the concept model (src/summarize/concepts.ts): the probability that a reference
 * summary contains a concept, by logistic regression on the concept features of
 * development clusters, labelled by whether any reference holds the concept.
 *
 *   node --import tsx scripts/fit-concept-model.ts ../shared/data/dev/duc2004-dev.jsonl \
 *     ../shared/data/dev/multinews-val-sample.jsonl -o data/summarize/concept-model.json
 *
 * Each data set weighs the same in total and each cluster the same within its data
 * set (25 DUC clusters of 10 articles count as much as 250 Multi-News clusters of
 * 2–3), so the model serves both story sizes; the story size is a feature. Bigram
 * and unigram concepts get separate coefficients.
 *
 * Newton's method (iteratively reweighted least squares) with a small ridge
 * penalty, written by hand: it is thirty lines for two dozen features, where a
 * numerical library would be a heavy dependency for one offline fit.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { AnnotatedArticle, Article } from '../src/types.js';
import { annotate } from '../src/text/nlp.js';
import { readDataset } from '../src/eval/dataset.js';
import { CONCEPT_FEATURES, occurrences, storyConcepts, type ConceptModel } from '../src/summarize/concepts.js';

/** Concept keys of a reference summary. */
export function referenceConcepts(text: string): Set<string> {
  const article: Article = {
    id: 'reference',
    path: 'reference',
    format: 'text',
    url: null,
    title: null,
    byline: null,
    outlet: null,
    published: null,
    publishedEvidence: null,
    rawText: text,
    text,
    rawWords: 0,
    words: 0,
    removed: [],
    encoding: 'utf-8',
    language: 'en',
    diagnostics: [],
  };
  const keys = new Set<string>();
  for (const s of annotate(article).sentences) for (const o of occurrences(s.tokens)) keys.add(o.key);
  return keys;
}

/** Weighted, labelled feature rows of one kind of concept. */
export interface Rows {
  X: number[][];
  y: number[];
  w: number[];
}

export interface TrainingCluster {
  docs: AnnotatedArticle[];
  references: string[];
}

/** Adds the rows of one cluster: every concept of the story, labelled by the references. */
export function addClusterRows(rows: { bigram: Rows; unigram: Rows }, cluster: TrainingCluster, clusterWeight: number): void {
  const inRef = new Set<string>();
  for (const r of cluster.references) for (const k of referenceConcepts(r)) inRef.add(k);
  const sc = storyConcepts(cluster.docs);
  const F = CONCEPT_FEATURES.length;
  const count = { bigram: 0, unigram: 0 };
  for (let c = 0; c < sc.keys.length; c++) count[sc.unigram[c] ? 'unigram' : 'bigram']++;
  for (let c = 0; c < sc.keys.length; c++) {
    const kind = sc.unigram[c] ? 'unigram' : 'bigram';
    const part = rows[kind];
    part.X.push(Array.from(sc.features.subarray(c * F, (c + 1) * F)));
    part.y.push(inRef.has(sc.keys[c] as string) ? 1 : 0);
    part.w.push(clusterWeight / count[kind]);
  }
}

/**
 * Weighted logistic regression by Newton's method: maximises
 * Σ w_i [y_i log σ(x_i·β) + (1 − y_i) log(1 − σ(x_i·β))] − (ridge/2)·|β_1…|²
 * (the first feature, the bias, is not penalised). Returns β and the log-likelihood.
 */
export function fitLogistic(X: number[][], y: number[], w: number[], ridge = 1e-3, maxIterations = 50): { beta: number[]; logLikelihood: number; iterations: number } {
  const d = X[0]?.length ?? 0;
  let beta = new Array<number>(d).fill(0);
  let ll = 0;
  let it = 0;
  for (; it < maxIterations; it++) {
    const g = new Array<number>(d).fill(0);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    ll = 0;
    for (let i = 0; i < X.length; i++) {
      const x = X[i] as number[];
      let z = 0;
      for (let j = 0; j < d; j++) z += (beta[j] as number) * (x[j] as number);
      const p = 1 / (1 + Math.exp(-z));
      const wi = w[i] as number;
      const yi = y[i] as number;
      ll += wi * (yi * Math.log(p + 1e-12) + (1 - yi) * Math.log(1 - p + 1e-12));
      for (let j = 0; j < d; j++) {
        const xj = x[j] as number;
        if (xj === 0) continue;
        (g[j] as number) += wi * (yi - p) * xj;
        const hj = H[j] as number[];
        const s = wi * p * (1 - p) * xj;
        for (let k = j; k < d; k++) hj[k] = (hj[k] as number) + s * (x[k] as number);
      }
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) (H[j] as number[])[k] = (H[k] as number[])[j] as number;
    for (let j = 1; j < d; j++) {
      g[j] = (g[j] as number) - ridge * (beta[j] as number);
      (H[j] as number[])[j] = ((H[j] as number[])[j] as number) + ridge;
    }
    (H[0] as number[])[0] = ((H[0] as number[])[0] as number) + 1e-9;
    const delta = solve(H, g);
    beta = beta.map((b, j) => b + (delta[j] as number));
    if (Math.max(...delta.map(Math.abs)) < 1e-8) break;
  }
  return { beta, logLikelihood: ll, iterations: it + 1 };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A symmetric positive definite here). */
export function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((M[r] as number[])[c] as number) > Math.abs((M[piv] as number[])[c] as number)) piv = r;
    [M[c], M[piv]] = [M[piv] as number[], M[c] as number[]];
    const pc = (M[c] as number[])[c] as number;
    if (pc === 0) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = ((M[r] as number[])[c] as number) / pc;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) (M[r] as number[])[k] = ((M[r] as number[])[k] as number) - f * ((M[c] as number[])[k] as number);
    }
  }
  return M.map((row, i) => {
    const p = row[i] as number;
    return p === 0 ? 0 : (row[n] as number) / p;
  });
}

/**
 * Fits the concept model on dataset files. Each weighs the same in total unless
 * `shares` gives each file's share of the total weight (e.g. [0.5, 0.5]).
 */
export async function fitConceptModel(paths: string[], onProgress?: (msg: string) => void, shares?: number[]): Promise<ConceptModel> {
  const rows = { bigram: { X: [], y: [], w: [] } as Rows, unigram: { X: [], y: [], w: [] } as Rows };
  const sets: Array<{ path: string; clusters: number; share: number }> = [];
  const loaded: Array<{ path: string; clusters: TrainingCluster[] }> = [];
  for (const path of paths) {
    const ds = await readDataset(path);
    for (const d of ds.diagnostics) onProgress?.(`${d.level}: ${d.message}`);
    loaded.push({ path, clusters: ds.clusters.map((c) => ({ docs: c.articles.map((a) => annotate(a)), references: c.references })) });
    onProgress?.(`${path}: ${ds.clusters.length} clusters annotated`);
  }
  const total = loaded.reduce((a, l) => a + l.clusters.length, 0);
  const shareSum = shares ? shares.reduce((a, b) => a + b, 0) : loaded.length;
  loaded.forEach((l, i) => {
    // Every data set weighs total · share in all; each of its clusters the same part of that.
    const share = shares ? (shares[i] ?? 0) / shareSum : 1 / loaded.length;
    const perCluster = (total * share) / Math.max(1, l.clusters.length);
    for (const c of l.clusters) addClusterRows(rows, c, perCluster);
    sets.push({ path: l.path.replace(/^.*\/(?=[^/]+$)/, ''), clusters: l.clusters.length, share: Number(share.toFixed(4)) });
  });
  const bigram = fitLogistic(rows.bigram.X, rows.bigram.y, rows.bigram.w);
  const unigram = fitLogistic(rows.unigram.X, rows.unigram.y, rows.unigram.w);
  onProgress?.(`bigram: ${rows.bigram.X.length} concepts, log-likelihood ${bigram.logLikelihood.toFixed(3)}, ${bigram.iterations} iterations`);
  onProgress?.(`unigram: ${rows.unigram.X.length} concepts, log-likelihood ${unigram.logLikelihood.toFixed(3)}, ${unigram.iterations} iterations`);
  const round = (xs: number[]) => xs.map((x) => Number(x.toFixed(6)));
  return {
    features: [...CONCEPT_FEATURES],
    bigram: round(bigram.beta),
    unigram: round(unigram.beta),
    fitted: {
      by: 'scripts/fit-concept-model.ts (logistic regression, Newton, ridge 1e-3)',
      target: 'concept occurs in any reference summary of the cluster',
      datasets: sets,
      weighting: 'each data set its share of the total, each cluster the same within its data set',
      concepts: { bigram: rows.bigram.X.length, unigram: rows.unigram.X.length },
    },
  };
}

async function main(argv: string[]): Promise<void> {
  const out = argv.includes('-o') ? argv[argv.indexOf('-o') + 1] : null;
  // <dataset.jsonl>[=share]: a file and, optionally, its share of the total weight.
  const args = argv.filter((a, i) => a !== '-o' && argv[i - 1] !== '-o').map((a) => /^(.*?)(?:=([\d.]+))?$/.exec(a) as RegExpExecArray);
  const paths = args.map((m) => m[1] as string);
  const shares = args.some((m) => m[2] !== undefined) ? args.map((m) => Number(m[2] ?? 1)) : undefined;
  if (paths.length === 0 || shares?.some((x) => !Number.isFinite(x) || x < 0)) {
    process.stderr.write('usage: node --import tsx scripts/fit-concept-model.ts <dataset.jsonl>[=share]… [-o concept-model.json]\n');
    process.exitCode = 2;
    return;
  }
  const model = await fitConceptModel(paths, (m) => process.stderr.write(`${m}\n`), shares);
  // Arrays of numbers or names on one line each: the file is read by people too.
  const json = `${JSON.stringify(model, null, 2).replace(/\[[^\[\]{}]*\]/g, (a) => a.replace(/\s*\n\s*/g, ' ').replace(/\[ /, '[').replace(/ \]/, ']'))}\n`;
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
