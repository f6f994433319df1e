import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoryClusterer, type LinkCandidates } from '../../src/stories/cluster.js';
import { extractFeatures, select } from '../../src/stories/features.js';
import { LINK_FEATURES, checkLinkingModel, linkProbability, readLinkingModel, shippedLinkingModel, type LinkingModel } from '../../src/stories/linking.js';
import { clusterMetrics } from '../../src/eval/cluster-metrics.js';
import { syntheticCorpus, eventOf } from '../store/synthetic.js';
import type { Article } from '../../src/types.js';

const good: LinkingModel = { features: [...LINK_FEATURES], intercept: -2, weights: [10, 0, 0, 0, 0, 0], threshold: 0.5 };

/** Streams articles in batches of 4 through a clusterer with the given linking. */
function run(docs: Article[], c: StoryClusterer): string[] {
  for (let i = 0; i < docs.length; i += 4) {
    const batch = docs.slice(i, i + 4).map((d) => ({ d, e: extractFeatures(d) }));
    for (const { e } of batch) c.observe(e.allTerms.keys());
    c.addBatch(batch.map(({ d, e }) => ({ id: d.id, features: select(e, c.idf) })));
  }
  return docs.map((d) => c.storyOf(d.id) as string);
}

describe('the learned linking model', () => {
  it('loads the shipped model and checks its shape', () => {
    const m = shippedLinkingModel();
    expect(m.features).toEqual([...LINK_FEATURES]);
    expect(m.weights).toHaveLength(LINK_FEATURES.length);
    expect(m.threshold).toBeGreaterThan(0);
    expect(m.threshold).toBeLessThan(1);
  });

  it('refuses a missing, non-JSON or malformed model file, naming the file and the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossread-linking-'));
    try {
      expect(() => readLinkingModel(join(dir, 'none.json'))).toThrow(/none\.json: not a usable story-linking model \(the file is missing\)/);
      writeFileSync(join(dir, 'bad.json'), '{"features": [');
      expect(() => readLinkingModel(join(dir, 'bad.json'))).toThrow(/bad\.json: .*not JSON/);
      expect(() => checkLinkingModel({ ...good, features: ['cosine'] }, 'm.json')).toThrow(/m\.json: .*its features \(cosine\) are not the clusterer's/);
      expect(() => checkLinkingModel({ ...good, weights: [1, 2, 3, 4, 5, Number.NaN] }, 'm.json')).toThrow(/"weights" must hold 6 finite numbers/);
      expect(() => checkLinkingModel({ ...good, threshold: 1 }, 'm.json')).toThrow(/"threshold" must be a probability/);
      expect(() => checkLinkingModel([], 'm.json')).toThrow(/expected a JSON object/);
      expect(checkLinkingModel(JSON.parse(JSON.stringify(good)), 'm.json')).toEqual(good);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('computes the logistic probability of its features', () => {
    expect(linkProbability(good, [0.2, 0, 0, 0, 0, 0])).toBeCloseTo(0.5, 12);
    expect(linkProbability(good, [0.5, 0, 0, 0, 0, 0])).toBeCloseTo(1 / (1 + Math.exp(-3)), 12);
  });

  it('groups a synthetic stream under the model like the rule it encodes (cosine ≥ 0.2), deterministically', () => {
    const corpus = syntheticCorpus(5, 5);
    const gold = new Map(corpus.map((d) => [d.id, eventOf(d.id)]));
    const f1 = (ids: string[]): number => clusterMetrics(new Map(corpus.map((d, i) => [d.id, ids[i] as string])), gold).bcubed.f1;
    const rule = run(corpus, new StoryClusterer({ linking: 'rule' }));
    const model = run(corpus, new StoryClusterer({ linking: 'model', linkingModel: good }));
    expect(f1(model)).toBeGreaterThan(0.95);
    expect(model).toEqual(rule);
    expect(run(corpus, new StoryClusterer({ linking: 'model', linkingModel: good }))).toEqual(model);
    // A model that never links puts every article alone.
    const never = run(corpus, new StoryClusterer({ linking: 'model', linkingModel: { ...good, intercept: -50 } }));
    expect(new Set(never).size).toBe(corpus.length);
  });

  it('reports each arriving article\'s candidate stories with their members and features', () => {
    const corpus = syntheticCorpus(2, 3);
    const c = new StoryClusterer();
    const seen: LinkCandidates[] = [];
    c.linkObserver = (e) => seen.push(e);
    run(corpus, c);
    expect(seen.map((e) => e.articleId)).toEqual(corpus.map((d) => d.id));
    const withCandidates = seen.filter((e) => e.candidates.length > 0);
    expect(withCandidates.length).toBeGreaterThan(0);
    for (const e of withCandidates) {
      for (const cand of e.candidates) {
        expect(cand.features).toHaveLength(LINK_FEATURES.length);
        expect(cand.members.length).toBeGreaterThan(0);
        expect(cand.members).not.toContain(e.articleId);
        // cosine, average and names lie in [0, 1]; cohesion in (0, 1]; names never above the cosine.
        const [cos, avg, names, cohesion] = cand.features as [number, number, number, number];
        for (const x of [cos, avg, names]) expect(x).toBeGreaterThanOrEqual(0);
        expect(cos).toBeLessThanOrEqual(1 + 1e-9);
        expect(names).toBeLessThanOrEqual(cos + 1e-12);
        expect(cohesion).toBeGreaterThan(0);
        expect(cohesion).toBeLessThanOrEqual(1);
      }
    }
  });
});
