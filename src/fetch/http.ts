/**
 * HTTP fetching for `ingest <url>` and `watch`: Node's built-in fetch (undici) with
 * what polite, robust fetching of news needs around it:
 *
 * - a timeout per request (connect + headers + body),
 * - a size cap enforced while streaming the body (and from Content-Length up front),
 * - redirects followed by hand, at most `maxRedirects`, http(s) only,
 * - a clear User-Agent,
 * - conditional requests (If-None-Match / If-Modified-Since) → `notModified`,
 * - retries with exponential backoff and jitter on network errors, timeouts, 429 and
 *   5xx (honouring Retry-After up to a cap),
 * - a per-host concurrency limit (and a global one), so one slow site never gets
 *   hammered and never blocks the others.
 *
 * Written over fetch rather than with a client library (got, ky) to avoid a
 * dependency: Node 20's fetch does the protocol work, and these policies are short.
 */
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';
import { VERSION } from '../version.js';

export const USER_AGENT = `crossread/${VERSION} (news briefing tool; feed and article reader)`;

export interface FetchOptions {
  /** Per-request timeout in ms (default 15 000): connect, headers and the whole body. */
  timeoutMs?: number;
  /**
   * Total time for one URL in ms, retries and waits included (default 40 000): a host
   * that trickles bytes or keeps failing never holds a run longer than this.
   */
  deadlineMs?: number;
  /** Largest body accepted, in bytes (default 16 MiB). */
  maxBytes?: number;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /** Retries after the first attempt (default 2). */
  retries?: number;
  /** First backoff delay in ms (default 500; doubles each retry). */
  backoffMs?: number;
  /** Longest wait honoured from Retry-After, in ms (default 30 000). */
  maxRetryAfterMs?: number;
  /** Concurrent requests per host (default 2) and overall (default 8). */
  perHost?: number;
  concurrency?: number;
  userAgent?: string;
  /**
   * Refuse hosts that are, or resolve to, private, loopback, link-local or other
   * non-public addresses (checked for the URL and every redirect). For URLs given by
   * untrusted users (a web form); off by default, for the CLI where the user types the
   * URL and may mean a server on their own network.
   */
  blockPrivateAddresses?: boolean;
  /** For tests: the fetch implementation, the sleep function and the DNS lookup (host → addresses). */
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  lookup?: (host: string) => Promise<string[]>;
}

export interface Conditional {
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchResult {
  /** The URL asked for and the final one after redirects. */
  url: string;
  finalUrl: string;
  status: number;
  /** True on 304 Not Modified: no body. */
  notModified: boolean;
  body: Uint8Array;
  contentType: string | undefined;
  etag: string | null;
  lastModified: string | null;
  /** Attempts made (1 = no retry). */
  attempts: number;
}

/** A fetch that failed for good; `message` names the URL and the reason. */
export class FetchError extends Error {
  readonly url: string;
  readonly reason: string;
  readonly status: number | null;
  constructor(url: string, reason: string, status: number | null = null) {
    super(`${url}: fetch failed (${reason})`);
    this.name = 'FetchError';
    this.url = url;
    this.reason = reason;
    this.status = status;
  }
}

class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

const RETRY_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/** A fetcher holding the per-host limits; one per command run. */
export class Fetcher {
  private readonly o: Required<Omit<FetchOptions, 'fetchImpl' | 'sleep' | 'lookup'>>;
  private readonly fetchImpl: typeof fetch;
  private readonly lookup: (host: string) => Promise<string[]>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly hosts = new Map<string, Semaphore>();
  private readonly global: Semaphore;

  constructor(opts: FetchOptions = {}) {
    this.o = {
      timeoutMs: opts.timeoutMs ?? 15_000,
      deadlineMs: opts.deadlineMs ?? 40_000,
      maxBytes: opts.maxBytes ?? 16 * 1024 * 1024,
      maxRedirects: opts.maxRedirects ?? 5,
      retries: opts.retries ?? 2,
      backoffMs: opts.backoffMs ?? 500,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 30_000,
      perHost: Math.max(1, opts.perHost ?? 2),
      concurrency: Math.max(1, opts.concurrency ?? 8),
      userAgent: opts.userAgent ?? USER_AGENT,
      blockPrivateAddresses: opts.blockPrivateAddresses ?? false,
    };
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.lookup = opts.lookup ?? (async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address));
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.global = new Semaphore(this.o.concurrency);
  }

  private hostLimit(url: URL): Semaphore {
    let s = this.hosts.get(url.host);
    if (!s) this.hosts.set(url.host, (s = new Semaphore(this.o.perHost)));
    return s;
  }

  /** GETs a URL with retries; throws FetchError when it fails for good. */
  async get(url: string, conditional: Conditional = {}, deadlineAt = Infinity): Promise<FetchResult> {
    const parsed = parseHttpUrl(url);
    const deadline = Math.min(Date.now() + this.o.deadlineMs, deadlineAt);
    const late = () => new FetchError(url, `no complete answer within the ${Math.round(this.o.deadlineMs / 1000)} s deadline`);
    let attempt = 0;
    for (;;) {
      attempt++;
      try {
        const r = await this.global.run(() =>
          this.hostLimit(parsed).run(() => {
            const left = deadline - Date.now();
            if (left <= 0) throw late();
            return this.once(parsed, conditional, left);
          }),
        );
        return { ...r, attempts: attempt };
      } catch (err) {
        const e = err instanceof RetryableError ? err : null;
        if (!e || attempt > this.o.retries) {
          if (err instanceof FetchError) throw err;
          if (e) throw new FetchError(url, e.reason, e.status);
          throw new FetchError(url, (err as Error).message);
        }
        const backoff = this.o.backoffMs * 2 ** (attempt - 1);
        const wait = e.retryAfterMs !== null ? Math.min(e.retryAfterMs, this.o.maxRetryAfterMs) : backoff + Math.floor(Math.random() * backoff * 0.25);
        // No retry that cannot finish before the deadline.
        if (Date.now() + wait >= deadline) throw new FetchError(url, `${e.reason}; no time left to retry within the deadline`, e.status);
        await this.sleep(wait);
      }
    }
  }

  /** One attempt: follows redirects, enforces the timeout and size cap. */
  private async once(start: URL, conditional: Conditional, leftMs = Infinity): Promise<Omit<FetchResult, 'attempts'>> {
    const controller = new AbortController();
    // A total deadline for the attempt (not an idle timeout): a body trickling one byte a second ends here.
    const timeoutMs = Math.max(1, Math.min(this.o.timeoutMs, leftMs));
    const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
    let current = start;
    try {
      for (let hop = 0; ; hop++) {
        const headers: Record<string, string> = {
          'user-agent': this.o.userAgent,
          accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.9, application/json;q=0.8, text/plain;q=0.8, */*;q=0.5',
        };
        if (conditional.etag) headers['if-none-match'] = conditional.etag;
        if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
        if (this.o.blockPrivateAddresses) await this.checkPublic(current, start.href);
        let res: Response;
        try {
          res = await this.fetchImpl(current, { headers, redirect: 'manual', signal: controller.signal });
        } catch (err) {
          throw new RetryableError(controller.signal.aborted ? `timed out after ${timeoutMs} ms` : networkReason(err), null, null);
        }
        if (res.status >= 300 && res.status < 400 && res.status !== 304) {
          const loc = res.headers.get('location');
          await res.body?.cancel().catch(() => undefined);
          if (!loc) throw new FetchError(start.href, `HTTP ${res.status} redirect without a Location`, res.status);
          if (hop >= this.o.maxRedirects) throw new FetchError(start.href, `more than ${this.o.maxRedirects} redirects`, res.status);
          let next: URL;
          try {
            next = new URL(loc, current);
          } catch {
            throw new FetchError(start.href, `bad redirect location "${loc.slice(0, 200)}"`, res.status);
          }
          if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new FetchError(start.href, `redirect to unsupported scheme ${next.protocol}`, res.status);
          current = next;
          continue;
        }
        const base = {
          url: start.href,
          finalUrl: current.href,
          status: res.status,
          contentType: res.headers.get('content-type') ?? undefined,
          etag: res.headers.get('etag'),
          lastModified: res.headers.get('last-modified'),
        };
        if (res.status === 304) {
          await res.body?.cancel().catch(() => undefined);
          return { ...base, notModified: true, body: new Uint8Array(0) };
        }
        if (!res.ok) {
          await res.body?.cancel().catch(() => undefined);
          if (RETRY_STATUS.has(res.status)) throw new RetryableError(`HTTP ${res.status}`, res.status, retryAfter(res.headers.get('retry-after')));
          throw new FetchError(start.href, `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, res.status);
        }
        const declared = Number(res.headers.get('content-length') ?? NaN);
        if (Number.isFinite(declared) && declared > this.o.maxBytes) {
          await res.body?.cancel().catch(() => undefined);
          throw new FetchError(start.href, `${declared} bytes is over the ${this.o.maxBytes}-byte cap`, res.status);
        }
        const body = await this.readCapped(res, start.href, controller);
        return { ...base, notModified: false, body };
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Refuses a host that is, or resolves to, a non-public address. Checked before each
   * request and redirect; the connection resolves the name again, so a DNS server
   * answering differently within that moment (rebinding) is not covered: pinning the
   * address needs a connection-level hook that Node's built-in fetch does not offer.
   */
  private async checkPublic(url: URL, start: string): Promise<void> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: string[];
    if (isIP(host)) addresses = [host];
    else {
      try {
        addresses = await this.lookup(host);
      } catch (err) {
        throw new FetchError(start, `cannot resolve ${host} (${networkReason(err)})`);
      }
    }
    if (addresses.length === 0) throw new FetchError(start, `${host} has no address`);
    const bad = addresses.find((a) => isPrivateAddress(a));
    if (bad === undefined) return;
    throw new FetchError(start, `${isIP(host) ? `${host} is` : `${host} resolves to ${bad},`} not a public address (private addresses are blocked)`);
  }

  private async readCapped(res: Response, url: string, controller: AbortController): Promise<Uint8Array> {
    if (!res.body) return new Uint8Array(0);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > this.o.maxBytes) {
          controller.abort(new Error('size cap'));
          throw new FetchError(url, `body is over the ${this.o.maxBytes}-byte cap`, res.status);
        }
        chunks.push(value);
      }
    } catch (err) {
      if (err instanceof FetchError) throw err;
      throw new RetryableError(controller.signal.aborted ? `timed out after ${this.o.timeoutMs} ms` : networkReason(err), null, null);
    } finally {
      reader.releaseLock();
    }
    return Buffer.concat(chunks, size);
  }
}

class RetryableError extends Error {
  constructor(
    readonly reason: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null,
  ) {
    super(reason);
  }
}

function retryAfter(v: string | null): number | null {
  if (!v) return null;
  const s = Number(v);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - Date.now()) : null;
}

function networkReason(err: unknown): string {
  const e = err as { cause?: { code?: string; message?: string }; message?: string };
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

/** Parses an http(s) URL or throws FetchError naming it. */
export function parseHttpUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new FetchError(url, 'not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FetchError(url, `unsupported scheme ${u.protocol}`);
  return u;
}

/** True for arguments that are http(s) URLs rather than paths. */
export function isHttpUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

let nonPublic: BlockList | null = null;

/**
 * True for addresses that are not on the public internet: unspecified, loopback,
 * private (RFC 1918, unique-local), shared (CGNAT), link-local, benchmarking,
 * documentation, multicast and reserved ranges, in IPv4 and IPv6 (IPv4-mapped IPv6
 * addresses are judged by their IPv4 address). Uses Node's `net.BlockList`.
 */
export function isPrivateAddress(address: string): boolean {
  if (!nonPublic) {
    const b = new BlockList();
    for (const [net, bits] of [
      ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
      ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
      ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
    ] as const) b.addSubnet(net, bits, 'ipv4');
    for (const [net, bits] of [
      ['::', 128], ['::1', 128], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 32], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
    ] as const) b.addSubnet(net, bits, 'ipv6');
    nonPublic = b;
  }
  const kind = isIP(address);
  if (kind === 4) return nonPublic.check(address, 'ipv4');
  if (kind !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return nonPublic.check(mapped[1] as string, 'ipv4');
  return nonPublic.check(address, 'ipv6');
}
