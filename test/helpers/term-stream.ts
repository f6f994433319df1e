/**
 * Story-clusterer streams from explicit terms, for tests of grouping mechanics: story
 * features with no shingles (no near-copy links) and no day, and a stream that adds
 * articles one by one.
 */
import { StoryClusterer, type ClusterOptions } from '../../src/stories/cluster.js';
import { MINHASH_SIZE } from '../../src/stories/features.js';
import { Vocabulary } from '../../src/stories/vocabulary.js';

/** Story features from explicit terms (no shingles: no near-copy links). */
export function termFeatures(terms: Record<string, number>): { terms: Map<string, number>; minhash: Uint32Array; shingles: number; day: number | null } {
  return { terms: new Map(Object.entries(terms)), minhash: new Uint32Array(MINHASH_SIZE).fill(0xffffffff), shingles: 0, day: null };
}

/** Adds articles one by one, as a stream, and returns the clusterer. */
export function runStream(docs: Array<{ id: string; terms: Record<string, number> }>, opts: Partial<ClusterOptions> = {}): StoryClusterer {
  const c = new StoryClusterer({ backgroundDocs: 0, ...opts });
  for (const d of docs) {
    c.observe(Object.keys(d.terms));
    c.addBatch([{ id: d.id, features: termFeatures(d.terms) }]);
  }
  return c;
}

/**
 * A vocabulary of 20 filler documents and a builder of interned members with unit
 * weights from terms (for the re-split functions, which weigh members by the
 * vocabulary's IDF).
 */
export function memberVocabulary(): { vocab: Vocabulary; member: (terms: string[]) => { ids: Int32Array; w: Float32Array } } {
  const vocab = new Vocabulary(0);
  const member = (terms: string[]): { ids: Int32Array; w: Float32Array } => {
    const ids = terms.map((t) => vocab.id(t)).sort((a, b) => a - b);
    return { ids: Int32Array.from(ids), w: new Float32Array(ids.length).fill(1) };
  };
  for (let i = 0; i < 20; i++) vocab.observe([`x${i}`]);
  return { vocab, member };
}
