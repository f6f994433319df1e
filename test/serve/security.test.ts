/** Host and Origin checks, as tables of cases. */
import { describe, expect, it } from 'vitest';
import { crossOriginOf, hostAllowed, parseHost } from '../../src/serve/security.js';

describe('parseHost', () => {
  it.each([
    ['127.0.0.1:4317', { hostname: '127.0.0.1', port: '4317' }],
    ['LOCALHOST', { hostname: 'localhost', port: null }],
    ['[::1]:80', { hostname: '::1', port: '80' }],
    ['example.com.', { hostname: 'example.com', port: null }],
    ['bad host', null],
    ['a@b', null],
    ['', null],
  ])('%s', (h, out) => expect(parseHost(h)).toEqual(out));
});

describe('hostAllowed', () => {
  const loopback = { bindHost: '127.0.0.1' };
  const everywhere = { bindHost: '0.0.0.0' };
  it.each([
    ['localhost:4317', loopback, true],
    ['127.0.0.1', loopback, true],
    ['[::1]:4317', loopback, true],
    ['x.localhost', loopback, true],
    ['evil.example', loopback, false],
    ['localhost.evil.example', loopback, false],
    ['192.168.1.20:4317', loopback, false],
    [undefined, loopback, false],
    ['192.168.1.20:4317', everywhere, true],
    ['[fe80::1]:4317', everywhere, true],
    ['evil.example', everywhere, false],
    ['news.internal', { bindHost: '0.0.0.0', allowedHosts: ['News.Internal'] }, true],
    ['myhost', { bindHost: 'myhost' }, true],
  ] as const)('%s under %o → %s', (host, policy, ok) => {
    expect(hostAllowed(host, { ...policy, allowedHosts: 'allowedHosts' in policy ? [...policy.allowedHosts] : [] })).toBe(ok);
  });
});

describe('crossOriginOf', () => {
  it.each([
    [{ origin: 'http://127.0.0.1:4317', host: '127.0.0.1:4317' }, null],
    [{ origin: 'http://LOCALHOST:4317', host: 'localhost:4317' }, null],
    [{ origin: 'http://127.0.0.1:4318', host: '127.0.0.1:4317' }, 'http://127.0.0.1:4318'],
    [{ origin: 'https://evil.example', host: '127.0.0.1:4317' }, 'https://evil.example'],
    [{ origin: 'null', host: '127.0.0.1:4317' }, 'null'],
    [{ origin: 'file://', host: '127.0.0.1:4317' }, 'file://'],
    [{ origin: 'not a url', host: '127.0.0.1:4317' }, 'not a url'],
    [{ 'sec-fetch-site': 'cross-site', host: '127.0.0.1:4317' }, 'a cross-site page'],
    [{ 'sec-fetch-site': 'same-site', host: '127.0.0.1:4317' }, 'a same-site page'],
    [{ 'sec-fetch-site': 'same-origin', host: '127.0.0.1:4317' }, null],
    [{ 'sec-fetch-site': 'none', host: '127.0.0.1:4317' }, null],
    [{ host: '127.0.0.1:4317' }, null],
    // The scheme is part of the origin (issue 14, item 26).
    [{ origin: 'https://127.0.0.1:4317', host: '127.0.0.1:4317' }, 'https://127.0.0.1:4317'],
    [{ origin: 'https://localhost:4317', host: 'localhost:4317' }, 'https://localhost:4317'],
    [{ origin: 'ftp://127.0.0.1:4317', host: '127.0.0.1:4317' }, 'ftp://127.0.0.1:4317'],
  ])('%o → %s', (headers, out) => expect(crossOriginOf(headers)).toBe(out));

  it('over https, only an https origin of the same host is this server', () => {
    expect(crossOriginOf({ origin: 'https://127.0.0.1:4317', host: '127.0.0.1:4317' }, 'https')).toBe(null);
    expect(crossOriginOf({ origin: 'http://127.0.0.1:4317', host: '127.0.0.1:4317' }, 'https')).toBe('http://127.0.0.1:4317');
  });
});
