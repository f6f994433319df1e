import type { Briefing, BriefingStory } from '../briefing.js';

/**
 * Short citation labels ([1], [2], …) for the articles of a story, in the order
 * the story lists them, so that terminal and Markdown output stay readable.
 */
export function citationLabels(story: BriefingStory): Map<string, number> {
  return new Map(story.articleIds.map((id, i) => [id, i + 1]));
}

export function articleIndex(b: Briefing): Map<string, Briefing['articles'][number]> {
  return new Map(b.articles.map((a) => [a.id, a]));
}

/** Counts removals by kind, e.g. "repeated-body ×1, reading-time ×1". */
export function removalSummary(removed: Array<{ kind: string }>): string {
  const counts = new Map<string, number>();
  for (const r of removed) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(', ');
}

/** What naming an article needs: the briefing article's fields (a stored article has them too). */
export interface NameableArticle {
  title: string | null;
  outlet: string | null;
  published: string | null;
}

/** Words of an article's text used to name an untitled article without an outlet. */
export const NAME_WORDS = 8;

/** The first `n` words of a text, with "…" when cut. */
export function firstWords(text: string, n = NAME_WORDS): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  return words.length > n ? `${words.slice(0, n).join(' ')} …` : words.join(' ');
}

/**
 * How an article is named wherever people read it (sources lists, the matrix, the
 * timeline, the web app): its title; an untitled article by its outlet and date
 * ("AP, 2017-09-12"), or by its first words in quotes when it has no outlet (with
 * `text`, the cleaned text) — never by its id, which is a file name or a hash.
 */
export function articleName(a: NameableArticle, text?: string): string {
  const title = a.title?.replace(/\s+/g, ' ').trim();
  if (title) return title;
  const outlet = a.outlet?.trim();
  const words = text ? firstWords(text) : '';
  if (outlet && a.published) return `${outlet}, ${a.published}`;
  if (outlet) return words ? `${outlet}: “${words}”` : `${outlet}, undated`;
  if (words) return `“${words}”`;
  return a.published ? `untitled article of ${a.published}` : 'untitled article';
}

/** The outlet and date to show after an article's name, leaving out what the name already says. */
export function articleMeta(a: NameableArticle, text?: string): string {
  const date = a.published ?? 'undated';
  if (a.title?.trim()) return [a.outlet, date].filter(Boolean).join(', ');
  const outlet = a.outlet?.trim();
  if (outlet) return a.published || !text ? '' : date; // the name holds the outlet (and the date when there is one)
  return text || !a.published ? date : '';
}

/** "1 article", "2 articles", "1,200 articles"; `plural` when the plural is not singular + "s" ("story" → "stories"). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  // Below 1,000 a whole number is written as it is (toLocaleString is ~10× slower; a list page counts ~40 times).
  const shown = Number.isInteger(n) && n < 1000 && (n > 0 || Object.is(n, 0)) ? String(n) : n.toLocaleString('en-US');
  return `${shown} ${n === 1 ? singular : plural}`;
}
