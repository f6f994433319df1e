/**
 * Issue 14, command line 11: "most recent" orders stories by their latest publication
 * date, undated stories come after dated ones, and --since/--until never return a story
 * whose dates are outside the span (an undated article stored today included). Real SQLite.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { openStore, type Store } from '../../src/store/index.js';
import { syntheticArticle } from './synthetic.js';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-order-'));
  // "Today" (the ingest day, which undated articles sort under) is later than every publication date.
  store = await openStore(join(dir, 'o.db'), { now: () => new Date('2026-12-07T03:00:00Z') });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Event e's two articles, published on the given dates (null: undated). */
function event(e: number, dates: Array<string | null>) {
  return dates.map((d, k) => syntheticArticle(e, k, { published: d }));
}

async function storyOfEvent(e: number): Promise<string> {
  const page = await store.listArticles({ limit: 1000 });
  const a = page.items.find((x) => x.id.startsWith(`e${e}-`));
  return a!.storyId!;
}

describe('listStories: order and date filters', () => {
  beforeEach(async () => {
    await store.addArticles([
      ...event(0, ['2024-01-10', '2024-01-12']), // latest 2024-01-12
      ...event(1, ['2023-06-01', null]), // latest 2023-06-01, one undated article (sorts under 2026-12-07)
      ...event(2, [null, null]), // undated
      ...event(3, ['2024-03-02', '2024-02-01']), // latest 2024-03-02
    ]);
  });

  it('groups the four events into four stories', async () => {
    expect((await store.listStories()).total).toBe(4);
  });

  it('recent: latest publication date first, undated stories last', async () => {
    const ids = (await store.listStories({ sort: 'recent' })).items.map((s) => s.id);
    expect(ids).toEqual([await storyOfEvent(3), await storyOfEvent(0), await storyOfEvent(1), await storyOfEvent(2)]);
    const spans = (await store.listStories()).items.map((s) => s.dateSpan.to);
    expect(spans).toEqual(['2024-03-02', '2024-01-12', '2023-06-01', null]);
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
      { numRuns: 60 },
    );
  });

  it('listArticles: undated articles are never in a span', async () => {
    const page = await store.listArticles({ since: '2026-01-01' });
    expect(page.total).toBe(0);
    const all = await store.listArticles({ since: '2023-01-01' });
    for (const a of all.items) expect(a.published).not.toBeNull();
  });
});
