/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds → one record per item, parsed with
 * fast-xml-parser. The item's HTML (content:encoded, Atom content/summary,
 * description) becomes text through the same block walk as web pages.
 */
import { XMLParser } from 'fast-xml-parser';
import { bounded, htmlToText, parseHTML, type HtmlCapped } from './html.js';

export interface FeedItem {
  /** guid / Atom id / link: the base of the article id. */
  key: string | null;
  title: string | null;
  link: string | null;
  text: string;
  captions: string[];
  published: string | null;
  byline: string | null;
  outlet: string | null;
  /** Tags dropped from the item's HTML to keep it within the DOM bounds, when any. */
  capped: HtmlCapped;
}

export interface Feed {
  title: string | null;
  items: FeedItem[];
}

const ARRAYS = new Set(['item', 'entry', 'link', 'author', 'category', 'dc:creator', 'contributor']);

function parser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ARRAYS.has(name),
  });
}

type X = unknown;

function obj(x: X): Record<string, X> | null {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, X>) : null;
}

/** Text of an element that may be a string, `{#text}` or a list of those. */
function text(x: X): string | null {
  if (typeof x === 'string') return x.trim() || null;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (Array.isArray(x)) return text(x[0]);
  const o = obj(x);
  if (o) return text(o['#text'] ?? o.name ?? null);
  return null;
}

function looksLikeHtml(s: string): boolean {
  return /<\/?[a-z][\w-]*[\s>/]/i.test(s) || /&(?:[a-z]+|#\d+);/i.test(s);
}

/** Item content (HTML or text) → text with one paragraph per line. */
function contentText(s: string | null): { text: string; captions: string[]; capped: HtmlCapped } {
  if (!s) return { text: '', captions: [], capped: null };
  if (!looksLikeHtml(s)) return { text: s.replace(/[ \t]+/g, ' ').trim(), captions: [], capped: null };
  const { html, capped } = bounded(s);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`) as unknown as {
    document: { body: Parameters<typeof htmlToText>[0] };
  };
  return { ...htmlToText(document.body), capped };
}

const XHTML_BLOCKS = /^(?:p|div|li|h[1-6]|blockquote|pre|tr|figcaption|section|article|ul|ol|table|dd|dt)$/;

/** Atom `type="xhtml"` content arrives parsed into objects: flatten it back to lines of text. */
function flattenXhtml(x: X, out: string[] = [], block = true): string[] {
  if (typeof x === 'string' || typeof x === 'number') {
    const t = String(x).replace(/\s+/g, ' ').trim();
    if (t) {
      if (block || out.length === 0) out.push(t);
      else out[out.length - 1] += ` ${t}`;
    }
    return out;
  }
  if (Array.isArray(x)) {
    for (const v of x) flattenXhtml(v, out, block);
    return out;
  }
  const o = obj(x);
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) {
    if (k.startsWith('@_')) continue;
    const name = k.replace(/^[\w-]+:/, '');
    flattenXhtml(v, out, k === '#text' ? block : XHTML_BLOCKS.test(name));
  }
  return out;
}

function contentOf(x: X): string | null {
  const o = obj(x);
  if (o && !('#text' in o) && Object.keys(o).some((k) => !k.startsWith('@_'))) return flattenXhtml(o).join('\n') || null;
  return text(x);
}

function atomLink(links: X): string | null {
  const list = Array.isArray(links) ? links : [links];
  let any: string | null = null;
  for (const l of list) {
    const o = obj(l);
    const href = o ? text(o['@_href'] ?? null) : text(l);
    if (!href) continue;
    const rel = o ? text(o['@_rel'] ?? null) : null;
    if (!rel || rel === 'alternate') return href;
    any ??= href;
  }
  return any;
}

function authorNames(x: X): string | null {
  if (x === undefined || x === null) return null;
  const list = Array.isArray(x) ? x : [x];
  const out = list.map((a) => text(obj(a)?.name ?? a)).filter((v): v is string => Boolean(v));
  if (!out.length) return null;
  // RSS <author> is "email (Name)".
  return out.map((a) => /\(([^)]+)\)\s*$/.exec(a)?.[1] ?? a).join(', ');
}

export class FeedError extends Error {}

/** Parses a feed document. Throws FeedError with the reason when it is not a readable feed. */
export function readFeed(xml: string): Feed {
  let doc: Record<string, X>;
  try {
    doc = parser().parse(xml) as Record<string, X>;
  } catch (e) {
    throw new FeedError((e as Error).message.split('\n')[0] ?? 'parse error');
  }
  const rss = obj(doc.rss);
  const rdf = obj(doc['rdf:RDF']);
  const atom = obj(doc.feed);
  if (rss || rdf) {
    const channel = obj(rss ? rss.channel : rdf?.channel) ?? {};
    const feedTitle = text(channel.title ?? null);
    const rawItems = (rss ? channel.item : rdf?.item) ?? [];
    const items = (Array.isArray(rawItems) ? rawItems : [rawItems]).map((it): FeedItem => {
      const o = obj(it) ?? {};
      const html = text(o['content:encoded'] ?? null) ?? text(o.description ?? null);
      const body = contentText(html);
      const link = text(o.link ?? null);
      return {
        key: text(o.guid ?? null) ?? link,
        title: text(o.title ?? null),
        link,
        text: body.text,
        captions: body.captions,
        published: text(o.pubDate ?? o['dc:date'] ?? o['dcterms:issued'] ?? null),
        byline: authorNames(o['dc:creator'] ?? o.author ?? null),
        outlet: feedTitle,
        capped: body.capped,
      };
    });
    return { title: feedTitle, items };
  }
  if (atom) {
    const feedTitle = text(atom.title ?? null);
    const rawItems = atom.entry ?? [];
    const items = (Array.isArray(rawItems) ? rawItems : [rawItems]).map((it): FeedItem => {
      const o = obj(it) ?? {};
      const body = contentText(contentOf(o.content ?? null) ?? contentOf(o.summary ?? null));
      const link = atomLink(o.link ?? null);
      return {
        key: text(o.id ?? null) ?? link,
        title: text(o.title ?? null),
        link,
        text: body.text,
        captions: body.captions,
        published: text(o.published ?? o.updated ?? null),
        byline: authorNames(o.author ?? null),
        outlet: feedTitle,
        capped: body.capped,
      };
    });
    return { title: feedTitle, items };
  }
  throw new FeedError('no <rss>, <rdf:RDF> or Atom <feed> root element');
}
