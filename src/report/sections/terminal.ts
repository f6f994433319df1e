/** Terminal sections for the cross-source analysis (entities, quotes, disagreements, lineages, timeline). */
import type { BriefingStory } from '../../briefing.js';
import type { Colors } from '../terminal.js';

export function analysisSectionsTerminal(_s: BriefingStory, _labels: Map<string, number>, _c: Colors, _width: number): string[] {
  return [];
}
