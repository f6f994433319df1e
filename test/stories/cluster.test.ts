import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { ingest, articleFromRecord } from '../../src/ingest/index.js';
import { groupIds, groupArticles } from '../../src/stories/group.js';
import { StoryClusterer } from '../../src/stories/cluster.js';
import { lineageCount } from '../../src/stories/lineage.js';
import { linksBetween } from '../../src/stories/near-copies.js';
import { extractFeatures, select } from '../../src/stories/features.js';
import { annotate } from '../../src/text/nlp.js';
import { clusterMetrics } from '../../src/eval/cluster-metrics.js';
import { shuffle } from '../../src/eval/clustering.js';
import { EXAMPLE, sharedFile } from '../helpers/shared.js';
import { syntheticCorpus, syntheticArticle, eventOf } from '../store/synthetic.js';
import type { Article } from '../../src/types.js';

function f1Of(docs: Article[], ids: string[]): number {
  return clusterMetrics(new Map(docs.map((d, i) => [d.id, ids[i] as string])), new Map(docs.map((d) => [d.id, eventOf(d.id)]))).bcubed.f1;
}

/** Streams articles one by one (batch size 1: the most order-sensitive way). */
function stream(docs: Article[]): string[] {
  const c = new StoryClusterer();
  for (const d of docs) {
    const e = extractFeatures(d);
    c.observe(e.allTerms.keys());
    c.addBatch([{ id: d.id, features: select(e, c.idf) }]);
  }
  return docs.map((d) => c.storyOf(d.id) as string);
}

describe('story grouping', () => {
  it('keeps the five example articles in one story (the older article 004 included)', async () => {
    const { articles } = await ingest([EXAMPLE]);
    expect(articles).toHaveLength(5);
    const groups = groupArticles(articles.map(annotate));
    expect(groups).toHaveLength(1);
    expect(groups[0]).toHaveLength(5);
  });

  const duc = sharedFile('data/dev/duc2004-dev.jsonl');
  it.skipIf(!duc)('splits a mixed folder (the example plus three DUC clusters) into the right stories', async () => {
    const { articles } = await ingest([EXAMPLE]);
    const rows = readFileSync(duc as string, 'utf8').trim().split('\n').slice(0, 3).map((l) => JSON.parse(l) as { id: string; documents: Array<{ id: string; text: string }> });
    const ducArticles = rows.flatMap((r) => r.documents.map((d) => articleFromRecord({ id: d.id, text: d.text, cluster: r.id }, d.id).article as Article));
    const all = [...articles, ...ducArticles];
    const ids = groupIds(all);
    const gold = new Map(all.map((a) => [a.id, a.cluster ?? 'syria']));
    const m = clusterMetrics(new Map(all.map((a, i) => [a.id, ids[i] as string])), gold);
    expect(m.goldClusters).toBe(4);
    expect(m.predictedClusters).toBe(4);
    expect(m.bcubed.f1).toBe(1);
  });

  it('groups a synthetic stream by event whatever the arrival order (bounded order effect)', () => {
    const corpus = syntheticCorpus(5, 5);
    const reference = f1Of(corpus, stream(corpus));
    expect(reference).toBeGreaterThan(0.95);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const order = shuffle(corpus, seed);
        const f1 = f1Of(order, stream(order));
        // The documented bound: a permutation moves B-cubed F1 by at most 0.05 on this stream.
        expect(Math.abs(f1 - reference)).toBeLessThanOrEqual(0.05);
      }),
      { numRuns: 12 },
    );
  });

  it('assigns every article to exactly one story, and merges stories an article bridges', () => {
    const c = new StoryClusterer({ mergeThreshold: 0.05 });
    const a = syntheticArticle(0, 0);
    const b = syntheticArticle(0, 1);
    const feats = [a, b].map((d) => extractFeatures(d));
    // Two articles of one event, added with a join threshold so high they cannot join…
    const strict = new StoryClusterer({ joinThreshold: 0.99 });
    for (const f of feats) strict.observe(f.allTerms.keys());
    strict.addBatch([{ id: a.id, features: select(feats[0]!, strict.idf) }]);
    strict.addBatch([{ id: b.id, features: select(feats[1]!, strict.idf) }]);
    expect(strict.groups().size).toBe(2);
    // …while the default clusterer puts them together.
    for (const f of feats) c.observe(f.allTerms.keys());
    c.addBatch(feats.map((f, i) => ({ id: [a, b][i]!.id, features: select(f, c.idf) })));
    expect(c.groups().size).toBe(1);
    const members = [...c.groups().values()].flat().sort();
    expect(members).toEqual([a.id, b.id].sort());
  });

  it('removing the article that bridged two groups splits its story', () => {
    const c = new StoryClusterer();
    const docs = [...syntheticCorpus(2, 3)];
    const bridge = syntheticArticle(0, 9, { id: 'bridge', text: `${syntheticArticle(0, 9).text} ${syntheticArticle(1, 9).text}` });
    const all = [...docs, bridge];
    const ext = all.map((d) => extractFeatures(d));
    for (const e of ext) c.observe(e.allTerms.keys());
    // One story holding both events and the bridge (as a store would after a bridging merge).
    all.forEach((d, i) => c.restore(d.id, 'S', select(ext[i]!, c.idf)));
    expect(c.groups().size).toBe(1);
    const r = c.remove('bridge');
    expect(r?.storyRemoved).toBe(false);
    expect(r?.splitInto).toHaveLength(1);
    const groups = [...c.groups().values()].map((g) => new Set(g.map(eventOf)));
    expect(groups).toHaveLength(2);
    for (const g of groups) expect(g.size).toBe(1);
    // Removing an ordinary member does not split.
    expect(c.remove(docs[0]!.id)).toMatchObject({ storyRemoved: false, splitInto: [] });
    expect(c.remove('missing')).toBeNull();
  });

  it('counts lineages as groups of articles linked by shared text', () => {
    const base = syntheticArticle(3, 0);
    const copy = { ...base, id: 'copy', text: `${base.text} Updated at noon.` };
    const other = syntheticArticle(3, 4);
    const docs = [base, copy, other].map((d) => ({ id: d.id, features: extractFeatures(d) }));
    const links = linksBetween(docs);
    expect(links.some((l) => l.kind === 'duplicate' && [l.a, l.b].includes('copy'))).toBe(true);
    expect(lineageCount(docs.map((d) => d.id), links)).toBe(2);
  });
});
