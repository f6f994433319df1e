/**
 * Guards on clustering quality with the dev data (skipped without ../shared): the
 * store, fed the documents in a shuffled stream (every document scored; those the
 * ingest stage refuses count as singletons), must keep B-cubed F1 at its measured
 * level. WikiRef220: the goal is 0.85 (measured 0.92 ± 0.01 over seeds 1–3; no predicted
 * story holds articles of more than two gold stories).
 * Multi-News: the goal is 0.90, not reached (measured 0.855, seeds 1–3 0.844–0.862);
 * the guard keeps what was reached. DUC 2004 dev (2 documents in two clusters, scored
 * with extended B-cubed): measured 0.899 with seed 1 (seeds 1–3 0.878–0.917), no
 * predicted story holding articles of more than two gold stories with seed 1.
 */
import { describe, it, expect } from 'vitest';
import { sharedFile } from '../helpers/shared.js';
import { evaluateClustering, readGold } from '../../src/eval/clustering.js';

const wikiref = sharedFile('data/dev/cluster-wikiref220.jsonl');
const multinews = sharedFile('data/dev/multinews-val-sample.jsonl');
const duc = sharedFile('data/dev/duc2004-dev.jsonl');

describe('clustering quality on dev data', () => {
  it.skipIf(!wikiref)('WikiRef220: B-cubed F1 ≥ 0.85 in a shuffled stream', async () => {
    const docs = await readGold(wikiref as string);
    const r = await evaluateClustering(wikiref as string, docs, { seed: 1 });
    expect(r.documents).toBe(220);
    expect(r.goldClusters).toBe(16);
    expect(r.bcubed.f1).toBeGreaterThanOrEqual(0.85);
    expect(r.ari).toBeGreaterThan(0.8);
    expect(r.storiesOverTwoGold).toBe(0);
  }, 120_000);

  it.skipIf(!multinews)('Multi-News sample: B-cubed F1 ≥ 0.84 in a shuffled stream, every document scored', async () => {
    const docs = await readGold(multinews as string);
    const r = await evaluateClustering(multinews as string, docs, { seed: 2 });
    expect(r.documents).toBe(690);
    expect(r.items).toBe(690);
    expect(r.goldClusters).toBe(250);
    expect(r.bcubed.f1).toBeGreaterThanOrEqual(0.84);
  }, 120_000);

  it.skipIf(!duc)('DUC 2004 dev: documents of two clusters read once, extended B-cubed F1 ≥ 0.87, no story of more than two gold stories', async () => {
    const docs = await readGold(duc as string);
    const r = await evaluateClustering(duc as string, docs, { seed: 1 });
    expect(r).toMatchObject({ documents: 248, items: 248, goldClusters: 25, overlappingGold: 2, ari: null });
    expect(r.bcubed.f1).toBeGreaterThanOrEqual(0.87);
    expect(r.storiesOverTwoGold).toBe(0);
  }, 120_000);
});
