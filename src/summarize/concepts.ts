/**
 * Concepts of a story and how likely a reference summary is to contain each.
 *
 * A concept is a word bigram of stems (Gillick & Favre 2009), unless both words
 * are function words, or a content-word unigram. Each concept gets the probability
 * that a human summary of the story contains it, estimated by a logistic model over
 * features that need nothing but the story itself (after Li, Qian & Liu 2013,
 * "Using supervised bigram-based ILP for extractive summarization", and Hong &
 * Nenkova 2014, RegSum, who weight concepts by such regressions):
 *
 * - how many of the articles report it, as a share of the story (scale-free: the
 *   same share means the same with 2 articles or 10), with the story size as a
 *   feature so the model can learn that the share is worth more in larger stories;
 * - how early it first appears, in any article (the inverted pyramid) and on
 *   average over articles, and in how many articles it is in the opening sentence;
 * - how often it recurs, whether it occurs mostly inside quotations, whether it is
 *   a name or a number, whether it pairs a content word with a function word.
 *
 * The coefficients are data (data/summarize/concept-model.json), fitted on the
 * development sets by ./fit.ts; this module only computes features and applies
 * the model. Written by hand: no library computes summarisation concept features
 * over crossread's own annotations, and a logistic model is a dot product.
 */
import type { AnnotatedArticle, Sentence, Token } from '../types.js';
import { loadJson } from '../data.js';

/** Feature names, in the order of the feature vector (the model file names them too). */
export const CONCEPT_FEATURES = [
  'bias',
  'dfShare',
  'earliest',
  'meanLead',
  'logTf',
  'withFunctionWord',
  'logN',
  'dfShareLogN',
  'openingShare',
  'properNoun',
  'number',
  'quoteShare',
  'earliestRel',
  'logDf',
  'logRepeat',
  'earliest0',
  'earliest1',
  'earliest2',
  'earliest3to5',
  'earliest6to10',
  'atLeastTwo',
  'allArticles',
  'sqrtDfShare',
  'meanLeadExp',
] as const;

export type ConceptFeature = (typeof CONCEPT_FEATURES)[number];

/** A fitted concept model: one coefficient vector for bigrams, one for unigrams. */
export interface ConceptModel {
  features: string[];
  bigram: number[];
  unigram: number[];
  /** How the model was fitted (data sets, weights, command): provenance, not used. */
  fitted?: Record<string, unknown>;
}

/** Reporting verbs, weak like function words: "said" with a name is not a concept. */
const REPORTING = new Set(['said', 'say', 'says', 'told', 'tell', 'tells']);
const ALNUM = /[\p{L}\p{N}]/u;
const QUOTE_OPENING = /^(?:["“'‘]|``)/;

/** A word token (letters or digits) that ROUGE and concepts count. */
export function isWordToken(t: Token): boolean {
  return (t.kind === 'word' || t.kind === 'number') && ALNUM.test(t.text);
}

/** A function word: a stop word or a reporting verb. */
export function isFunctionWord(t: Token): boolean {
  return t.stop || REPORTING.has(t.norm);
}

/** One occurrence of a concept in a sentence. */
export interface Occurrence {
  key: string;
  unigram: boolean;
  withFunctionWord: boolean;
  properNoun: boolean;
  number: boolean;
}

/** The concept occurrences of a token sequence (a sentence, or what is left of one). */
export function occurrences(tokens: readonly Token[]): Occurrence[] {
  const words = tokens.filter(isWordToken);
  const out: Occurrence[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i] as Token;
    const b = words[i + 1] as Token;
    const fa = isFunctionWord(a);
    const fb = isFunctionWord(b);
    if (fa && fb) continue;
    out.push({
      key: `${a.stem} ${b.stem}`,
      unigram: false,
      withFunctionWord: fa || fb,
      properNoun: a.pos === 'PROPN' || b.pos === 'PROPN',
      number: a.kind === 'number' || a.pos === 'NUM' || b.kind === 'number' || b.pos === 'NUM',
    });
  }
  for (const t of words) {
    if (isFunctionWord(t)) continue;
    out.push({ key: t.stem, unigram: true, withFunctionWord: false, properNoun: t.pos === 'PROPN', number: t.kind === 'number' || t.pos === 'NUM' });
  }
  return out;
}

interface Tally {
  unigram: boolean;
  df: number;
  tf: number;
  earliest: number;
  earliestRel: number;
  leadSum: number;
  leadExpSum: number;
  opening: number;
  quoted: number;
  withFunctionWord: boolean;
  properNoun: boolean;
  number: boolean;
}

/** The concepts of a story: their keys, feature vectors, and the concepts of each sentence. */
export interface StoryConcepts {
  keys: string[];
  unigram: Uint8Array;
  /** Row-major features, CONCEPT_FEATURES.length per concept. */
  features: Float64Array;
  /** Concept ids of each sentence (with repeats), by sentence. */
  ofSentence: Map<Sentence, Int32Array>;
  /** Concept id of a key, for token sequences other than whole sentences. */
  id: Map<string, number>;
}

/** Counts every concept of the story and computes its features. */
export function storyConcepts(docs: readonly AnnotatedArticle[]): StoryConcepts {
  const n = docs.length;
  const tallies: Tally[] = [];
  const id = new Map<string, number>();
  const keys: string[] = [];
  const ofSentence = new Map<Sentence, Int32Array>();
  for (const d of docs) {
    const seenHere = new Set<number>();
    const sentences = Math.max(1, d.sentences.length);
    for (const s of d.sentences) {
      const quoted = QUOTE_OPENING.test(s.text);
      const occ = occurrences(s.tokens);
      const ids = new Int32Array(occ.length);
      occ.forEach((o, j) => {
        let c = id.get(o.key);
        if (c === undefined) {
          c = keys.length;
          id.set(o.key, c);
          keys.push(o.key);
          tallies.push({
            unigram: o.unigram,
            df: 0,
            tf: 0,
            earliest: Infinity,
            earliestRel: 1,
            leadSum: 0,
            leadExpSum: 0,
            opening: 0,
            quoted: 0,
            withFunctionWord: o.withFunctionWord,
            properNoun: false,
            number: false,
          });
        }
        ids[j] = c;
        const t = tallies[c] as Tally;
        t.tf++;
        if (quoted) t.quoted++;
        if (o.properNoun) t.properNoun = true;
        if (o.number) t.number = true;
        if (!seenHere.has(c)) {
          seenHere.add(c);
          t.df++;
          t.earliest = Math.min(t.earliest, s.index);
          t.earliestRel = Math.min(t.earliestRel, s.index / sentences);
          t.leadSum += 1 / (1 + s.index);
          t.leadExpSum += Math.exp(-s.index / 5);
          if (s.index === 0) t.opening++;
        }
      });
      ofSentence.set(s, ids);
    }
  }
  const F = CONCEPT_FEATURES.length;
  const features = new Float64Array(keys.length * F);
  const unigram = new Uint8Array(keys.length);
  const logN = Math.log(Math.max(1, n));
  tallies.forEach((t, c) => {
    const share = t.df / Math.max(1, n);
    const e = t.earliest;
    const row: Record<ConceptFeature, number> = {
      bias: 1,
      dfShare: share,
      earliest: 1 / (1 + e),
      meanLead: t.leadSum / Math.max(1, n),
      logTf: Math.log(t.tf),
      withFunctionWord: t.withFunctionWord ? 1 : 0,
      logN,
      dfShareLogN: share * logN,
      openingShare: t.opening / Math.max(1, n),
      properNoun: t.properNoun ? 1 : 0,
      number: t.number ? 1 : 0,
      quoteShare: t.quoted / t.tf,
      earliestRel: t.earliestRel,
      logDf: Math.log(t.df),
      logRepeat: Math.log(t.tf / t.df),
      earliest0: e === 0 ? 1 : 0,
      earliest1: e === 1 ? 1 : 0,
      earliest2: e === 2 ? 1 : 0,
      earliest3to5: e >= 3 && e <= 5 ? 1 : 0,
      earliest6to10: e >= 6 && e <= 10 ? 1 : 0,
      atLeastTwo: t.df >= 2 ? 1 : 0,
      allArticles: t.df === n && n > 1 ? 1 : 0,
      sqrtDfShare: Math.sqrt(share),
      meanLeadExp: t.leadExpSum / Math.max(1, n),
    };
    CONCEPT_FEATURES.forEach((f, j) => {
      features[c * F + j] = row[f];
    });
    unigram[c] = t.unigram ? 1 : 0;
  });
  return { keys, unigram, features, ofSentence, id };
}

let shipped: ConceptModel | null = null;

/** The concept model shipped with crossread (data/summarize/concept-model.json), checked once. */
export function conceptModel(): ConceptModel {
  if (!shipped) shipped = checkModel(loadJson<ConceptModel>('summarize/concept-model.json'), 'data/summarize/concept-model.json');
  return shipped;
}

/** Validates a model's shape against the feature list; throws naming the file and the reason. */
export function checkModel(m: ConceptModel, source: string): ConceptModel {
  const want = CONCEPT_FEATURES.join(',');
  if (!Array.isArray(m.features) || m.features.join(',') !== want) {
    throw new Error(`${source}: the model's features (${String(m.features)}) are not crossread's (${want}); refit it with src/summarize/fit.ts`);
  }
  for (const part of ['bigram', 'unigram'] as const) {
    const b = m[part];
    if (!Array.isArray(b) || b.length !== CONCEPT_FEATURES.length || b.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      throw new Error(`${source}: "${part}" must hold ${CONCEPT_FEATURES.length} finite coefficients`);
    }
  }
  return m;
}

/** Probability that a reference summary contains each concept (by concept id). */
export function conceptProbabilities(sc: StoryConcepts, model: ConceptModel = conceptModel()): Float64Array {
  const F = CONCEPT_FEATURES.length;
  const out = new Float64Array(sc.keys.length);
  for (let c = 0; c < out.length; c++) {
    const beta = sc.unigram[c] ? model.unigram : model.bigram;
    let z = 0;
    for (let j = 0; j < F; j++) z += (beta[j] as number) * (sc.features[c * F + j] as number);
    out[c] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

/**
 * Function words and how many times a summary of `words` words may be expected to
 * use each: ROUGE-1 counts "the", "of", "said" like any word, clipped by how often
 * a reference uses them. The expected count is the word's rate in the story's own
 * text times the summary length; the chance that a reference holds at least k of
 * them is the Poisson tail. Returned as `tails[k]` = P(count ≥ k + 1), k < 24.
 */
export function functionWordTails(docs: readonly AnnotatedArticle[], words: number): Map<string, Float64Array> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const d of docs) {
    for (const s of d.sentences) {
      for (const t of s.tokens) {
        if (!isWordToken(t)) continue;
        total++;
        if (isFunctionWord(t)) counts.set(t.norm, (counts.get(t.norm) ?? 0) + 1);
      }
    }
  }
  const out = new Map<string, Float64Array>();
  for (const [w, c] of counts) out.set(w, poissonTail((c / Math.max(1, total)) * words, TAIL_LENGTH));
  return out;
}

export const TAIL_LENGTH = 24;

/** P(X ≥ k + 1) for X ~ Poisson(mean), k = 0 … length − 1. */
export function poissonTail(mean: number, length: number): Float64Array {
  const tail = new Float64Array(length);
  let pk = Math.exp(-mean);
  let cdf = 0;
  for (let k = 0; k < length; k++) {
    cdf += pk;
    tail[k] = Math.max(0, 1 - cdf);
    pk = (pk * mean) / (k + 1);
  }
  return tail;
}
