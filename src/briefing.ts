/**
 * The Briefing: crossread's public contract. `brief()` returns it, `--format json`
 * prints it, the web app's API serves it. Documented in docs/briefing.schema.json.
 *
 * Changes are additive; a change to an existing field bumps SCHEMA_VERSION's major
 * number, an added field its minor number.
 */
import type { Diagnostic, Removal, SentenceRef } from './types.js';

export const SCHEMA_VERSION = '1.2.0';

/** An article as reported in a briefing. */
export interface BriefingArticle {
  id: string;
  path: string;
  url: string | null;
  title: string | null;
  byline: string | null;
  outlet: string | null;
  /** ISO `YYYY-MM-DD` or null. */
  published: string | null;
  publishedEvidence: string | null;
  /** Words after cleaning. */
  words: number;
  /** Words before cleaning. */
  rawWords: number;
  removed: Removal[];
  warnings: Diagnostic[];
  /** Id of the story the article was grouped into. */
  storyId: string | null;
}

/** One sentence of a story's summary. */
export interface SummarySentence {
  text: string;
  /** Ids of every article that reports this content (not only the one it was taken from). */
  sources: string[];
  /** The sentence it was extracted from. */
  from: SentenceRef;
  /** Where each source reports it: the best-matching sentence of each source article. */
  evidence: SentenceRef[];
  /** Number of independent lineages among `sources`. */
  support: number;
  /**
   * Articles reporting the same content with a different figure for one of the
   * sentence's quantities: shown as disagreeing, never counted as support (1.2.0;
   * absent when there is none).
   */
  disagreeing?: DisagreeingSource[];
}

/** An article that reports a summary sentence's content with another figure. */
export interface DisagreeingSource {
  articleId: string;
  /** The article's sentence giving the other figure. */
  ref: SentenceRef;
  /** The summary sentence's figure, as written. */
  figure: string;
  /** The article's figure, as written. */
  other: string;
  /** Index in the story's `disagreements` of the disagreement these figures belong to, or null. */
  disagreement: number | null;
}

export type EntityType = 'person' | 'organization' | 'place' | 'group' | 'other';

export interface Entity {
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: number;
  sources: string[];
  /** Titles written before the name ("General of the Army", "Lt. Gen."), most frequent first. */
  titles?: string[];
  /** First mention in each source article. */
  refs?: SentenceRef[];
}

export interface QuoteVariant {
  text: string;
  sources: string[];
  /** Sentences where this wording appears. */
  refs?: SentenceRef[];
}

export interface Quote {
  speaker: string | null;
  text: string;
  sources: string[];
  variants: QuoteVariant[];
}

export interface DisagreementPosition {
  value: string;
  statement: string;
  sources: string[];
  attributedTo: string | null;
  refs?: SentenceRef[];
}

export interface Disagreement {
  kind: 'number' | 'dispute' | 'date' | 'claim';
  subject: string;
  positions: DisagreementPosition[];
  note: string;
  /**
   * `conflict`: the positions contradict each other; `different-moments`: they were
   * reported at different times and may both have been true when reported (an update);
   * `compatible`: the values differ as written but agree as an editor reads them (a bound
   * the other value satisfies, estimates within 10%).
   */
  status?: 'conflict' | 'different-moments' | 'compatible';
}

export interface Lineage {
  id: string;
  articleIds: string[];
  evidence: string;
}

export interface BackgroundArticle {
  articleId: string;
  reason: string;
}

export interface TimelineEntry {
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date: string;
  text: string;
  sources: string[];
  /** The publication date of the earliest reporting source, or null. */
  reportedOn: string | null;
  refs?: SentenceRef[];
}

/** One story: a group of articles about the same events, with its cited summary and analysis. */
export interface BriefingStory {
  id: string;
  headline: string;
  articleIds: string[];
  /** First and last publication dates among the story's articles (null when undated). */
  dateSpan: { from: string | null; to: string | null };
  outlets: string[];
  summary: SummarySentence[];
  entities: Entity[];
  quotes: Quote[];
  disagreements: Disagreement[];
  lineages: Lineage[];
  background: BackgroundArticle[];
  timeline: TimelineEntry[];
}

export interface Briefing {
  schemaVersion: string;
  generator: { name: 'crossread'; version: string };
  options: { words: number | null; sentences: number | null };
  articles: BriefingArticle[];
  stories: BriefingStory[];
  /** Problems with inputs that were skipped entirely (no article came out of them). */
  skipped: Diagnostic[];
  /** 0: everything processed; 1: nothing could be; 3: some inputs skipped. */
  status: 0 | 1 | 3;
}
