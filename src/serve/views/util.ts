/** Small helpers shared by the page templates. Every value that reaches HTML goes through `h`. */
import { escapeHtml } from '../../report/escape.js';
import { articleName } from '../../report/labels.js';

export const h = escapeHtml;

/** URL of a story page. */
export function storyUrl(id: string): string {
  return `/stories/${encodeURIComponent(id)}`;
}

/** URL of an article page, optionally at one of its sentences. */
export function articleUrl(id: string, sentence?: number): string {
  return `/articles/${encodeURIComponent(id)}${sentence === undefined ? '' : `#s-${sentence}`}`;
}

/** "1 story", "2,400 articles": the reports' one plural rule. */
export { count as plural } from '../../report/labels.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2017-12-07` → `7 Dec 2017`; `2017-12` → `Dec 2017`; `2017` → `2017`; anything else as given. */
export function formatDate(d: string | null | undefined): string {
  if (!d) return 'undated';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(d);
  if (!m) return d;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!month) return m[1] as string;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** A date span: `7 Dec 2017`, `7 – 9 Dec 2017`, `30 Nov – 2 Dec 2017`, or `undated`. */
export function formatSpan(span: { from: string | null; to: string | null }): string {
  const { from, to } = span;
  if (!from && !to) return 'undated';
  if (!from || !to || from === to) return formatDate(from ?? to);
  const a = /^(\d{4})-(\d{2})-(\d{2})$/.exec(from);
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(to);
  if (a && b && a[1] === b[1]) {
    if (a[2] === b[2]) return `${Number(a[3])} – ${formatDate(to)}`;
    return `${Number(a[3])} ${MONTHS[Number(a[2]) - 1]} – ${formatDate(to)}`;
  }
  return `${formatDate(from)} – ${formatDate(to)}`;
}

/** `<time>` element for an ISO date. */
export function time(d: string | null | undefined): string {
  if (!d) return '<span class="muted">undated</span>';
  return `<time datetime="${h(d)}">${h(formatDate(d))}</time>`;
}

/** Truncates text to `max` characters at a word boundary. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > max * 0.6 ? cut.slice(0, sp) : cut).trimEnd()}…`;
}

/** Builds a query string from defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Only http(s) URLs become links; anything else (javascript:, data:) is shown as text. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * How a page names an article in a narrow space (a matrix column, a table cell): its
 * outlet, else its title, else the host of its URL, else its date, never a hash id.
 * Past the outlet (and a URL's host for an untitled page) it is the project's one naming
 * function, `articleName` of src/report/labels.ts.
 */
export function sourceName(a: { outlet: string | null; title: string | null; url: string | null; published: string | null } | undefined): string {
  if (!a) return 'unknown source';
  if (a.outlet?.trim()) return a.outlet.trim();
  const href = safeHref(a.url);
  if (!a.title?.trim() && href) return new URL(href).hostname.replace(/^www\./, '');
  return articleName(a);
}
