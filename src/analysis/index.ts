/**
 * Analysis stage: the articles of one story → entities, quotes, disagreements,
 * lineages, background articles and timeline.
 * PROVISIONAL: every article is its own lineage and the other sections are empty
 * until the cross-source analysis lands.
 */
import type { AnnotatedArticle } from '../types.js';
import type { BackgroundArticle, Disagreement, Entity, Lineage, Quote, TimelineEntry } from '../briefing.js';

export interface StoryAnalysis {
  entities: Entity[];
  quotes: Quote[];
  disagreements: Disagreement[];
  lineages: Lineage[];
  background: BackgroundArticle[];
  timeline: TimelineEntry[];
}

export function analyzeStory(docs: AnnotatedArticle[]): StoryAnalysis {
  return {
    entities: [],
    quotes: [],
    disagreements: [],
    lineages: docs.map((d, i) => ({ id: `L${i + 1}`, articleIds: [d.article.id], evidence: 'no shared text with other articles' })),
    background: [],
    timeline: [],
  };
}
