/**
 * Bounds an HTML page before any DOM is built: a linear scan over its tags that drops
 * the tags of elements nested deeper than `MAX_HTML_DEPTH`, and every tag after the
 * first `MAX_HTML_ELEMENTS`, keeping their text. linkedom's tree walks and
 * Readability's scoring take time that grows with depth × size (a page nested 3,000
 * elements deep ran for minutes), so the DOM they see must be bounded; this is what
 * Readability's `maxElemsToParse` intends, done without building the tree first.
 *
 * Written by hand: a tag scanner (comments, doctype, quoted attribute values, raw-text
 * elements such as `<script>`) is a few lines, and a parser would build the very tree
 * that must be bounded. Depth is estimated from explicit end tags only (implied ends
 * such as `<p><p>` are not applied), which can only overestimate it: the DOM is never
 * deeper than the cap.
 */

/** Elements nested deeper than this lose their tags (their text is kept). */
export const MAX_HTML_DEPTH = 64;
/** Tags after this many elements are dropped (their text is kept). */
export const MAX_HTML_ELEMENTS = 20_000;

const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen',
]);
/** Elements whose content is not markup: skipped as one unit. */
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'template']);
/** Elements whose start tag ends an open element of the same name (`<p>a<p>b`, `<li>`). */
const SELF_ENDING = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option']);
/** Block elements whose start tag ends an open `<p>`. */
const ENDS_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul',
]);
/** How far down the open-element stack an end tag looks for its start tag. */
const END_SEARCH = 16;

export interface HtmlBounds {
  /** The page, with tags beyond the caps removed (unchanged when nothing was capped). */
  html: string;
  /** Deepest nesting seen (estimated). */
  depth: number;
  /** Elements seen. */
  elements: number;
  /** Tags dropped for depth or count. */
  dropped: number;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Index just after the `>` that closes the tag opened at `i`, or the end of the text.
 * A quote opens an attribute value only right after `=` (as HTML parsers read it), so
 * a stray quote cannot hide the tags after it from the scan.
 */
function tagEnd(html: string, i: number): number {
  let j = i + 1;
  let afterEquals = false;
  while (j < html.length) {
    const c = html.charCodeAt(j);
    if (c === 62) return j + 1; // >
    if ((c === 34 || c === 39) && afterEquals) {
      const close = html.indexOf(c === 34 ? '"' : "'", j + 1);
      if (close < 0) return html.length;
      j = close + 1;
      afterEquals = false;
      continue;
    }
    if (c === 61) afterEquals = true; // =
    else if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) afterEquals = false;
    j++;
  }
  return html.length;
}

/** Scans `html` once and drops the tags over the caps. Linear in the length of the page. */
export function boundHtml(html: string, maxDepth = MAX_HTML_DEPTH, maxElements = MAX_HTML_ELEMENTS): HtmlBounds {
  const out: string[] = [];
  /** Open elements: name and whether its tags are kept. */
  const stack: Array<{ name: string; kept: boolean }> = [];
  let depth = 0;
  let elements = 0;
  let dropped = 0;
  let copied = 0; // html[copied..i) is still to be copied to out
  let i = html.indexOf('<');
  const rawEnds = new Map<string, RegExp>();
  const drop = (from: number, to: number) => {
    out.push(html.slice(copied, from));
    out.push(' ');
    copied = to;
    dropped++;
  };
  while (i >= 0 && i < html.length) {
    const next = html.charCodeAt(i + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      // Comment, doctype, CDATA, processing instruction: kept as they are.
      const end = html.startsWith('<!--', i) ? html.indexOf('-->', i + 4) : html.indexOf('>', i + 1);
      i = end < 0 ? html.length : html.indexOf('<', end + (html.startsWith('<!--', i) ? 3 : 1));
      continue;
    }
    const closing = next === 47; // /
    const nameAt = closing ? i + 2 : i + 1;
    if (!isNameStart(html.charCodeAt(nameAt))) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    let k = nameAt;
    while (k < html.length && !/[\s/>]/.test(html[k] as string)) k++;
    const name = html.slice(nameAt, k).toLowerCase();
    const end = tagEnd(html, k - 1);
    if (closing) {
      let found = -1;
      for (let s = stack.length - 1; s >= 0 && s >= stack.length - END_SEARCH; s--) {
        if (stack[s]?.name === name) {
          found = s;
          break;
        }
      }
      if (found >= 0) {
        const kept = stack[found]?.kept ?? true;
        stack.length = found;
        if (!kept) drop(i, end);
      }
      i = html.indexOf('<', end);
      continue;
    }
    elements++;
    const top = stack[stack.length - 1]?.name;
    if (top !== undefined && ((top === 'p' && ENDS_P.has(name)) || (top === name && SELF_ENDING.has(name)) || ((name === 'td' || name === 'th') && (top === 'td' || top === 'th')))) {
      stack.pop();
    }
    const level = stack.length + 1;
    if (level > depth) depth = level;
    const kept = level <= maxDepth && elements <= maxElements;
    if (RAW.has(name)) {
      // Skip the content up to the matching end tag; a dropped raw element goes whole.
      let re = rawEnds.get(name);
      if (!re) rawEnds.set(name, (re = new RegExp(`</${name}`, 'gi')));
      re.lastIndex = end;
      const close = re.exec(html)?.index ?? -1;
      const after = close < 0 ? html.length : tagEnd(html, close + 1);
      if (!kept) drop(i, after);
      i = html.indexOf('<', after);
      continue;
    }
    if (!kept) drop(i, end);
    if (!VOID.has(name)) stack.push({ name, kept });
    i = html.indexOf('<', end);
  }
  if (dropped === 0) return { html, depth, elements, dropped };
  out.push(html.slice(copied));
  return { html: out.join(''), depth, elements, dropped };
}
