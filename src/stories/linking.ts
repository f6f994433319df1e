/**
 * The learned linking decision (issue 13 §2): whether an arriving article joins a
 * candidate story, as a logistic regression over a few pair features the clusterer
 * computes in the same pass as the centroid cosine (no extra scan of the story).
 *
 * Features (in this order; every one is 0 when the story shares no term with the article):
 * - `cosine`: TF-IDF cosine of the article to the story's centroid, times the time factor;
 * - `average`: the article's average cosine to the story's members (each member weighed
 *   by its IDF norm), times the time factor: low when the centroid is close only because
 *   the story mixes many things (centroid chaining);
 * - `names`: the part of the cosine carried by name phrases (two capitalised words side
 *   by side, `stormy_daniels`: the cheap named entities of ./features.ts), times the time factor;
 * - `cohesion`: |centroid| / Σ|members| under the IDF (1 for one member; ≈ 1/√n for n
 *   unrelated members): how alike the story's members are;
 * - `logSize`: ln(members);
 * - `cosineLogSize`: cosine × ln(members) (a large story's centroid is smoother, so the
 *   same cosine means more).
 * Time enters as the clusterer's time factor on the three similarities (and the
 * horizon), not as learned features: the dev streams are undated, so no weight of a
 * time feature could be fitted on them (DESIGN.md, stories).
 *
 * The model file (`data/stories/linking-model.json`) is written by
 * `scripts/fit-linking-model.ts`; it is checked once when loaded, and a missing or
 * malformed file is a LINKING_MODEL_INVALID error naming the file and the reason.
 * The fit is a hand-written Newton logistic regression (shared with the concept model's
 * script): a numerical library would be a heavy dependency for six weights fitted offline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { CrossreadError } from '../errors.js';
import { dataPath } from '../data.js';

export const LINK_FEATURES = ['cosine', 'average', 'names', 'cohesion', 'logSize', 'cosineLogSize'] as const;
export type LinkFeature = (typeof LINK_FEATURES)[number];

export interface LinkingModel {
  /** Feature names, in LINK_FEATURES order. */
  features: string[];
  intercept: number;
  /** One weight per feature. */
  weights: number[];
  /** An article joins the best candidate whose probability is at least this. */
  threshold: number;
  /** How the model was fitted (free-form, for people). */
  fitted?: Record<string, unknown>;
}

/** Where the shipped model lives, relative to `data/`. */
export const LINKING_MODEL_FILE = 'stories/linking-model.json';

/** Checks a parsed model against the feature list; throws LINKING_MODEL_INVALID naming `source` and the reason. */
export function checkLinkingModel(m: unknown, source: string): LinkingModel {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) throw CrossreadError.of('LINKING_MODEL_INVALID', source, 'expected a JSON object');
  const o = m as Record<string, unknown>;
  const want = LINK_FEATURES.join(',');
  if (!Array.isArray(o.features) || o.features.join(',') !== want) {
    throw CrossreadError.of('LINKING_MODEL_INVALID', source, `its features (${String(o.features)}) are not the clusterer's (${want})`);
  }
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (!Array.isArray(o.weights) || o.weights.length !== LINK_FEATURES.length || !o.weights.every(finite)) {
    throw CrossreadError.of('LINKING_MODEL_INVALID', source, `"weights" must hold ${LINK_FEATURES.length} finite numbers`);
  }
  if (!finite(o.intercept)) throw CrossreadError.of('LINKING_MODEL_INVALID', source, `"intercept" must be a finite number (got ${JSON.stringify(o.intercept)})`);
  if (!finite(o.threshold) || o.threshold <= 0 || o.threshold >= 1) {
    throw CrossreadError.of('LINKING_MODEL_INVALID', source, `"threshold" must be a probability between 0 and 1 (got ${JSON.stringify(o.threshold)})`);
  }
  return {
    features: [...(o.features as string[])],
    intercept: o.intercept,
    weights: [...o.weights],
    threshold: o.threshold,
    ...(typeof o.fitted === 'object' && o.fitted !== null ? { fitted: o.fitted as Record<string, unknown> } : {}),
  };
}

/** Reads and checks a model file. */
export function readLinkingModel(path: string): LinkingModel {
  if (!existsSync(path)) throw CrossreadError.of('LINKING_MODEL_INVALID', path, 'the file is missing');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    throw CrossreadError.of('LINKING_MODEL_INVALID', path, `not JSON (${(err as Error).message})`);
  }
  return checkLinkingModel(parsed, path);
}

let shipped: LinkingModel | null = null;

/** The model shipped with crossread (data/stories/linking-model.json), read and checked once. */
export function shippedLinkingModel(): LinkingModel {
  shipped ??= readLinkingModel(dataPath(LINKING_MODEL_FILE));
  return shipped;
}

/** Probability that the article belongs to the story, from its pair features (LINK_FEATURES order). */
export function linkProbability(m: LinkingModel, x: ArrayLike<number>): number {
  let z = m.intercept;
  for (let j = 0; j < m.weights.length; j++) z += (m.weights[j] as number) * (x[j] as number);
  return 1 / (1 + Math.exp(-z));
}
