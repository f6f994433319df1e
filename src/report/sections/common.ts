/** What the analysis sections show and in which order, shared by the three renderers. */
import type { BriefingStory, Disagreement, Entity } from '../../briefing.js';

/** Most entities listed in terminal and Markdown output (HTML lists all). */
export const MAX_ENTITIES = 12;
/** Most quotations listed in terminal output. */
export const MAX_QUOTES_TERMINAL = 8;
/** Most characters of a quotation or statement in terminal output. */
export const MAX_TEXT_TERMINAL = 240;

/** Entities worth a line: seen in two sources, or several times, or with a title. */
export function shownEntities(s: BriefingStory, max = Infinity): Entity[] {
  return s.entities.filter((e) => e.sources.length >= 2 || e.mentions >= 3 || (e.titles?.length ?? 0) > 0).slice(0, max);
}

/** Conflicts first, then compatible figures, then differences over time. */
export function orderedDisagreements(s: BriefingStory): Disagreement[] {
  const rank = (d: Disagreement) => (d.status === 'different-moments' ? 2 : d.status === 'compatible' ? 1 : 0);
  return [...s.disagreements].sort((a, b) => rank(a) - rank(b));
}

/** What a disagreement's status adds to its kind label ("figures differ, compatible"), or "". */
export function statusSuffix(d: Disagreement): string {
  return d.status === 'different-moments' ? ', different moments' : d.status === 'compatible' ? ', compatible' : '';
}

export function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1).replace(/\s+\S*$/, '')} …`;
}

export const KIND_LABEL: Record<Disagreement['kind'], string> = {
  number: 'figures differ',
  dispute: 'disputed',
  date: 'dates differ',
  claim: 'contradicted',
};

/**
 * Article ids in an analysis note (lineage evidence names the articles by id) replaced by
 * the citation labels readers see ("[2] and [3] share 1 sentence …"); longest ids first,
 * whole ids only, so that "a1" is not found inside "a10", and never inside a quoted excerpt.
 */
export function withLabels(text: string, labels: Map<string, number>): string {
  const ids = [...labels.keys()].filter((id) => text.includes(id)).sort((a, b) => b.length - a.length);
  if (!ids.length) return text;
  const esc = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}_.-])(?:${esc.join('|')})(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])`, 'gu');
  // Quoted excerpts (“…”) are article text: left as they are.
  return text
    .split(/(“[^”]*”)/)
    .map((part, i) => (i % 2 ? part : part.replace(re, (id) => `[${labels.get(id) ?? '?'}]`)))
    .join('');
}
