/**
 * The summarizers crossread can run, by name: its own (`crossread`) and the
 * classic baselines it is measured against (`crossread eval --system …`). All read
 * the same annotated articles and obey the same budget rules (./common.ts).
 */
import type { AnnotatedArticle, Sentence } from '../types.js';
import type { SummarizeOptions } from './common.js';
import { crossreadSummary } from './crossread.js';
import { lead } from './baselines/lead.js';
import { random } from './baselines/random.js';
import { centroidSummary } from './baselines/centroid.js';
import { lexrank } from './baselines/lexrank.js';
import { textrank } from './baselines/textrank.js';
import { mmr } from './baselines/mmr.js';
import { klsum } from './baselines/klsum.js';

export type Summarizer = (docs: AnnotatedArticle[], opts: SummarizeOptions) => Sentence[];

export const SUMMARIZERS = {
  crossread: crossreadSummary,
  lead,
  random,
  centroid: centroidSummary,
  lexrank,
  textrank,
  mmr,
  klsum,
} satisfies Record<string, Summarizer>;

export type SummarizerName = keyof typeof SUMMARIZERS;

export const SUMMARIZER_NAMES = Object.keys(SUMMARIZERS) as SummarizerName[];

export function isSummarizerName(name: string): name is SummarizerName {
  return Object.hasOwn(SUMMARIZERS, name);
}
