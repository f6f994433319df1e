import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Fetcher, FetchError, USER_AGENT } from '../../src/fetch/http.js';
import { startServer, type FixtureServer } from './server.js';

let srv: FixtureServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv.close();
});

const waits: number[] = [];
const fast = (): Fetcher => new Fetcher({ sleep: async (ms) => void waits.push(ms), timeoutMs: 2000 });

describe('Fetcher', () => {
  it('sends a clear User-Agent and returns the body and validators', async () => {
    const r = await fast().get(`${srv.url}/feed.xml`);
    expect(r.status).toBe(200);
    expect(r.notModified).toBe(false);
    expect(Buffer.from(r.body).toString()).toContain('<rss');
    expect(r.etag).toMatch(/^"items-/);
    expect(r.lastModified).toBe('Mon, 13 May 2024 08:00:00 GMT');
    expect(srv.headers.get('/feed.xml')?.['user-agent']).toBe(USER_AGENT);
  });

  it('makes conditional requests: 304 means not modified', async () => {
    const f = fast();
    const first = await f.get(`${srv.url}/feed.xml`);
    const again = await f.get(`${srv.url}/feed.xml`, { etag: first.etag, lastModified: first.lastModified });
    expect(again.notModified).toBe(true);
    expect(again.body.byteLength).toBe(0);
    expect(srv.headers.get('/feed.xml')?.['if-none-match']).toBe(first.etag);
  });

  it('follows redirects up to the limit, and refuses loops', async () => {
    const r = await fast().get(`${srv.url}/redirect/3`);
    expect(r.finalUrl).toBe(`${srv.url}/a/1.html`);
    await expect(new Fetcher({ maxRedirects: 2 }).get(`${srv.url}/redirect/3`)).rejects.toThrow(/more than 2 redirects/);
    await expect(fast().get(`${srv.url}/loop`)).rejects.toThrow(`${srv.url}/loop: fetch failed (more than 5 redirects)`);
  });

  it('caps the body size, from Content-Length and while streaming', async () => {
    const f = new Fetcher({ maxBytes: 1024 * 1024 });
    await expect(f.get(`${srv.url}/big`)).rejects.toThrow(/2097152 bytes is over the 1048576-byte cap/);
    await expect(f.get(`${srv.url}/big-chunked`)).rejects.toThrow(/body is over the 1048576-byte cap/);
  });

  it('times out slow responses (and retries them)', async () => {
    const f = new Fetcher({ timeoutMs: 200, retries: 1, sleep: async () => undefined });
    const started = Date.now();
    await expect(f.get(`${srv.url}/slow`)).rejects.toThrow(/timed out after 200 ms/);
    expect(Date.now() - started).toBeLessThan(1400);
    expect(srv.hits.get('/slow')).toBe(2);
  });

  it('retries 5xx with exponential backoff, and honours Retry-After', async () => {
    waits.length = 0;
    const r = await fast().get(`${srv.url}/flaky`);
    expect(Buffer.from(r.body).toString()).toBe('finally');
    expect(r.attempts).toBe(3);
    expect(waits[0]).toBeGreaterThanOrEqual(500);
    expect(waits[1]).toBeGreaterThanOrEqual(1000);
    waits.length = 0;
    const ra = await fast().get(`${srv.url}/retry-after`);
    expect(ra.attempts).toBe(2);
    expect(waits).toEqual([1000]);
  });

  it('does not retry client errors, and names the URL and the reason', async () => {
    const err = await fast().get(`${srv.url}/missing`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).message).toBe(`${srv.url}/missing: fetch failed (HTTP 404 Not Found)`);
    expect(srv.hits.get('/missing')).toBe(1);
    await expect(fast().get('ftp://example.org/x')).rejects.toThrow(/unsupported scheme ftp:/);
    const closed = await startServer();
    const dead = closed.url;
    await closed.close();
    await expect(new Fetcher({ retries: 1, sleep: async () => undefined }).get(`${dead}/x`)).rejects.toThrow(`${dead}/x: fetch failed (ECONNREFUSED)`);
  });

  it('limits concurrent requests per host', async () => {
    const f = new Fetcher({ perHost: 2 });
    srv.maxConcurrent = 0;
    await Promise.all(Array.from({ length: 6 }, (_, i) => f.get(`${srv.url}/concurrent/${i}`)));
    expect(srv.maxConcurrent).toBe(2);
  });
});
