/**
 * One set of store behaviours, run against every backend: SQLite (a temporary file) and
 * PostgreSQL (a fresh database on a real server per test, dropped afterwards; skipped
 * with a one-line reason when no server answers, a failure under CI=true). What only
 * one backend has (SQLite's file header, WAL, damaged files; PostgreSQL's migrations)
 * is tested in its own files. The last block stores the same input in both and
 * compares what they give back, object for object.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { openStore, type OpenStoreOptions, type Store } from '../../src/store/index.js';
import { ingest } from '../../src/ingest/index.js';
import { EXAMPLE } from '../helpers/shared.js';
import { createTestDatabase, postgresMissing } from '../helpers/postgres.js';
import type { Article } from '../../src/types.js';
import type { AddOptions, AddResult } from '../../src/store/store.js';
import { decodeFeatures, encodeFeatures, FEATURES_VERSION, precompute } from '../../src/stories/features.js';
import { eventOf, syntheticArticle, syntheticCorpus } from './synthetic.js';

interface Place {
  location: string;
  drop(): Promise<void>;
}
interface Backend {
  name: string;
  missing: boolean;
  /** A new, empty place for a store. */
  place(): Promise<Place>;
}

const pgMissing = await postgresMissing();

const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    missing: false,
    async place() {
      const dir = mkdtempSync(join(tmpdir(), 'crossread-conformance-'));
      return { location: join(dir, 'store.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    missing: pgMissing,
    async place() {
      const db = await createTestDatabase();
      return { location: db.url, drop: () => db.drop() };
    },
  },
];

/** The clusterer's in-memory state, which both stores expose for tests. */
interface Snapshotting {
  clusterSnapshot(): Promise<{ documents: number; df: Map<string, number>; groups: Map<string, string[]> }>;
  readonly stateLoads: { full: number; incremental: number };
}

function article(id: string, text: string, extra: Partial<Article> = {}): Article {
  const words = text.split(/\s+/).filter(Boolean).length;
  return {
    id, path: `${id}.txt`, format: 'text', url: null, title: null, byline: null, outlet: null, published: null,
    publishedEvidence: null, rawText: text, text, rawWords: words, words, removed: [], encoding: 'utf-8',
    language: 'en', diagnostics: [], ...extra,
  };
}

/** The partition of stored articles into stories, as sorted lists of ids (story ids aside). */
async function partition(store: Store): Promise<string[][]> {
  const page = await store.listArticles({ limit: 1000 });
  const groups = new Map<string, string[]>();
  for (const a of page.items) groups.set(a.storyId as string, [...(groups.get(a.storyId as string) ?? []), a.id]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** Two events' articles and one that tells both (it bridges their stories). */
const BRIDGED = syntheticCorpus(2, 3);
const BRIDGE = syntheticArticle(0, 9, { id: 'bridge', text: `${syntheticArticle(0, 9).text} ${syntheticArticle(1, 9).text}` });

/** Stories bridged by one article merge at a low centroid similarity (the synthetic events share little). */
const MERGING = { mergeThreshold: 0.05 };

const NOW = () => new Date('2024-03-01T12:00:00Z');

describe.each(BACKENDS)('$name store', (backend) => {
  describe.skipIf(backend.missing)('behaviour', () => {
    let place: Place;
    const opened: Store[] = [];
    let store: Store;
    /** Opens a store on this test's place (closed after the test). */
    async function open(opts: OpenStoreOptions = {}): Promise<Store> {
      const s = await openStore(place.location, { now: NOW, ...opts });
      opened.push(s);
      return s;
    }
    beforeEach(async () => {
      place = await backend.place();
      store = await open();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      await place.drop();
    });

    it('stores the example articles as one story, and re-ingesting is a no-op', async () => {
      const { articles } = await ingest([EXAMPLE]);
      const first = await store.addArticles(articles);
      expect(first.added).toHaveLength(5);
      expect(new Set(first.added.map((a) => a.storyId)).size).toBe(1);
      const again = await store.addArticles(articles);
      expect(again.added).toHaveLength(0);
      expect(again.skipped.map((s) => s.reason)).toEqual(Array(5).fill('same-content'));
      const stats = await store.stats();
      expect(stats).toMatchObject({ articles: 5, stories: 1, location: store.location });
      expect(stats.schemaVersion).toBeGreaterThan(0);
    });

    it('keeps raw text, cleaned text, metadata and removals exactly; the same URL is the same article', async () => {
      const a = article('a1', 'Cleaned body text about the harbour bridge closure in Sydney.', {
        rawText: 'By Jo Smith\nCleaned body text about the harbour bridge closure in Sydney.\nShare this',
        title: 'Bridge closed', outlet: 'Example Times', published: '2024-02-28', publishedEvidence: 'Feb 28, 2024',
        removed: [{ kind: 'byline', text: 'By Jo Smith' }, { kind: 'share', text: 'Share this' }],
        url: 'https://example.com/bridge',
      });
      await store.addArticles([a]);
      const got = await store.getArticle('a1');
      expect(got).toMatchObject({
        rawText: a.rawText, text: a.text, title: 'Bridge closed', outlet: 'Example Times', published: '2024-02-28',
        publishedEvidence: 'Feb 28, 2024', removed: a.removed, url: a.url, ingestedAt: '2024-03-01T12:00:00.000Z', seq: 1, byline: null,
      });
      expect(got).not.toHaveProperty('cluster');
      expect(got?.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(await store.hasUrl('https://example.com/bridge')).toBe(true);
      expect(await store.hasUrl('https://example.com/other')).toBe(false);
      const r = await store.addArticles([article('a2', 'Other words entirely.', { url: 'https://example.com/bridge' })]);
      expect(r.skipped).toEqual([{ id: 'a2', reason: 'same-url', existingId: 'a1' }]);
      // Within one batch too: the second copy of a text, or of a URL, is skipped.
      const b = await store.addArticles([
        article('b1', 'A report on the regional train strike.'),
        article('b2', 'A report on the  regional train strike. '),
        article('b3', 'Entirely different words on a ferry.', { url: 'https://example.com/x' }),
        article('b4', 'More different words on a bus.', { url: 'https://example.com/x' }),
      ]);
      expect(b.added.map((x) => x.id)).toEqual(['b1', 'b3']);
      expect(b.skipped).toEqual([
        { id: 'b2', reason: 'same-content', existingId: 'b1' },
        { id: 'b4', reason: 'same-url', existingId: 'b3' },
      ]);
      expect(await store.getArticle('nope')).toBeNull();
    });

    it('renames a reused id and records it', async () => {
      await store.addArticles([article('x', 'The first article about a volcano eruption in Iceland today.')]);
      const r = await store.addArticles([article('x', 'A different article about football results in Madrid.'), article('x', 'A third one, on a chess match in Oslo.')]);
      expect(r.added.map((a) => a.id)).toEqual(['x~2', 'x~3']);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['DUPLICATE_ID', 'DUPLICATE_ID']);
    });

    it('groups synthetic events into one story each, and merges stories an article bridges', async () => {
      store = await open({ cluster: MERGING });
      for (let i = 0; i < BRIDGED.length; i += 2) await store.addArticles(BRIDGED.slice(i, i + 2));
      expect((await partition(store)).map((g) => new Set(g.map(eventOf)).size)).toEqual([1, 1]);
      const before = (await store.listStories()).items.map((s) => s.id);
      const r = await store.addArticles([BRIDGE]);
      expect(r.merged).toHaveLength(1);
      const { from, into } = r.merged[0]!;
      expect(before.sort()).toEqual([from, into].sort());
      expect(r.added[0]?.storyId).toBe(into);
      // The merged-away id resolves to the story it went into.
      const story = await store.getStory(from);
      expect(story?.id).toBe(into);
      expect(story?.mergedIds).toEqual([from]);
      expect(story?.articles.map((a) => a.id)).toEqual([...BRIDGED.map((a) => a.id), 'bridge']);
      expect((await store.getStorySummary(from))?.id).toBe(into);
      expect((await store.listArticles({ storyId: from })).total).toBe(7);
      expect((await store.listStories()).total).toBe(1);
      // Forgetting the bridge splits the story again.
      const f = await store.forget('bridge');
      expect(f).toMatchObject({ articleId: 'bridge', storyId: into, storyRemoved: false });
      expect(f.splitInto).toHaveLength(1);
      expect((await partition(store)).map((g) => new Set(g.map(eventOf)).size)).toEqual([1, 1]);
      expect((await store.listStories()).total).toBe(2);
    });

    it('forget removes an article and updates or removes its story', async () => {
      const { articles } = await ingest([EXAMPLE]);
      const r = await store.addArticles(articles);
      const sid = r.added[0]!.storyId;
      const f = await store.forget(articles[1]!.id);
      expect(f).toEqual({ articleId: articles[1]!.id, storyId: sid, storyRemoved: false, splitInto: [] });
      expect((await store.getStory(sid))?.articleCount).toBe(4);
      expect(await store.getArticle(articles[1]!.id)).toBeNull();
      await expect(store.forget('nope')).rejects.toThrow(/no article with id "nope"/);
      for (const a of articles) if (a.id !== articles[1]!.id) await store.forget(a.id);
      expect(await store.getStory(sid)).toBeNull();
      expect(await store.getStorySummary(sid)).toBeNull();
      expect((await store.stats()).stories).toBe(0);
    });

    it('forgetting an article then ingesting it again restores the same stories (property)', async () => {
      const corpus = syntheticCorpus(4, 4);
      for (let i = 0; i < corpus.length; i += 4) await store.addArticles(corpus.slice(i, i + 4));
      const before = await partition(store);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: corpus.length - 1 }), async (k) => {
          const victim = corpus[k]!;
          const storyBefore = (await store.getArticle(victim.id))?.storyId;
          const f = await store.forget(victim.id);
          expect(f.storyId).toBe(storyBefore);
          expect(await store.getArticle(victim.id)).toBeNull();
          const r = await store.addArticles([victim]);
          expect(r.added).toHaveLength(1);
          expect(await partition(store)).toEqual(before);
        }),
        { numRuns: 6 },
      );
    });

    it('lists stories with search, filters and pagination', async () => {
      const { articles } = await ingest([EXAMPLE]);
      await store.addArticles(articles);
      await store.addArticles([
        article('v1', 'Lava from the Icelandic volcano reached the town of Grindavik overnight, officials said.', { outlet: 'Reykjavik Daily', published: '2024-01-15' }),
      ]);
      const all = await store.listStories();
      expect(all.total).toBe(2);
      expect((await store.listStories({ q: 'Gerasimov' })).items.map((s) => s.articleCount)).toEqual([5]);
      expect((await store.listStories({ q: 'Grindavik' })).items).toHaveLength(1);
      expect((await store.listStories({ q: 'nonexistentword' })).total).toBe(0);
      // Search syntax in user input cannot break the query; punctuation alone matches nothing.
      await expect(store.listStories({ q: 'AND OR NEAR( "(' })).resolves.toBeDefined();
      expect((await store.listStories({ q: '"(*' })).total).toBe(0);
      expect((await store.listStories({ outlet: 'reykjavik daily' })).total).toBe(1);
      expect((await store.listStories({ outlet: 'reykjavik' })).total).toBe(0);
      expect((await store.listStories({ since: '2024-01-01', until: '2024-01-31' })).items[0]?.headline).toMatch(/Lava/);
      const page = await store.listStories({ limit: 1, offset: 1 });
      expect(page.items).toHaveLength(1);
      expect(page.total).toBe(2);
      // The total is right whether it comes from a page that is not full, a count, or a page past the end.
      expect((await store.listStories({ limit: 1 })).total).toBe(2);
      expect((await store.listStories({ limit: 5, offset: 1 })).total).toBe(2);
      expect((await store.listStories({ limit: 5, offset: 7 })).total).toBe(2);
      expect((await store.listStories({ q: 'Grindavik', limit: 1, offset: 3 })).total).toBe(1);
      // A full filtered page counts every story the filters match, in the list's order, with the list's fields.
      const said = await store.listStories({ q: 'said', limit: 1 });
      expect(said.total).toBe(2);
      expect(said.items).toEqual(all.items.slice(0, 1));
      expect((await store.listStories({ q: 'said', limit: 1, offset: 1 })).items).toEqual(all.items.slice(1, 2));
      expect((await store.listStories({ q: 'said', outlet: 'reykjavik daily', limit: 1 })).total).toBe(1);
      expect((await store.listStories({ q: 'said', since: '2000-01-01', limit: 1 })).total).toBe(2);
      const story = await store.getStory(page.items[0]!.id);
      expect(story?.articles.length).toBe(page.items[0]!.articleCount);
    });

    it('search: plain words are ANDed, a quoted phrase is a phrase', async () => {
      await store.addArticles([
        article('p1', 'The harbour bridge was closed after a storm damaged its cables, engineers said.', { published: '2024-02-01' }),
        article('p2', 'Storm warnings: a bridge in the north and the harbour in the south were closed by police.', { published: '2024-02-02' }),
        article('p3', 'Lava from the Icelandic volcano reached the town of Grindavik overnight.', { published: '2024-02-03' }),
      ]);
      const ids = async (q: string): Promise<string[]> => (await store.listArticles({ q })).items.map((a) => a.id);
      expect(await ids('harbour bridge')).toEqual(['p1', 'p2']);
      expect(await ids('harbour volcano')).toEqual([]);
      expect(await ids('"harbour bridge"')).toEqual(['p1']);
      expect(await ids('"bridge harbour"')).toEqual([]);
      expect(await ids('"harbour bridge" storm')).toEqual(['p1']);
      expect(await ids('Grindavik')).toEqual(['p3']);
      // Stories: the same rules (each article here is its own story or shares one; the matching ones are listed).
      const storyOf = async (id: string): Promise<string> => (await store.getArticle(id))!.storyId!;
      expect((await store.listStories({ q: '"harbour bridge"' })).items.map((s) => s.id)).toEqual([await storyOf('p1')]);
    });

    it('lists articles with story, date, outlet and search filters, in arrival order', async () => {
      await store.addArticles([
        syntheticArticle(0, 0, { published: '2024-05-10', outlet: 'Alpha News' }),
        syntheticArticle(0, 1, { published: '2024-05-12', outlet: 'Beta Post' }),
        syntheticArticle(1, 0, { published: null, outlet: 'alpha news' }),
        syntheticArticle(1, 1, { published: '2024-06-01', outlet: null }),
      ]);
      const ids = async (q: Parameters<Store['listArticles']>[0]): Promise<string[]> => (await store.listArticles(q)).items.map((a) => a.id);
      expect(await ids({})).toEqual(['e0-a0', 'e0-a1', 'e1-a0', 'e1-a1']);
      expect(await ids({ outlet: 'ALPHA NEWS' })).toEqual(['e0-a0', 'e1-a0']);
      expect(await ids({ since: '2024-05-11' })).toEqual(['e0-a1', 'e1-a1']);
      expect(await ids({ until: '2024-05' })).toEqual(['e0-a0', 'e0-a1']);
      expect(await ids({ since: '2024', until: '2024' })).toEqual(['e0-a0', 'e0-a1', 'e1-a1']);
      expect(await ids({ q: 'Riverton' })).toEqual(['e0-a0', 'e0-a1']);
      const story = (await store.getArticle('e1-a0'))!.storyId!;
      expect(await ids({ storyId: story })).toEqual(['e1-a0', 'e1-a1']);
      const page = await store.listArticles({ limit: 2, offset: 1 });
      expect(page).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(page.items[0]).toEqual({
        id: 'e0-a1', seq: 2, storyId: (await store.getArticle('e0-a1'))!.storyId, title: null, outlet: 'Beta Post', url: null,
        path: 'synthetic/e0-a1.txt', published: '2024-05-12', words: syntheticArticle(0, 1).words, ingestedAt: '2024-03-01T12:00:00.000Z',
      });
    });

    describe('story order and date filters', () => {
      /** Event e's articles, published on the given dates (null: undated). */
      const event = (e: number, dates: Array<string | null>) => dates.map((d, k) => syntheticArticle(e, k, { published: d }));
      async function storyOfEvent(e: number): Promise<string> {
        const a = (await store.listArticles({ limit: 1000 })).items.find((x) => x.id.startsWith(`e${e}-`));
        return a!.storyId!;
      }
      beforeEach(async () => {
        // "Today" (the ingest day, which undated articles sort under) is later than every publication date.
        store = await open({ now: () => new Date('2026-12-07T03:00:00Z') });
        await store.addArticles([
          ...event(0, ['2024-01-10', '2024-01-12']), // latest 2024-01-12
          ...event(1, ['2023-06-01', null]), // latest 2023-06-01, one undated article (sorts under 2026-12-07)
          ...event(2, [null, null]), // undated
          ...event(3, ['2024-03-02', '2024-02-01']), // latest 2024-03-02
        ]);
      });

      it('recent: latest publication date first, undated stories last', async () => {
        expect((await store.listStories()).total).toBe(4);
        const ids = (await store.listStories({ sort: 'recent' })).items.map((s) => s.id);
        expect(ids).toEqual([await storyOfEvent(3), await storyOfEvent(0), await storyOfEvent(1), await storyOfEvent(2)]);
        expect((await store.listStories()).items.map((s) => s.dateSpan.to)).toEqual(['2024-03-02', '2024-01-12', '2023-06-01', null]);
      });

      it('size: ties broken by the latest publication date, undated last', async () => {
        const ids = (await store.listStories({ sort: 'size' })).items.map((s) => s.id);
        expect(ids.at(-1)).toBe(await storyOfEvent(2));
        expect(ids[0]).toBe(await storyOfEvent(3));
      });

      it.each([
        [{ since: '2026-01-01' }, []],
        [{ since: '2024-02-01' }, [3]],
        [{ since: '2024-01-11', until: '2024-01-31' }, [0]],
        [{ until: '2023-12-31' }, [1]],
        [{ since: '2023', until: '2023' }, [1]],
        [{ since: '2024-01', until: '2024-02' }, [3, 0]],
      ])('%j returns the stories of events %j only', async (q, events) => {
        const want = await Promise.all(events.map(storyOfEvent));
        expect((await store.listStories(q)).items.map((s) => s.id)).toEqual(want);
      });

      it('never returns a story whose dates are outside the span (property)', async () => {
        const day = fc.integer({ min: 0, max: 3 * 366 }).map((n) => new Date(Date.UTC(2023, 0, 1) + n * 864e5).toISOString().slice(0, 10));
        await fc.assert(
          fc.asyncProperty(fc.option(day, { nil: undefined }), fc.option(day, { nil: undefined }), async (since, until) => {
            const page = await store.listStories({ ...(since ? { since } : {}), ...(until ? { until } : {}) });
            for (const s of page.items) {
              if (!since && !until) continue;
              expect(s.dateSpan.from).not.toBeNull();
              if (since) expect(s.dateSpan.to! >= since).toBe(true);
              if (until) expect(s.dateSpan.from! <= until).toBe(true);
            }
          }),
          { numRuns: 40 },
        );
      });

      it('listArticles: undated articles are never in a span', async () => {
        expect((await store.listArticles({ since: '2026-01-01' })).total).toBe(0);
        for (const a of (await store.listArticles({ since: '2023-01-01' })).items) expect(a.published).not.toBeNull();
      });
    });

    it('keeps one briefing per story, gone with its story', async () => {
      const { articles } = await ingest([EXAMPLE]);
      const sid = (await store.addArticles(articles)).added[0]!.storyId;
      expect(await store.getCachedBriefing(sid, 'k1')).toBeNull();
      await store.putCachedBriefing(sid, { key: 'k1', json: '{"a":1}', disagreements: 2, lineages: 3 });
      expect(await store.getCachedBriefing(sid, 'k1')).toEqual({ key: 'k1', json: '{"a":1}', disagreements: 2, lineages: 3 });
      expect(await store.getCachedBriefing(sid, 'k0')).toBeNull();
      await store.putCachedBriefing(sid, { key: 'k2', json: '{"a":2}', disagreements: 0, lineages: 1 });
      expect(await store.getCachedBriefing(sid, 'k1')).toBeNull();
      expect([...(await store.cachedBriefingFacts())]).toEqual([[sid, { key: 'k2', disagreements: 0, lineages: 1 }]]);
      // A story that does not exist keeps nothing.
      await store.putCachedBriefing('s-none', { key: 'k', json: '{}', disagreements: 0, lineages: 0 });
      expect((await store.cachedBriefingFacts()).size).toBe(1);
      for (const a of articles) await store.forget(a.id);
      expect((await store.cachedBriefingFacts()).size).toBe(0);
    });

    it('remembers polled sources and counts their articles', async () => {
      expect(await store.sourceState('https://example.com/feed')).toBeNull();
      await store.saveSourceState({ url: 'https://example.com/feed', etag: '"v1"', lastModified: null, checkedAt: '2024-03-01T12:00:00Z', status: 'ok', added: 3 });
      await store.saveSourceState({ url: 'https://example.com/feed', etag: '"v2"', lastModified: 'Fri, 01 Mar 2024 12:00:00 GMT', checkedAt: '2024-03-01T13:00:00Z', status: 'unchanged', added: 2 });
      expect(await store.sourceState('https://example.com/feed')).toEqual({
        url: 'https://example.com/feed', etag: '"v2"', lastModified: 'Fri, 01 Mar 2024 12:00:00 GMT', checkedAt: '2024-03-01T13:00:00Z', status: 'unchanged', articles: 5,
      });
    });

    it('two stores on one database writing alternately: each catches up with the other, forgets included', async () => {
      const a = store;
      const b = await open();
      await a.addArticles([0, 1].flatMap((e) => [0, 1, 2].map((k) => syntheticArticle(e, k))));
      await b.addArticles([syntheticArticle(2, 0), syntheticArticle(2, 1), syntheticArticle(0, 3)]);
      // A's next article of event 2 joins the story B started.
      const r = await a.addArticles([syntheticArticle(2, 2)]);
      expect(r.added[0]?.storyId).toBe((await a.getArticle('e2-a0'))?.storyId);
      // B forgets an article; A can store it again, into its event's story.
      await b.forget('e0-a1');
      const again = await a.addArticles([syntheticArticle(0, 1)]);
      expect(again.added).toHaveLength(1);
      expect(again.added[0]?.storyId).toBe((await a.getArticle('e0-a0'))?.storyId);
      expect((a as unknown as Snapshotting).stateLoads).toEqual({ full: 1, incremental: 2 });
      // Both in-memory states equal a fresh load, and the stored partition is by event.
      const want = await (await open() as unknown as Snapshotting).clusterSnapshot();
      for (const s of [a, b]) {
        const got = await (s as unknown as Snapshotting).clusterSnapshot();
        expect(got.documents).toBe(want.documents);
        expect([...got.groups].sort()).toEqual([...want.groups].sort());
        expect([...got.df].sort()).toEqual([...want.df].sort());
      }
      for (const g of await partition(a)) expect(new Set(g.map(eventOf)).size).toBe(1);
    });

    it('two stores on one database writing at once: nothing lost, nothing twice, grouped as in a serial order', async () => {
      const b = await open();
      const one = [0, 1, 2].flatMap((e) => [0, 1, 2].map((k) => syntheticArticle(e, k)));
      const two = [1, 2, 3].flatMap((e) => [2, 3, 4].map((k) => syntheticArticle(e, k)));
      const [ra, rb] = await Promise.all([store.addArticles(one), b.addArticles(two)]);
      // e1-a2 and e2-a2 are in both batches: stored once, skipped by whichever wrote second.
      const added = [...ra.added, ...rb.added].map((x) => x.id);
      const skipped = [...ra.skipped, ...rb.skipped].map((x) => x.id);
      const everyId = [...new Set([...one, ...two].map((x) => x.id))].sort();
      expect([...added].sort()).toEqual(everyId);
      expect(skipped.sort()).toEqual(['e1-a2', 'e2-a2']);
      const stored = await store.listArticles({ limit: 1000 });
      expect(stored.items.map((x) => x.id).sort()).toEqual(everyId);
      expect(stored.items.map((x) => x.seq)).toEqual(everyId.map((_, i) => i + 1));
      // The grouping of one of the two serial orders (both give the events).
      const serial = await partition(store);
      expect(serial.map((g) => new Set(g.map(eventOf)).size)).toEqual([1, 1, 1, 1]);
      expect(serial.flat().sort()).toEqual(everyId);
    });

    describe('precomputed story features', () => {
      /** Batches of 5 over the example, synthetic events, a bridge, a re-sent article (skipped) and a reused id with new text (renamed). */
      async function batches(): Promise<Article[][]> {
        const { articles } = await ingest([EXAMPLE]);
        const input = syntheticCorpus(5, 4);
        const out: Article[][] = [articles];
        for (let i = 0; i < input.length; i += 5) out.push(input.slice(i, i + 5));
        out.push([input[3]!, BRIDGE, syntheticArticle(4, 7, { id: input[0]!.id }), syntheticArticle(2, 8)]);
        return out;
      }
      /** Every AddResult of storing `all` batch by batch, with the features `features(batch)` gives, then the stories. */
      async function run(s: Store, all: Article[][], features: (batch: Article[]) => AddOptions | undefined) {
        const results: AddResult[] = [];
        for (const batch of all) results.push(await s.addArticles(batch, features(batch)));
        const stories = await Promise.all((await s.listStories({ limit: 1000 })).items.map((x) => s.getStory(x.id)));
        return { results, stories };
      }
      /** Features as the queue stages them: computed, encoded, decoded. */
      const staged = (batch: Article[]): AddOptions => ({ features: batch.map((a) => decodeFeatures(JSON.parse(JSON.stringify(encodeFeatures(precompute(a)))))) });
      /** Each article given the features of the next one in its batch (wrong for it): with `version`. */
      const shifted = (version: number) => (batch: Article[]): AddOptions => ({
        features: batch.map((_, i) => ({ version, features: precompute(batch[(i + 1) % batch.length]!).features })),
      });

      it('the same AddResults and stories with staged features as with features extracted by the store', async () => {
        const all = await batches();
        const plain = await run(await open({ cluster: MERGING }), all, () => undefined);
        expect(plain.results.some((r) => r.merged.length > 0)).toBe(true);
        expect(plain.results.at(-1)!.skipped.map((x) => x.reason)).toEqual(['same-content']);
        expect(plain.results.at(-1)!.diagnostics.map((d) => d.code)).toEqual(['DUPLICATE_ID']);
        const other = await backend.place();
        try {
          const s = await openStore(other.location, { now: NOW, cluster: MERGING });
          try {
            expect(await run(s, all, staged)).toEqual(plain);
          } finally {
            await s.close();
          }
        } finally {
          await other.drop();
        }
      });

      it('uses the features given (wrong ones change the grouping) unless another FEATURES_VERSION made them', async () => {
        const all = await batches();
        const plain = await run(await open({ cluster: MERGING }), all, () => undefined);
        for (const [version, same] of [[FEATURES_VERSION + 1, true], [FEATURES_VERSION, false]] as const) {
          const other = await backend.place();
          try {
            const s = await openStore(other.location, { now: NOW, cluster: MERGING });
            try {
              const got = await run(s, all, shifted(version));
              if (same) expect(got).toEqual(plain);
              else expect(got.results.map((r) => r.added.map((a) => a.storyId))).not.toEqual(plain.results.map((r) => r.added.map((a) => a.storyId)));
            } finally {
              await s.close();
            }
          } finally {
            await other.drop();
          }
        }
      });

      it('refuses features that are not one per article, naming the counts', async () => {
        const [first] = await batches();
        await expect(store.addArticles(first!, { features: [null] })).rejects.toThrow(/1 precomputed feature sets for 5 articles/);
        expect((await store.stats()).articles).toBe(0);
      });
    });
  });
});

describe.skipIf(pgMissing)('SQLite and PostgreSQL give the same answers for the same input', () => {
  it('stories, articles, merges, splits and lists are equal object for object', async () => {
    const places = await Promise.all(BACKENDS.map((b) => b.place()));
    const stores = await Promise.all(places.map((p) => openStore(p.location, { now: NOW, cluster: MERGING })));
    try {
      const { articles } = await ingest([EXAMPLE]);
      const input = syntheticCorpus(5, 4);
      const run = async (s: Store) => {
        const results: unknown[] = [];
        results.push(await s.addArticles(articles));
        for (let i = 0; i < input.length; i += 5) results.push(await s.addArticles(input.slice(i, i + 5)));
        results.push(await s.addArticles([BRIDGE]));
        results.push(await s.forget(input[9]!.id));
        results.push(await s.forget('bridge'));
        const lists = [
          await s.listStories(), await s.listStories({ sort: 'size' }), await s.listStories({ q: 'Riverton', limit: 2 }),
          await s.listStories({ outlet: 'outlet 1', since: '2024-05-11' }), await s.listArticles({ limit: 1000 }),
          await s.listArticles({ q: '"flood barrier"' }),
        ];
        const stories = await Promise.all(lists[0]!.items.map((x) => s.getStory((x as { id: string }).id)));
        const { location: _l, ...stats } = await s.stats();
        return { results, lists, stories, stats: { ...stats, schemaVersion: 0 } };
      };
      const [sqlite, pg] = [await run(stores[0]!), await run(stores[1]!)];
      // The input merged stories, and the bridge's removal split one.
      expect(sqlite.results.some((r) => ((r as { merged?: unknown[] }).merged ?? []).length > 0)).toBe(true);
      expect((sqlite.results.at(-1) as { splitInto: string[] }).splitInto).toHaveLength(1);
      expect(pg.results).toEqual(sqlite.results);
      expect(pg.lists).toEqual(sqlite.lists);
      expect(pg.stories).toEqual(sqlite.stories);
      expect(pg.stats).toEqual(sqlite.stats);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await Promise.all(places.map((p) => p.drop()));
    }
  });
});
