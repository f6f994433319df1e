/**
 * A page of teasers: a list of other stories, each a sentence or two cut off with an
 * ellipsis ("… according to new ...", "… a new study ..."), as a site's "Most popular
 * stories" page. Such a page is no article: its sentences are no summary sentences and
 * date no timeline events, the teasers' first sentences that end with a full stop before
 * the cut ("Antarctica experienced a sixfold increase … between 1979 and 2017, according to
 * a new study.") and the rest of the page, the site's description of itself, alike. Issue
 * 10, fourth held-out review's leftover (mnval-089, whose second article is 78 such
 * paragraphs of 88).
 *
 * Only on a page where they are many (at least three, and at least half of its
 * paragraphs): a news article may end one paragraph on an ellipsis, quoting or trailing off.
 */

/** A paragraph cut off with an ellipsis, of five words or more. */
const CUT = /(?:\.\.\.|…)["”’]?$/u;

const cache = new WeakMap<object, Array<[number, number]>>();

/** Character spans of the teaser paragraphs of an article's text (none when it is not a page of teasers). */
export function teaserSpans(text: string): Array<[number, number]> {
  const paras: Array<[number, number, boolean]> = [];
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const t = m[0].trim();
    if (!t) continue;
    paras.push([m.index, m.index + m[0].length, CUT.test(t) && t.split(/\s+/).length >= 5]);
  }
  const cut = paras.filter((p) => p[2]);
  if (cut.length < 3 || cut.length * 2 < paras.length) return [];
  return cut.map(([a, b]) => [a, b]);
}

/**
 * True when the article is a page of teasers (`key` caches the article's spans): none of its
 * sentences is narration, neither the teasers nor the rest of such a page, the site's
 * description of itself ("ScienceDaily features breaking news about …", "Headlines and
 * summaries of relevant news stories … are provided on each topic page.", mnval-089).
 */
export function onTeaserPage(key: object, text: string): boolean {
  let spans = cache.get(key);
  if (!spans) cache.set(key, (spans = teaserSpans(text)));
  return spans.length > 0;
}
