/**
 * Live sources: an http(s) URL of an article page or of an RSS/Atom feed → Articles.
 *
 * Parsing is the ingest stage's (`readBytes`, `readFeed`): this module only fetches.
 * For a feed, each new item's link is fetched too, since feeds usually carry a
 * summary only; the page's article is used when it is longer than the item's own
 * text, with the item's date, title and link filling what the page lacks. A page
 * that cannot be fetched or read falls back to the item's text (with a warning).
 * Items whose link is already stored are not fetched again.
 */
import type { Article, Diagnostic } from '../types.js';
import { diagnostic } from '../errors.js';
import { readBytes, decode } from '../ingest/index.js';
import { detectFormat } from '../ingest/read.js';
import { readFeed, type FeedItem } from '../ingest/feed.js';
import { FetchError, Fetcher, type Conditional } from './http.js';
import { append } from '../append.js';

export interface SourceOptions {
  /** Largest page or feed accepted, in bytes. */
  maxBytes?: number;
  /** Conditional-request validators from the previous poll of this URL. */
  conditional?: Conditional;
  /** Whether an article with this URL is already stored (its page is then not fetched). */
  known?: (url: string) => Promise<boolean>;
  /** Fetch each feed item's page for the full text (default true). */
  followLinks?: boolean;
  /** Item pages fetched per feed at most (default 30); later items keep the feed's text. */
  maxItemPages?: number;
  /** Item pages left for the whole round, shared by every feed of it (decremented). */
  roundPages?: { left: number };
  /** Epoch ms after which no more requests start for this source (a round's budget). */
  deadlineAt?: number;
}

/** Default cap of item pages fetched per feed. */
export const DEFAULT_MAX_ITEM_PAGES = 30;
/** Time budget of one source (a feed and its item pages) in ms, when no earlier deadline is given. */
export const DEFAULT_SOURCE_BUDGET_MS = 60_000;

export interface SourceResult {
  url: string;
  kind: 'feed' | 'page' | 'unchanged' | 'failed';
  articles: Article[];
  diagnostics: Diagnostic[];
  /** Feed items skipped because their link is already stored. */
  known: number;
  /** Validators to send on the next poll. */
  etag: string | null;
  lastModified: string | null;
}

/** Fetches and reads one URL. Never throws: failures come back as diagnostics with kind `failed`. */
export async function readUrl(url: string, fetcher: Fetcher, opts: SourceOptions = {}): Promise<SourceResult> {
  const out: SourceResult = { url, kind: 'failed', articles: [], diagnostics: [], known: 0, etag: null, lastModified: null };
  // A feed and all its item pages finish within one budget (trickling pages cannot add up).
  opts = { ...opts, deadlineAt: Math.min(opts.deadlineAt ?? Infinity, Date.now() + DEFAULT_SOURCE_BUDGET_MS) };
  let res;
  try {
    res = await fetcher.get(url, opts.conditional, opts.deadlineAt);
  } catch (err) {
    const reason = err instanceof FetchError ? err.reason : (err as Error).message;
    out.diagnostics.push(diagnostic('error', url, 'FETCH_FAILED', url, reason));
    return out;
  }
  out.etag = res.etag;
  out.lastModified = res.lastModified;
  if (res.notModified) {
    out.kind = 'unchanged';
    return out;
  }
  const readOpts = { contentType: res.contentType, path: res.finalUrl, ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}) };
  const text = decode(res.body).text;
  const format = detectFormat(new URL(res.finalUrl).pathname, res.contentType, text);
  const read = readBytes(res.finalUrl, res.body, readOpts);
  if (format !== 'feed') {
    out.kind = 'page';
    append(out.diagnostics, read.diagnostics);
    for (const a of read.articles) out.articles.push(read.articles.length === 1 && !a.url ? { ...a, url: res.finalUrl } : a);
    return out;
  }
  out.kind = 'feed';
  // Items too short in the feed are read from their pages instead: not an error yet.
  append(out.diagnostics, read.diagnostics.filter((d) => opts.followLinks === false || d.code !== 'TOO_SHORT'));
  const byLink = new Map<string, Article>();
  for (const a of read.articles) if (a.url) byLink.set(a.url, a);
  let items: FeedItem[];
  try {
    items = readFeed(text).items;
  } catch {
    // The ingest stage has reported why (FEED_MALFORMED): the whole source failed.
    out.kind = 'failed';
    return out;
  }
  const pending: Array<Promise<void>> = [];
  const seen = new Set<string>();
  const maxPages = Math.max(0, opts.maxItemPages ?? DEFAULT_MAX_ITEM_PAGES);
  let pagesStarted = 0;
  const capped = { feed: 0, round: 0, time: 0 };
  /** Whether this item's page may be fetched: within the per-feed, per-round and time caps. */
  const mayFetch = (): boolean => {
    const over: keyof typeof capped | null =
      pagesStarted >= maxPages ? 'feed' : opts.roundPages && opts.roundPages.left <= 0 ? 'round' : opts.deadlineAt !== undefined && Date.now() >= opts.deadlineAt ? 'time' : null;
    if (over) {
      capped[over]++;
      return false;
    }
    pagesStarted++;
    if (opts.roundPages) opts.roundPages.left--;
    return true;
  };
  for (const item of items) {
    const link = item.link;
    if (!link) continue;
    if (seen.has(link)) continue;
    seen.add(link);
    pending.push(
      (async () => {
        if (opts.known && (await opts.known(link))) {
          out.known++;
          return;
        }
        const fromFeed = byLink.get(link) ?? null;
        const page = opts.followLinks === false || !mayFetch() ? null : await readItemPage(link, fetcher, opts, out.diagnostics);
        const chosen = choose(fromFeed, page, link);
        if (chosen) out.articles.push(chosen);
        else out.diagnostics.push(diagnostic('warning', link, 'HTML_NO_CONTENT', link));
      })(),
    );
  }
  await Promise.all(pending);
  const reasons: Array<[number, string]> = [
    [capped.feed, `over the cap of ${maxPages} per feed`],
    [capped.round, 'the cap of item pages per round was reached'],
    [capped.time, 'the time budget ran out'],
  ];
  for (const [n, why] of reasons) if (n > 0) out.diagnostics.push(diagnostic('warning', url, 'FEED_PAGES_CAPPED', url, n, why));
  // Items without links are taken from the feed as they are.
  for (const a of read.articles) if (!a.url) out.articles.push(a);
  // Keep the feed's order (Promise.all above completes in any order).
  const order = new Map(items.map((it, i) => [it.link ?? '', i]));
  out.articles.sort((a, b) => (order.get(a.url ?? '') ?? 1e9) - (order.get(b.url ?? '') ?? 1e9));
  return out;
}

async function readItemPage(link: string, fetcher: Fetcher, opts: SourceOptions, diags: Diagnostic[]): Promise<Article | null> {
  try {
    const res = await fetcher.get(link, {}, opts.deadlineAt);
    const read = readBytes(res.finalUrl, res.body, { contentType: res.contentType, path: link, ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}) });
    return read.articles[0] ?? null;
  } catch (err) {
    const reason = err instanceof FetchError ? err.reason : (err as Error).message;
    diags.push(diagnostic('warning', link, 'FETCH_FAILED', link, `${reason}; using the feed's text`));
    return null;
  }
}

/** The page's article when it is the longer text, completed with the feed item's metadata. */
function choose(fromFeed: Article | null, page: Article | null, link: string): Article | null {
  if (page && (!fromFeed || page.words >= fromFeed.words)) {
    return {
      ...page,
      id: fromFeed?.id ?? page.id,
      url: link,
      title: page.title ?? fromFeed?.title ?? null,
      byline: page.byline ?? fromFeed?.byline ?? null,
      outlet: page.outlet ?? fromFeed?.outlet ?? null,
      published: page.published ?? fromFeed?.published ?? null,
      publishedEvidence: page.published ? page.publishedEvidence : (fromFeed?.publishedEvidence ?? null),
    };
  }
  return fromFeed;
}
