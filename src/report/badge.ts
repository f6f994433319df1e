/**
 * The agreement badge of a story, one rule for every report (terminal, Markdown,
 * HTML) and for the web app's pages:
 * - "Sources disagree · n" when the analysis found n disagreements in conflict
 *   (figures that differ at the same moment, disputes, contradicted claims);
 *   differences over time and compatible figures are not disagreements;
 * - "Sources agree" only when at least two independent sources were compared —
 *   two lineages of articles that are not background (copies of one wire text are
 *   one source; an old or off-topic article is not compared) — and nothing was found;
 * - "Single source" when all the story's reporting is one lineage;
 * - nothing for a story with no article.
 */
import type { BriefingStory } from '../briefing.js';

export interface AgreementBadge {
  kind: 'disagree' | 'agree' | 'single-source';
  label: string;
  /** Conflicting disagreements (for 'disagree'). */
  count: number;
  /** Independent sources compared. */
  sources: number;
}

/** Independent sources of a story: lineages with at least one article that is not background. */
export function independentSources(s: Pick<BriefingStory, 'lineages' | 'background'>): number {
  const background = new Set(s.background.map((b) => b.articleId));
  return s.lineages.filter((l) => l.articleIds.some((a) => !background.has(a))).length;
}

export function agreementBadge(s: Pick<BriefingStory, 'lineages' | 'background' | 'disagreements'>): AgreementBadge | null {
  const sources = independentSources(s);
  const count = s.disagreements.filter((d) => (d.status ?? 'conflict') === 'conflict').length;
  if (count > 0) return { kind: 'disagree', label: `Sources disagree · ${count}`, count, sources };
  if (sources >= 2) return { kind: 'agree', label: 'Sources agree', count, sources };
  if (sources === 1) return { kind: 'single-source', label: 'Single source', count, sources };
  return null;
}
