/**
 * A briefing kept in the store (`Store.putCachedBriefing`): the key it is kept under and
 * the counts kept beside it. One definition for the web app's briefer (src/serve/briefer.ts)
 * and the job queue's `brief` stage (src/queue/brief-stage.ts), so that a briefing a
 * worker kept is the one the web app finds for the same story state and options.
 */
import { SCHEMA_VERSION, type Briefing } from './briefing.js';
import { DEFAULT_WORDS } from './summarize/index.js';
import { agreementBadge, independentSources } from './report/badge.js';
import { VERSION } from './version.js';
import type { CachedBriefing, StorySummary } from './store/store.js';

/** Summary length of a kept briefing, as `brief` takes it. */
export interface KeptSummaryOptions {
  words?: number;
  sentences?: number;
}

/** The key a briefing is kept under: the story state (id, updatedAt, article count), this version and the summary options. */
export function keptBriefingKey(s: Pick<StorySummary, 'id' | 'updatedAt' | 'articleCount'>, o: KeptSummaryOptions = {}): string {
  return [s.id, s.updatedAt, s.articleCount, VERSION, SCHEMA_VERSION, o.sentences ? `s${o.sentences}` : `w${o.words ?? DEFAULT_WORDS}`].join('|');
}

/** The counts kept beside a briefing (list pages show badges from them without parsing the JSON). */
export function keptBriefingFacts(b: Briefing): { disagreements: number; lineages: number } {
  const story = b.stories[0];
  if (!story) return { disagreements: 0, lineages: 0 };
  return { disagreements: agreementBadge(story)?.count ?? 0, lineages: independentSources(story) };
}

/** The row to keep for briefing `b` of story state `s`. */
export function keptBriefing(s: Pick<StorySummary, 'id' | 'updatedAt' | 'articleCount'>, b: Briefing, o: KeptSummaryOptions = {}): CachedBriefing {
  return { key: keptBriefingKey(s, o), json: JSON.stringify(b), ...keptBriefingFacts(b) };
}
