/**
 * HTML → article: main text through @mozilla/readability over a linkedom DOM, and
 * metadata from JSON-LD (NewsArticle and kin), meta tags (Open Graph, article:,
 * Dublin Core, name=date/author, …) and `<time datetime>`.
 *
 * Readability decides which part of the page is the article; turning its content
 * element into one-paragraph-per-line text is done by `htmlToText` below (written by
 * hand: Readability's own `textContent` runs paragraphs together, and the block walk
 * is a few lines over the DOM linkedom already gives).
 */
import { createRequire } from 'node:module';
import { parseDateValue } from './metadata.js';
import { boundHtml, type HtmlBounds } from './html-bounds.js';

type Linkedom = typeof import('linkedom');
type ReadabilityModule = typeof import('@mozilla/readability');
const require = createRequire(import.meta.url);
let linkedomModule: Linkedom | null = null;
let readabilityModule: ReadabilityModule | null = null;

/**
 * linkedom's `parseHTML`, loaded on first use: linkedom takes ~200 ms to load, which a
 * run over plain-text files should not pay (the CLI must start fast).
 */
export function parseHTML(html: string): ReturnType<Linkedom['parseHTML']> {
  linkedomModule ??= require('linkedom') as Linkedom;
  return linkedomModule.parseHTML(html);
}

/** What `boundHtml` capped in a page (null when it was within the bounds). */
export type HtmlCapped = Omit<HtmlBounds, 'html'> | null;

/** `html` within the depth and element bounds (see ./html-bounds.ts), and what was capped. */
export function bounded(html: string): { html: string; capped: HtmlCapped } {
  const b = boundHtml(html);
  return { html: b.html, capped: b.dropped ? { depth: b.depth, elements: b.elements, dropped: b.dropped } : null };
}

function readabilityClass(): ReadabilityModule['Readability'] {
  readabilityModule ??= require('@mozilla/readability') as ReadabilityModule;
  return readabilityModule.Readability;
}

/** Minimal DOM surface used here (linkedom's nodes; the project compiles without lib.dom). */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
}
interface DomElement extends DomNode {
  localName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelectorAll(sel: string): ArrayLike<DomElement>;
  querySelector(sel: string): DomElement | null;
  remove(): void;
}
interface DomDocument {
  documentElement: DomElement | null;
  body: DomElement | null;
  title: string;
  querySelectorAll(sel: string): ArrayLike<DomElement>;
  querySelector(sel: string): DomElement | null;
}

const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'li', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'figure', 'figcaption', 'dl', 'dt', 'dd',
  'hr', 'address', 'details', 'summary', 'center', 'caption', 'fieldset', 'hgroup', 'body', 'html',
]);
const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'button', 'form', 'input', 'select', 'textarea',
  'canvas', 'object', 'embed', 'audio', 'video', 'head', 'title', 'meta', 'link',
]);
const CELL = new Set(['td', 'th']);

export interface HtmlText {
  text: string;
  /** Text of `<figcaption>` elements (each also a line of `text`). */
  captions: string[];
}

/** Block-level walk: one paragraph per line, inline text joined with collapsed spaces. */
export function htmlToText(root: DomNode): HtmlText {
  const lines: string[] = [];
  const captions: string[] = [];
  let buf = '';
  const flush = () => {
    const t = buf.replace(/\s+/g, ' ').trim();
    if (t) lines.push(t);
    buf = '';
  };
  const walk = (node: DomNode, inPre: boolean): void => {
    if (node.nodeType === 3) {
      const t = node.textContent ?? '';
      if (inPre && t.includes('\n')) {
        const parts = t.split('\n');
        parts.forEach((p, i) => {
          if (i > 0) flush();
          buf += p;
        });
      } else buf += t;
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = (node as DomElement).localName?.toLowerCase() ?? node.nodeName.toLowerCase();
    if (SKIP.has(tag)) return;
    if (tag === 'br') {
      flush();
      return;
    }
    if (tag === 'img') {
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    if (CELL.has(tag)) buf += ' ';
    const before = lines.length;
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) walk(kids[i] as DomNode, inPre || tag === 'pre');
    if (CELL.has(tag)) buf += ' ';
    if (block) flush();
    if (tag === 'figcaption') captions.push(...lines.slice(before));
  };
  walk(root, false);
  flush();
  return { text: lines.join('\n'), captions };
}

const MIN_READABLE_WORDS = 20;

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export interface HtmlArticle {
  text: string;
  captions: string[];
  title: string | null;
  byline: string | null;
  outlet: string | null;
  url: string | null;
  /** Publication date with the metadata it was read from. */
  published: { value: string; evidence: string } | null;
  /** `lang` of the page, when declared. */
  lang: string | null;
  /** Tags dropped to keep the page within the DOM bounds, when any. */
  capped: HtmlCapped;
}

const ARTICLE_TYPES = /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|SocialMediaPosting|Report|ScholarlyArticle|TechArticle)$/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObj(x: unknown): x is Record<string, Json> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(x: Json | undefined): string | null {
  if (typeof x === 'string') return x.trim() || null;
  if (typeof x === 'number') return String(x);
  if (Array.isArray(x)) return str(x[0]);
  if (isObj(x)) return str(x['@value'] ?? x.name ?? x['@id'] ?? null);
  return null;
}

/** Names of a JSON-LD author/publisher value (string, {name}, or a list of those). */
function names(x: Json | undefined): string | null {
  if (x === undefined || x === null) return null;
  const list = Array.isArray(x) ? x : [x];
  const out = list
    .map((v) => (typeof v === 'string' ? v.trim() : isObj(v) ? str(v.name ?? null) : null))
    .filter((v): v is string => Boolean(v) && !/^https?:\/\//i.test(v as string));
  return out.length ? [...new Set(out)].join(', ') : null;
}

/** The first article-like object in JSON-LD (top level, arrays, `@graph`). */
function findArticleLd(x: Json, depth = 0): Record<string, Json> | null {
  if (depth > 6) return null;
  if (Array.isArray(x)) {
    for (const v of x) {
      const f = findArticleLd(v, depth + 1);
      if (f) return f;
    }
    return null;
  }
  if (!isObj(x)) return null;
  const types = Array.isArray(x['@type']) ? x['@type'] : [x['@type']];
  if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) return x;
  if (x['@graph']) return findArticleLd(x['@graph'], depth + 1);
  return null;
}

function attr(el: DomElement, name: string): string | null {
  const v = el.getAttribute(name);
  return v && v.trim() ? v.trim() : null;
}

const META_DATE_KEYS = [
  'article:published_time', 'og:article:published_time', 'published_time', 'datepublished', 'article.published',
  'publishdate', 'publish-date', 'publish_date', 'pubdate', 'publication_date', 'date', 'dc.date.issued', 'dc.date',
  'dcterms.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date', 'article_date_original', 'original-publish-date',
  'datecreated', 'citation_publication_date',
];
const META_TITLE_KEYS = ['og:title', 'twitter:title', 'dc.title', 'headline', 'sailthru.title', 'parsely-title'];
const META_AUTHOR_KEYS = ['author', 'article:author', 'byl', 'dc.creator', 'parsely-author', 'sailthru.author', 'citation_author'];
const META_OUTLET_KEYS = ['og:site_name', 'application-name', 'publisher', 'dc.publisher', 'citation_publisher'];

function cleanByline(s: string | null): string | null {
  if (!s) return null;
  const t = s.replace(/^\s*by[:\s]+/i, '').replace(/\s+/g, ' ').trim();
  if (!t || /^https?:\/\//i.test(t) || t.length > 200) return null;
  return t;
}

function stripSiteSuffix(title: string, outlet: string | null): string {
  if (!outlet) return title;
  const o = outlet.toLowerCase();
  const m = /^(.*\S)\s+[|\-–—:·•]\s+(.+)$/u.exec(title);
  if (m?.[1] && m[2] && m[2].trim().toLowerCase() === o) return m[1];
  const p = /^(.+?)\s+[|\-–—:·•]\s+(.*\S)$/u.exec(title);
  if (p?.[1] && p[2] && p[1].trim().toLowerCase() === o) return p[2];
  return title;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/**
 * A DOM for `html`. linkedom leaves `documentElement` null for markup that does not
 * start with an element (text, a fragment after stray characters); such input is
 * parsed again inside an `<html><body>` shell so that every DOM call below is safe.
 */
function parseDocument(html: string): DomDocument {
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  if (document.documentElement) return document;
  return (parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`) as unknown as { document: DomDocument }).document;
}

/** Reads an HTML page. Returns null when it has no readable text. */
export function readHtml(page: string): HtmlArticle | null {
  // Every DOM below is built from the bounded page: linkedom and Readability take time
  // growing with depth × size.
  const { html, capped } = bounded(page);
  const document = parseDocument(html);
  const meta = new Map<string, string>();
  const metas = document.querySelectorAll('meta');
  for (let i = 0; i < metas.length; i++) {
    const el = metas[i] as DomElement;
    const key = (attr(el, 'property') ?? attr(el, 'name') ?? attr(el, 'itemprop') ?? '').toLowerCase();
    const content = attr(el, 'content');
    if (key && content && !meta.has(key)) meta.set(key, content);
  }
  const firstMeta = (keys: string[]) => {
    for (const k of keys) {
      const v = meta.get(k);
      if (v) return { key: k, value: v };
    }
    return null;
  };

  let ld: Record<string, Json> | null = null;
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length && !ld; i++) {
    try {
      ld = findArticleLd(JSON.parse((scripts[i] as DomElement).textContent ?? '') as Json);
    } catch {
      // Malformed JSON-LD is common on the web; the other metadata sources still apply.
    }
  }

  // Outlet, title, byline.
  const ldPublisher = ld ? names(ld.publisher ?? null) : null;
  const metaOutlet = firstMeta(META_OUTLET_KEYS)?.value ?? null;
  const canonical = attr(document.querySelector('link[rel="canonical"]') ?? ({ getAttribute: () => null } as unknown as DomElement), 'href');
  const url = canonical ?? meta.get('og:url') ?? (ld ? str(ld.url ?? (isObj(ld.mainEntityOfPage) ? ld.mainEntityOfPage['@id'] ?? null : ld.mainEntityOfPage ?? null)) : null);
  const docTitle = document.title?.trim() || null;
  const lang = attr(document.documentElement ?? ({ getAttribute: () => null } as unknown as DomElement), 'lang');

  // Publication date: JSON-LD, then meta tags, then <time>.
  let published: HtmlArticle['published'] = null;
  const ldDate = ld ? str(ld.datePublished ?? ld.dateCreated ?? null) : null;
  if (ldDate && parseDateValue(ldDate)) published = { value: ldDate, evidence: `JSON-LD datePublished: ${ldDate}` };
  if (!published) {
    for (const k of META_DATE_KEYS) {
      const v = meta.get(k);
      if (v && parseDateValue(v)) {
        published = { value: v, evidence: `meta ${k}: ${v}` };
        break;
      }
    }
  }
  if (!published) {
    const times = document.querySelectorAll('time[datetime]');
    let best: DomElement | null = null;
    for (let i = 0; i < times.length; i++) {
      const t = times[i] as DomElement;
      const hint = `${attr(t, 'itemprop') ?? ''} ${attr(t, 'class') ?? ''} ${t.hasAttribute('pubdate') ? 'pubdate' : ''}`;
      if (/published|pubdate|datePublished/i.test(hint)) {
        best = t;
        break;
      }
      best ??= t;
    }
    const v = best ? attr(best, 'datetime') : null;
    if (best && v && parseDateValue(v)) {
      const shown = (best.textContent ?? '').replace(/\s+/g, ' ').trim();
      published = { value: v, evidence: `<time datetime="${v}">${shown ? ` ${shown}` : ''}` };
    }
  }

  // Main text (Readability mutates the document, so metadata is read first).
  let text = '';
  let captions: string[] = [];
  let rTitle: string | null = null;
  let rByline: string | null = null;
  let rSite: string | null = null;
  try {
    const Readability = readabilityClass();
    const parsed = new Readability(document as never, { serializer: (n: unknown) => n as DomNode }).parse();
    if (parsed?.content) {
      const t = htmlToText(parsed.content);
      text = t.text;
      captions = t.captions;
    }
    rTitle = parsed?.title?.trim() || null;
    rByline = parsed?.byline?.trim() || null;
    rSite = parsed?.siteName?.trim() || null;
  } catch {
    // Readability gives up on some pages; the fallback below reads the body.
  }
  // Readability needs a page with some body; on a near-empty page it may return the
  // navigation. Then the body without its chrome (nav, header, footer, aside) is read.
  if (wordCount(text) < MIN_READABLE_WORDS) {
    text = '';
    captions = [];
    const again = parseDocument(html);
    const body = again.body;
    if (body) {
      const chrome = body.querySelectorAll('nav, header, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"]');
      for (let i = chrome.length - 1; i >= 0; i--) (chrome[i] as DomElement).remove();
      const t = htmlToText(body);
      text = t.text;
      captions = t.captions;
    }
  }
  if (!text.trim()) return null;

  const outlet = ldPublisher ?? metaOutlet ?? rSite ?? hostOf(url);
  const rawTitle = (ld ? str(ld.headline ?? ld.name ?? null) : null) ?? firstMeta(META_TITLE_KEYS)?.value ?? rTitle ?? docTitle;
  const title = rawTitle ? stripSiteSuffix(rawTitle.replace(/\s+/g, ' ').trim(), outlet) : null;
  const byline = cleanByline((ld ? names(ld.author ?? ld.creator ?? null) : null) ?? firstMeta(META_AUTHOR_KEYS)?.value ?? rByline);
  return { text, captions, title, byline, outlet, url, published, lang, capped };
}
