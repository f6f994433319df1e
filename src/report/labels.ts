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
