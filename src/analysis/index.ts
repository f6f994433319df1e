/**
 * Analysis stage: the articles of one story → entities, quotes, disagreements,
 * lineages, background articles and timeline (one module per analysis):
 *
 *   mentions.ts + entities.ts   names, merged into entities with aliases
 *   quotes.ts + attribution.ts  the quote ledger, speakers resolved to entities
 *   numbers.ts + disputes.ts    figures and explicit disputes → disagreements.ts
 *   lineages.ts                 copies and rewrites of one report; background articles
 *   dates.ts + timeline.ts      date expressions (TIMEX3 values) → dated events of main clauses
 *
 * Everything reads the annotations computed once per article (sentences, tokens,
 * POS, stems); nothing re-tokenises.
 */
import type { AnnotatedArticle } from '../types.js';
import type { BackgroundArticle, Disagreement, Entity, Lineage, Quote, TimelineEntry } from '../briefing.js';
import { articleMentions, capitalisedElsewhere, lowerCaseWords, withTitleMentions, type Mention } from './mentions.js';
import { addEvidence, buildEntities, entityRefs, reportable, toEntity, type EntityIndex, type EntityInfo } from './entities.js';
import { articleQuotes, groupQuotes, quoteSpans, titleSpans, type QuoteSpan, type RawQuote } from './quotes.js';
import { Attributor } from './attribution.js';
import { findLineages } from './lineages.js';
import { articleEvents, buildTimeline } from './timeline.js';
import { numberDisagreements } from './numbers.js';
import { disputeDisagreements } from './disputes.js';

export interface StoryAnalysis {
  entities: Entity[];
  quotes: Quote[];
  disagreements: Disagreement[];
  lineages: Lineage[];
  background: BackgroundArticle[];
  timeline: TimelineEntry[];
}

/** Intermediate results, for tests and for later stages that need more than the JSON. */
export interface AnalysisDetail {
  mentions: Mention[];
  index: EntityIndex;
  spans: Map<string, QuoteSpan[]>;
  quotes: RawQuote[];
  /** Short quoted fragments inside reported speech, attributed (not ledger entries). */
  fragments: RawQuote[];
  attributor: Attributor;
}

/**
 * The quote ledger's part of the analysis: mentions, entities, quotation spans and the
 * attributed quotations (what `eval-attribution` scores; `analyzeStoryDetailed` goes on
 * from here).
 */
export function analyzeQuotes(docs: AnnotatedArticle[]): AnalysisDetail {
  const spans = new Map(docs.map((d) => [d.article.id, quoteSpans(d.article.text)]));
  const ranges = new Map([...spans].map(([id, ss]) => [id, ss.map((q): [number, number] => [q.start, q.end])]));
  const elsewhere = capitalisedElsewhere(docs);
  const mentions = docs.flatMap((d) => withTitleMentions(articleMentions(d, elsewhere, ranges.get(d.article.id) ?? []), d.article.text, titleSpans(d.article.text, spans.get(d.article.id) ?? [])));
  const index = buildEntities(mentions, lowerCaseWords(docs));
  const attributor = new Attributor(index, ranges);
  const found = docs.flatMap((d) => articleQuotes(d, spans.get(d.article.id) ?? [], attributor, index));
  const quotes = found.filter((q) => !q.fragment);
  const fragments = found.filter((q) => q.fragment);
  // A speaker of quotations is a person, unless its names look like an organisation's:
  // an acronym among them ("WFP") or a long name. Once per speaker (not per quotation:
  // re-typing renames the entity, which costs a pass over its mentions).
  const quoted = new Set<EntityInfo>();
  for (const q of quotes) if (q.speaker && q.speaker.type === 'other') quoted.add(q.speaker);
  for (const e of quoted) {
    const orgLike = e.mentions.some((m) => m.acronym) || e.name.split(/\s+/).length > 3;
    addEvidence(e, orgLike ? 'organization' : 'person', 2);
  }
  return { mentions, index, spans, quotes, fragments, attributor };
}

export function analyzeStoryDetailed(docs: AnnotatedArticle[]): { analysis: StoryAnalysis; detail: AnalysisDetail } {
  const byId = new Map(docs.map((d) => [d.article.id, d]));
  const order = new Map(docs.map((d, i) => [d.article.id, i]));
  const detail = analyzeQuotes(docs);
  const { index, spans, quotes, attributor } = detail;
  const ranges = new Map([...spans].map(([id, ss]) => [id, ss.map((q): [number, number] => [q.start, q.end])]));
  const entities = index.entities
    .filter(reportable)
    .sort((a, b) => b.sources.length - a.sources.length || b.mentions.length - a.mentions.length || a.name.localeCompare(b.name))
    .map((e) => toEntity(e, order, entityRefs(e, byId)));
  const { lineages, background } = findLineages(docs, ranges);
  const events = docs.flatMap((d) => articleEvents(d, index));
  const { timeline, conflicts: dateConflicts } = buildTimeline(events, order);
  const analysis: StoryAnalysis = {
    entities,
    quotes: groupQuotes(quotes, order),
    disagreements: [
      ...disputeDisagreements(docs, quotes, attributor, index),
      ...numberDisagreements(docs, index, attributor, new Set(background.map((b) => b.articleId))),
      ...dateConflicts,
    ],
    lineages,
    background,
    timeline,
  };
  return { analysis, detail };
}

export function analyzeStory(docs: AnnotatedArticle[]): StoryAnalysis {
  return analyzeStoryDetailed(docs).analysis;
}
