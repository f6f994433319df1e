/** Briefings of stored stories: worker and main thread agree, caching, invalidation, shared runs, warming. */
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Briefer } from '../../src/serve/briefer.js';
import { briefStoredStory } from '../../src/brief-story.js';
import { BACKGROUND_NICENESS } from '../../src/serve/tasks.js';
import { annotate } from '../../src/text/nlp.js';
import { articleFromRecord } from '../../src/ingest/index.js';
import type { Article } from '../../src/types.js';
import { exampleArticles, tempStore, type TempStore } from './helpers.js';
import { independentSources } from '../../src/report/badge.js';
import type { BriefingStory } from '../../src/briefing.js';

/** Disagreements in conflict: what the list's badge counts (compatible figures and updates are not). */
const conflictsOf = (s: BriefingStory | undefined) => s?.disagreements.filter((d) => (d.status ?? 'conflict') === 'conflict').length;

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
      // The web app's briefing is the one `crossread brief --story` and the library give.
      expect(a).toEqual((await briefStoredStory(ts.store, storyId)).briefing);
      expect(a.stories[0]?.id).toBe(storyId);
      expect(a.articles.map((x) => x.storyId)).toEqual(rec.articles.map(() => storyId));
      await inWorker.briefing(rec);
      expect(inWorker.stats).toMatchObject({ briefed: 1, cacheHits: 1 });
      expect(inWorker.factsOf(rec)).toEqual({ disagreements: conflictsOf(a.stories[0]), lineages: a.stories[0] && independentSources(a.stories[0]), lead: a.stories[0]?.summary[0]?.text });
    } finally {
      await inWorker.close();
      await inline.close();
    }
  });

  it('shares one run between concurrent requests, and briefs again when the story changes', async () => {
    const br = new Briefer(ts.store, { persist: false });
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

  it('lets a briefing of an older story state, finishing late, change neither the badge nor the kept briefing', async () => {
    // A background run takes a story's articles, an ingest grows the story, the newer state
    // is briefed for a reader, then the older run finishes (the two-server test saw this).
    const br = new Briefer(ts.store, { worker: false });
    try {
      const current = await ts.store.getStory(storyId);
      if (!current) throw new Error('story missing');
      expect(current.articleCount).toBe(5);
      const older = { ...current, articles: current.articles.slice(0, 4), articleCount: 4, updatedAt: new Date(Date.parse(current.updatedAt) - 1000).toISOString() };
      await br.briefing(current);
      const facts = br.factsOf(current);
      expect(facts).not.toBeNull();
      const stale = await br.briefing(older);
      // Whoever asked for the older state gets its briefing…
      expect(stale.articles).toHaveLength(4);
      // …but the list keeps the newer state's badge, and the store its briefing.
      expect(br.factsOf(current)).toEqual(facts);
      expect(await ts.store.getCachedBriefing(storyId, br.keptKey(current))).not.toBeNull();
      const restarted = new Briefer(ts.store, { worker: false });
      await restarted.ready;
      expect(restarted.factsOf(current)).toEqual({ disagreements: facts?.disagreements, lineages: facts?.lineages });
      await restarted.close();
      // The same when the newer state is only read back from memory after the older run.
      br.cached(current);
      expect(br.factsOf(current)).toEqual(facts);
    } finally {
      await br.close();
    }
  });

  it('warms listed stories in the background so their facts become known', async () => {
    const br = new Briefer(ts.store, { persist: false });
    try {
      const page = await ts.store.listStories();
      br.warm(page.items);
      await expect.poll(() => br.factsOf(page.items[0]!), { timeout: 30_000 }).not.toBeNull();
      expect(br.stats.warmed).toBe(1);
    } finally {
      await br.close();
    }
  });

  it.runIf(process.platform === 'linux')('briefs in the background at the lowest CPU priority, and page requests at the server’s', async () => {
    // Nice values of this process's threads (field 19 of /proc/<pid>/task/<tid>/stat).
    const niceOf = () =>
      readdirSync('/proc/self/task').map((t) => {
        const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      });
    const lowest = () => niceOf().filter((n) => n === BACKGROUND_NICENESS).length;
    const before = lowest();
    const br = new Briefer(ts.store, { persist: false });
    try {
      const rec = await ts.store.getStory(storyId);
      if (!rec) throw new Error('story missing');
      await br.sentences(rec.articles[0]!); // runs in the page-request worker
      expect(lowest()).toBe(before);
      br.warm((await ts.store.listStories()).items);
      await expect.poll(() => br.stats.warmed, { timeout: 30_000 }).toBe(1);
      expect(lowest()).toBe(before + 1);
      expect(getPriority(0)).toBe(0); // this thread keeps its priority
    } finally {
      await br.close();
    }
  });

  it('puts off briefing a large story in the background while readers are being served', async () => {
    // The same store, with its story loads recorded.
    const loads: string[] = [];
    const store = Object.create(ts.store) as typeof ts.store;
    store.getStory = (id: string) => {
      loads.push(id);
      return ts.store.getStory(id);
    };
    let busy = true;
    const br = new Briefer(store, { persist: false, readersBusy: () => busy, yieldMs: 0, busyMaxArticles: 3 });
    try {
      const page = await ts.store.listStories();
      expect(page.items[0]!.articleCount).toBeGreaterThan(3);
      br.warm(page.items);
      await new Promise((r) => setTimeout(r, 500));
      expect(loads).toEqual([]);
      expect(br.idle).toBe(false);
      busy = false;
      await expect.poll(() => br.stats.warmed, { timeout: 30_000 }).toBe(1);
      expect(loads).toEqual([page.items[0]!.id]);
      await expect.poll(() => br.idle).toBe(true);
    } finally {
      await br.close();
    }
  });

  it('keeps briefings in the store: a restarted server answers from them, and never from a stale one', async () => {
    const own = tempStore();
    try {
      const r = await own.store.addArticles(examples.slice(0, 3));
      const id = r.added[0]?.storyId as string;
      const summaryOf = async () => {
        const s = await own.store.getStorySummary(id);
        if (!s) throw new Error('story missing');
        return s;
      };
      const first = new Briefer(own.store, { worker: false });
      const rec = await own.store.getStory(id);
      if (!rec) throw new Error('story missing');
      const briefed = await first.briefing(rec);
      await first.close();

      const second = new Briefer(own.store, { worker: false });
      await second.ready;
      const s = await summaryOf();
      const facts = { disagreements: conflictsOf(briefed.stories[0]), lineages: briefed.stories[0] && independentSources(briefed.stories[0]) };
      expect(second.factsOf(s)).toEqual(facts); // known before anything is briefed: list badges after a restart
      // The list's snippet is read from the kept briefing once, then known.
      await second.withLeads([s]);
      expect(second.factsOf(s)).toEqual({ ...facts, lead: briefed.stories[0]?.summary[0]?.text });
      expect(second.stats.fromStore).toBe(0);
      expect(await second.stored(s)).toEqual(JSON.parse(JSON.stringify(briefed)));
      expect(second.stats).toMatchObject({ briefed: 0, fromStore: 1 });
      // Another summary length is another briefing.
      const shorter = new Briefer(own.store, { worker: false, summary: { words: 40 } });
      await shorter.ready;
      expect(shorter.factsOf(s)).toBeNull();
      expect(await shorter.stored(s)).toBeNull();
      await shorter.close();

      await new Promise((res) => setTimeout(res, 5)); // a later updatedAt
      await own.store.addArticles(examples.slice(3, 4));
      const changed = await summaryOf();
      expect(changed.articleCount).toBe(4);
      expect(second.factsOf(changed)).toBeNull();
      expect(await second.stored(changed)).toBeNull();
      await second.close();
    } finally {
      await own.cleanup();
    }
  });

  it('reads a briefing another briefer kept after this one started (two servers on one database)', async () => {
    const own = tempStore();
    try {
      const r = await own.store.addArticles(examples.slice(0, 3));
      const id = r.added[0]?.storyId as string;
      const one = new Briefer(own.store, { worker: false });
      const two = new Briefer(own.store, { worker: false });
      await Promise.all([one.ready, two.ready]);
      const rec = await own.store.getStory(id);
      if (!rec) throw new Error('story missing');
      const briefed = await one.briefing(rec);
      expect(two.factsOf(rec)).toBeNull(); // not known until asked for
      expect(await two.stored(rec)).toEqual(JSON.parse(JSON.stringify(briefed)));
      expect(two.stats).toMatchObject({ briefed: 0, fromStore: 1 });
      expect(two.factsOf(rec)).toEqual(one.factsOf(rec));
      // briefing() reads it too rather than briefing again.
      const three = new Briefer(own.store, { worker: false });
      await three.ready;
      await own.store.putCachedBriefing(id, { key: three.keptKey(rec), json: JSON.stringify(briefed), disagreements: 0, lineages: 1 });
      expect(await three.briefing(rec)).toEqual(JSON.parse(JSON.stringify(briefed)));
      expect(three.stats).toMatchObject({ briefed: 0, fromStore: 1 });
      await Promise.all([one.close(), two.close(), three.close()]);
    } finally {
      await own.cleanup();
    }
  });

  it('warmAll briefs every story not kept yet, in the background, and keeps them', async () => {
    const own = tempStore();
    try {
      const docs = [
        'The city council of Springfield approved a new budget for road repairs on Monday, after a long debate over the cost of the bridge.',
        'A storm flooded the harbour of Portsmouth overnight and the coast guard rescued four fishermen from a sinking trawler.',
      ].map((text, i) => articleFromRecord({ id: `w${i}`, text: `${text} ${text.replace(/\.$/, '')} again, officials said.` }, `w${i}`).article as Article);
      await own.store.addArticles([...examples, ...docs]);
      const total = (await own.store.stats()).stories;
      expect(total).toBeGreaterThan(1);
      const br = new Briefer(own.store, { worker: false });
      await br.warmAll(2);
      await expect.poll(() => br.idle && br.stats.warmed === total, { timeout: 60_000 }).toBe(true);
      await br.close();
      expect((await own.store.cachedBriefingFacts()).size).toBe(total);
      const again = new Briefer(own.store, { worker: false });
      await again.warmAll();
      expect(again.stats.warmed).toBe(0);
      await again.close();
    } finally {
      await own.cleanup();
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
