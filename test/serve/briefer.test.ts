/** Briefings of stored stories: worker and main thread agree, caching, invalidation, shared runs, warming. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Briefer } from '../../src/serve/briefer.js';
import { annotate } from '../../src/text/nlp.js';
import { articleFromRecord } from '../../src/ingest/index.js';
import type { Article } from '../../src/types.js';
import { exampleArticles, tempStore, type TempStore } from './helpers.js';

let ts: TempStore;
let storyId: string;
let examples: Article[];

beforeAll(async () => {
  ts = tempStore();
  examples = await exampleArticles();
  // Four now, the fifth later (to change the story).
  const r = await ts.store.addArticles(examples.slice(0, 4));
  storyId = r.added[0]?.storyId as string;
});

afterAll(async () => {
  await ts?.cleanup();
});

describe('Briefer', () => {
  it('briefs in the worker exactly as in the main thread, and caches the result', async () => {
    const inWorker = new Briefer(ts.store);
    const inline = new Briefer(ts.store, { worker: false });
    try {
      const rec = await ts.store.getStory(storyId);
      if (!rec) throw new Error('story missing');
      const [a, b] = await Promise.all([inWorker.briefing(rec), inline.briefing(rec)]);
      expect(a).toEqual(b);
      expect(a.stories[0]?.id).toBe(storyId);
      expect(a.articles.map((x) => x.storyId)).toEqual(rec.articles.map(() => storyId));
      await inWorker.briefing(rec);
      expect(inWorker.stats).toMatchObject({ briefed: 1, cacheHits: 1 });
      expect(inWorker.factsOf(rec)).toEqual({ disagreements: a.stories[0]?.disagreements.length, lineages: a.stories[0]?.lineages.length });
    } finally {
      await inWorker.close();
      await inline.close();
    }
  });

  it('shares one run between concurrent requests, and briefs again when the story changes', async () => {
    const br = new Briefer(ts.store);
    try {
      const rec = await ts.store.getStory(storyId);
      if (!rec) throw new Error('story missing');
      const runs = await Promise.all([br.briefing(rec), br.briefing(rec), br.briefing(rec)]);
      expect(br.stats.briefed).toBe(1);
      expect(runs[1]).toBe(runs[0]);
      await new Promise((r) => setTimeout(r, 5)); // a later updatedAt
      const added = await ts.store.addArticles(examples.slice(4));
      expect(added.added[0]?.storyId).toBe(storyId);
      const changed = await ts.store.getStory(storyId);
      if (!changed) throw new Error('story missing');
      expect(br.cached(changed)).toBeNull();
      expect(br.factsOf(changed)).toBeNull();
      const b = await br.briefing(changed);
      expect(br.stats.briefed).toBe(2);
      expect(b.articles).toHaveLength(5);
    } finally {
      await br.close();
    }
  });

  it('warms listed stories in the background so their facts become known', async () => {
    const br = new Briefer(ts.store);
    try {
      const page = await ts.store.listStories();
      br.warm(page.items);
      await expect.poll(() => br.factsOf(page.items[0]!), { timeout: 30_000 }).not.toBeNull();
      expect(br.stats.warmed).toBe(1);
    } finally {
      await br.close();
    }
  });

  it('numbers sentences as annotate (and so every citation) does', async () => {
    const br = new Briefer(ts.store);
    try {
      const a = examples[3] as Article;
      const spans = await br.sentences(a);
      expect(spans).toEqual(annotate(a).sentences.map((s) => ({ index: s.index, paragraph: s.paragraph, start: s.start, end: s.end })));
    } finally {
      await br.close();
    }
  });

  it('reports a failing brief as an error, and keeps working afterwards', async () => {
    const br = new Briefer(ts.store);
    try {
      const { article } = articleFromRecord({ id: 'ok', text: 'Officials said on Monday that the bridge over the river would reopen next week after repairs to its steel cables were completed ahead of schedule.' }, 'ok');
      const broken = { id: 's-broken', headline: 'x', articleCount: 1, lineageCount: 1, dateSpan: { from: null, to: null }, outlets: [], createdAt: '', updatedAt: 'x', mergedIds: [], articles: [{ ...(article as Article), text: null as unknown as string, seq: 1, storyId: 's-broken', contentHash: 'h', ingestedAt: '', related: [] }] };
      await expect(br.briefing(broken)).rejects.toThrow();
      const rec = await ts.store.getStory(storyId);
      expect((await br.briefing(rec!)).stories).toHaveLength(1);
    } finally {
      await br.close();
    }
  });
});
