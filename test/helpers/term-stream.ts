/**
 * Story-clusterer streams from explicit terms, for tests of grouping mechanics: story
 * features with no shingles (no near-copy links) and no day, and a stream that adds
 * articles one by one.
 */
import { StoryClusterer, type ClusterOptions } from '../../src/stories/cluster.js';
import { MINHASH_SIZE } from '../../src/stories/features.js';

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
