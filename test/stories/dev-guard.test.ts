/**
 * Guards on clustering quality with the dev data (skipped without ../shared): the
 * store, fed the documents in a shuffled stream (every document scored; those the
 * ingest stage refuses count as singletons), must keep B-cubed F1 at its measured
 * level. WikiRef220: the goal is 0.85 (measured 0.92 ± 0.01 over seeds 1–3).
 * Multi-News: the goal is 0.90, not reached (measured 0.855, seeds 1–3 0.844–0.862);
 * the guard keeps what was reached.
 */
import { describe, it, expect } from 'vitest';
import { sharedFile } from '../helpers/shared.js';
import { evaluateClustering, readGold } from '../../src/eval/clustering.js';

const wikiref = sharedFile('data/dev/cluster-wikiref220.jsonl');
const multinews = sharedFile('data/dev/multinews-val-sample.jsonl');

describe('clustering quality on dev data', () => {
  it.skipIf(!wikiref)('WikiRef220: B-cubed F1 ≥ 0.85 in a shuffled stream', async () => {
    const docs = await readGold(wikiref as string);
    const r = await evaluateClustering(wikiref as string, docs, { seed: 1 });
    expect(r.documents).toBe(220);
    expect(r.goldClusters).toBe(16);
    expect(r.bcubed.f1).toBeGreaterThanOrEqual(0.85);
    expect(r.ari).toBeGreaterThan(0.8);
  }, 120_000);

  it.skipIf(!multinews)('Multi-News sample: B-cubed F1 ≥ 0.84 in a shuffled stream, every document scored', async () => {
    const docs = await readGold(multinews as string);
    const r = await evaluateClustering(multinews as string, docs, { seed: 2 });
    expect(r.documents).toBe(690);
    expect(r.items).toBe(690);
    expect(r.goldClusters).toBe(250);
    expect(r.bcubed.f1).toBeGreaterThanOrEqual(0.84);
  }, 120_000);
});
