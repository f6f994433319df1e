/** Issue 14, command line 8: the web app's JSON download carries each article's cleaned text (no browser needed). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/briefing.js';
import type { RunningServer } from '../../src/serve/index.js';
import { exampleArticles, request, serve, tempStore, type TempStore } from './helpers.js';

let ts: TempStore;
let server: RunningServer;
let story = '';

beforeAll(async () => {
  ts = tempStore();
  const r = await ts.store.addArticles(await exampleArticles());
  story = r.added[0]!.storyId;
  server = await serve(ts.store);
});
afterAll(async () => {
  await server?.close();
  await ts?.cleanup();
});

describe('GET /stories/:id/briefing.json', () => {
  it('has every article with its text, and every citation {start, end} points into it', async () => {
    const res = await request(server.url, 'GET', `/stories/${story}/briefing.json`);
    expect(res.status).toBe(200);
    const b = res.json<Briefing>();
    expect(b.schemaVersion).toBe('1.2.0');
    const texts = new Map(b.articles.map((a) => [a.id, a.text]));
    for (const a of b.articles) expect(a.text?.length).toBeGreaterThan(0);
    let refs = 0;
    for (const s of b.stories) {
      for (const x of s.summary) {
        for (const e of x.evidence) {
          const t = texts.get(e.articleId)!;
          expect(e.start).toBeGreaterThanOrEqual(0);
          expect(e.end).toBeLessThanOrEqual(t.length);
          refs++;
        }
        const from = texts.get(x.from.articleId)!.slice(x.from.start, x.from.end);
        expect(from.length).toBeGreaterThan(0);
      }
    }
    expect(refs).toBeGreaterThan(0);
    // The API itself is unchanged (no text).
    const api = (await request(server.url, 'GET', `/api/stories/${story}`)).json<Briefing>();
    for (const a of api.articles) expect(a.text).toBeUndefined();
  });
});
