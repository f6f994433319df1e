/**
 * Blocking non-public addresses (`blockPrivateAddresses`), for URLs that come from
 * untrusted users: the URL's host and every redirect target are checked; off by
 * default (the CLI fetches what its user types, local servers included).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Fetcher, isPrivateAddress } from '../../src/fetch/http.js';
import { startServer, type FixtureServer } from './server.js';

let srv: FixtureServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv.close();
});

const PRIVATE = ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip'];
const PUBLIC = ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'];

describe('private addresses', () => {
  it.each(PRIVATE.map((a) => [a]))('%s is not public', (a) => expect(isPrivateAddress(a)).toBe(true));
  it.each(PUBLIC.map((a) => [a]))('%s is public', (a) => expect(isPrivateAddress(a)).toBe(false));

  it('fetches a loopback server by default, refuses it when blocking', async () => {
    expect((await new Fetcher().get(`${srv.url}/feed.xml`)).status).toBe(200);
    await expect(new Fetcher({ blockPrivateAddresses: true }).get(`${srv.url}/feed.xml`)).rejects.toThrow(/127\.0\.0\.1 is not a public address \(private addresses are blocked\)/);
  });

  it('checks names through DNS, and every redirect', async () => {
    const lookup = async (host: string): Promise<string[]> => (host === 'news.example' ? ['93.184.216.34'] : host === 'intranet.example' ? ['10.0.0.7'] : []);
    const asked: string[] = [];
    const fetchImpl = (async (url: URL | string) => {
      asked.push(String(url));
      return new Response(null, { status: 302, headers: { location: 'http://intranet.example/admin' } });
    }) as typeof fetch;
    const f = new Fetcher({ blockPrivateAddresses: true, lookup, fetchImpl, retries: 0 });
    await expect(f.get('http://news.example/story')).rejects.toThrow(/http:\/\/news\.example\/story: fetch failed \(intranet\.example resolves to 10\.0\.0\.7, not a public address/);
    // The public page was asked for; the private redirect target never was.
    expect(asked).toEqual(['http://news.example/story']);
    await expect(f.get('http://nowhere.example/')).rejects.toThrow(/nowhere\.example has no address/);
  });
});
