/** HTML sections for the cross-source analysis (entities, quotes, disagreements, lineages, timeline). */
import type { BriefingStory } from '../../briefing.js';

export interface HtmlSectionContext {
  /** Citation label of each article of the story. */
  labels: Map<string, number>;
  /** Page-wide article number (for sentence anchors, see sentenceAnchor in ../html.ts). */
  articleNo: Map<string, number>;
  titles: Map<string, string>;
}

export function analysisSectionsHtml(_s: BriefingStory, _ctx: HtmlSectionContext): string {
  return '';
}
