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
 * development sets by scripts/fit-concept-model.ts; this module only computes features and applies
 * the model. Written by hand: no library computes summarisation concept features
 * over crossread's own annotations, and a logistic model is a dot product.
 */
import type { AnnotatedArticle, Sentence, Token } from '../types.js';
import { loadJson } from '../data.js';
import { CrossreadError } from '../errors.js';

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
  // Stems and concepts get integer ids: a bigram is looked up by a number, not a new string.
  const stemId = new Map<string, number>();
  const stems: string[] = [];
  const bigramOf = new Map<number, number>();
  const unigramOf = new Map<number, number>();
  // Small keys stay small integers, which maps look up fastest: a stride just above the number of word tokens.
  let tokens = 0;
  for (const d of docs) for (const s of d.sentences) tokens += s.tokens.length;
  const STRIDE = 2 ** Math.ceil(Math.log2(tokens + 2));
  let lastDoc = new Int32Array(1024).fill(-1);
  const create = (key: string, isUnigram: boolean, withFunctionWord: boolean): number => {
    const c = keys.length;
    id.set(key, c);
    keys.push(key);
    tallies.push({
      unigram: isUnigram,
      df: 0,
      tf: 0,
      earliest: Infinity,
      earliestRel: 1,
      leadSum: 0,
      leadExpSum: 0,
      opening: 0,
      quoted: 0,
      withFunctionWord,
      properNoun: false,
      number: false,
    });
    if (c >= lastDoc.length) {
      const grown = new Int32Array(lastDoc.length * 2).fill(-1);
      grown.set(lastDoc);
      lastDoc = grown;
    }
    return c;
  };
  const isNumber = (t: Token) => t.kind === 'number' || t.pos === 'NUM';
  // Per-sentence buffers, reused: stem id and function-word flag of each word token.
  let st = new Int32Array(256);
  let fn = new Uint8Array(256);
  let wordTokens: Token[] = [];
  for (let di = 0; di < docs.length; di++) {
    const d = docs[di] as AnnotatedArticle;
    const sentences = Math.max(1, d.sentences.length);
    for (const s of d.sentences) {
      const quoted = QUOTE_OPENING.test(s.text);
      const index = s.index;
      wordTokens = [];
      for (const t of s.tokens) if (isWordToken(t)) wordTokens.push(t);
      const m = wordTokens.length;
      if (m > st.length) {
        st = new Int32Array(m * 2);
        fn = new Uint8Array(m * 2);
      }
      let count = 0;
      for (let i = 0; i < m; i++) {
        const t = wordTokens[i] as Token;
        let x = stemId.get(t.stem);
        if (x === undefined) {
          x = stems.length;
          stemId.set(t.stem, x);
          stems.push(t.stem);
        }
        st[i] = x;
        const f = isFunctionWord(t) ? 1 : 0;
        fn[i] = f;
        if (!f) count++;
        if (i > 0 && !(f && fn[i - 1])) count++;
      }
      const ids = new Int32Array(count);
      let j = 0;
      const tally = (c: number, properNoun: boolean, number: boolean): void => {
        ids[j++] = c;
        const t = tallies[c] as Tally;
        t.tf++;
        if (quoted) t.quoted++;
        if (properNoun) t.properNoun = true;
        if (number) t.number = true;
        if (lastDoc[c] !== di) {
          lastDoc[c] = di;
          t.df++;
          if (index < t.earliest) t.earliest = index;
          t.earliestRel = Math.min(t.earliestRel, index / sentences);
          t.leadSum += 1 / (1 + index);
          t.leadExpSum += Math.exp(-index / 5);
          if (index === 0) t.opening++;
        }
      };
      // Bigrams first, then unigrams: the order of occurrences().
      for (let i = 0; i + 1 < m; i++) {
        if (fn[i] && fn[i + 1]) continue;
        const a = st[i] as number;
        const b = st[i + 1] as number;
        const key = a * STRIDE + b;
        let c = bigramOf.get(key);
        if (c === undefined) {
          c = create(`${stems[a]} ${stems[b]}`, false, Boolean(fn[i] || fn[i + 1]));
          bigramOf.set(key, c);
        }
        const ta = wordTokens[i] as Token;
        const tb = wordTokens[i + 1] as Token;
        tally(c, ta.pos === 'PROPN' || tb.pos === 'PROPN', isNumber(ta) || isNumber(tb));
      }
      for (let i = 0; i < m; i++) {
        if (fn[i]) continue;
        const a = st[i] as number;
        let c = unigramOf.get(a);
        if (c === undefined) {
          c = create(stems[a] as string, true, false);
          unigramOf.set(a, c);
        }
        const t = wordTokens[i] as Token;
        tally(c, t.pos === 'PROPN', isNumber(t));
      }
      ofSentence.set(s, ids);
    }
  }
  const F = CONCEPT_FEATURES.length;
  const features = new Float64Array(keys.length * F);
  const unigram = new Uint8Array(keys.length);
  const logN = Math.log(Math.max(1, n));
  const perArticle = 1 / Math.max(1, n);
  // Written in the order of CONCEPT_FEATURES (the tests read features back by name).
  for (let c = 0, o = 0; c < tallies.length; c++, o += F) {
    const t = tallies[c] as Tally;
    const share = t.df * perArticle;
    const e = t.earliest;
    features[o] = 1; // bias
    features[o + 1] = share; // dfShare
    features[o + 2] = 1 / (1 + e); // earliest
    features[o + 3] = t.leadSum * perArticle; // meanLead
    features[o + 4] = Math.log(t.tf); // logTf
    features[o + 5] = t.withFunctionWord ? 1 : 0; // withFunctionWord
    features[o + 6] = logN; // logN
    features[o + 7] = share * logN; // dfShareLogN
    features[o + 8] = t.opening * perArticle; // openingShare
    features[o + 9] = t.properNoun ? 1 : 0; // properNoun
    features[o + 10] = t.number ? 1 : 0; // number
    features[o + 11] = t.quoted / t.tf; // quoteShare
    features[o + 12] = t.earliestRel; // earliestRel
    features[o + 13] = Math.log(t.df); // logDf
    features[o + 14] = Math.log(t.tf / t.df); // logRepeat
    features[o + 15] = e === 0 ? 1 : 0; // earliest0
    features[o + 16] = e === 1 ? 1 : 0; // earliest1
    features[o + 17] = e === 2 ? 1 : 0; // earliest2
    features[o + 18] = e >= 3 && e <= 5 ? 1 : 0; // earliest3to5
    features[o + 19] = e >= 6 && e <= 10 ? 1 : 0; // earliest6to10
    features[o + 20] = t.df >= 2 ? 1 : 0; // atLeastTwo
    features[o + 21] = t.df === n && n > 1 ? 1 : 0; // allArticles
    features[o + 22] = Math.sqrt(share); // sqrtDfShare
    features[o + 23] = t.leadExpSum * perArticle; // meanLeadExp
    unigram[c] = t.unigram ? 1 : 0;
  }
  return { keys, unigram, features, ofSentence, id };
}

let shipped: ConceptModel | null = null;

/** The concept model shipped with crossread (data/summarize/concept-model.json), checked once. */
export function conceptModel(): ConceptModel {
  if (!shipped) shipped = checkModel(loadJson<ConceptModel>('summarize/concept-model.json'), 'data/summarize/concept-model.json');
  return shipped;
}

/** Validates a model's shape against the feature list; throws MODEL_INVALID naming the file and the reason. */
export function checkModel(m: ConceptModel, source: string): ConceptModel {
  if (typeof m !== 'object' || m === null) throw CrossreadError.of('MODEL_INVALID', source, 'expected a JSON object');
  const want = CONCEPT_FEATURES.join(',');
  if (!Array.isArray(m.features) || m.features.join(',') !== want) {
    throw CrossreadError.of('MODEL_INVALID', source, `its features (${String(m.features)}) are not crossread's (${want})`);
  }
  for (const part of ['bigram', 'unigram'] as const) {
    const b = m[part];
    if (!Array.isArray(b) || b.length !== CONCEPT_FEATURES.length || b.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      throw CrossreadError.of('MODEL_INVALID', source, `"${part}" must hold ${CONCEPT_FEATURES.length} finite coefficients`);
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
