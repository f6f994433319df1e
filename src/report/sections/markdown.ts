/** Markdown sections for the cross-source analysis (entities, quotes, disagreements, lineages, timeline). */
import type { BriefingStory } from '../../briefing.js';

export function analysisSectionsMarkdown(_s: BriefingStory, _labels: Map<string, number>): string[] {
  return [];
}
