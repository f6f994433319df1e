/**
 * The pipeline: inputs → Briefing.
 *
 *   ingest → annotate (once per article) → group into stories → per story:
 *   analysis (lineages first) → summary with citations → Briefing
 *
 * `brief()` is the library's main entry point; the CLI's `brief` command and the
 * web app call the same functions.
 */
import type { Article, AnnotatedArticle, Diagnostic } from './types.js';
import {
  SCHEMA_VERSION,
  type Briefing,
  type BriefingArticle,
  type BriefingStory,
  type SummarySentence,
} from './briefing.js';
import { ingest, type IngestOptions } from './ingest/index.js';
import { annotate } from './text/nlp.js';
import { groupArticles } from './stories/group.js';
import { briefStoryId } from './stories/story-ids.js';
import { analyzeStory } from './analysis/index.js';
import { summarize, DEFAULT_WORDS, type SummarizeOptions } from './summarize/index.js';
import { cite } from './summarize/cite.js';
import { storyHeadline } from './summarize/headline.js';
import { VERSION } from './version.js';

export interface Progress {
  stage: 'ingest' | 'annotate' | 'group' | 'analyze' | 'summarize';
  done: number;
  total: number;
}

export interface BriefOptions extends IngestOptions, SummarizeOptions {
  /** Called as the pipeline advances (the CLI prints it on stderr). */
  onProgress?: (p: Progress) => void;
  /** Brief all the articles as one story with this id (a stored story): no regrouping. */
  asStory?: string;
}

/** Reads the inputs and briefs them. */
export async function brief(inputs: string[], opts: BriefOptions = {}): Promise<Briefing> {
  return (await briefWithArticles(inputs, opts)).briefing;
}

/** As `brief`, also returning the ingested articles (their texts feed the HTML report). */
export async function briefWithArticles(
  inputs: string[],
  opts: BriefOptions = {},
): Promise<{ briefing: Briefing; articles: Article[] }> {
  const { articles, skipped } = await ingest(inputs, opts);
  return { briefing: briefArticles(articles, skipped, opts), articles };
}

function dateSpan(articles: Article[]): { from: string | null; to: string | null } {
  const dates = articles.map((a) => a.published).filter((d): d is string => d !== null).sort();
  return { from: dates[0] ?? null, to: dates[dates.length - 1] ?? null };
}

/** Briefs one group of annotated articles as a story. */
export function briefStory(docs: AnnotatedArticle[], opts: SummarizeOptions = {}, id?: string): BriefingStory {
  const analysis = analyzeStory(docs);
  const lineageOf = new Map<string, string>();
  for (const l of analysis.lineages) for (const a of l.articleIds) lineageOf.set(a, l.id);
  const background = new Set(analysis.background.map((b) => b.articleId));
  // Background articles (much older, off-topic) inform citations but are not summarised.
  const core = docs.filter((d) => !background.has(d.article.id));
  const selected = summarize(core.length ? core : docs, opts);
  const citations = cite(selected, docs);
  // A disagreeing source is linked to the number disagreement citing its sentence.
  const disagreementOf = (r: { articleId: string; sentence: number }): number | null => {
    const i = analysis.disagreements.findIndex((d) => d.kind === 'number' && d.positions.some((p) => p.refs?.some((x) => x.articleId === r.articleId && x.sentence === r.sentence)));
    return i < 0 ? null : i;
  };
  const summary: SummarySentence[] = selected.map((s, i) => {
    const c = citations[i] as (typeof citations)[number];
    const out: SummarySentence = {
      text: s.text,
      sources: c.sources,
      from: c.evidence[0] as SummarySentence['from'],
      evidence: c.evidence,
      support: new Set(c.sources.map((a) => lineageOf.get(a) ?? a)).size,
    };
    if (c.disagreeing.length) {
      out.disagreeing = c.disagreeing.map((x) => ({ ...x, disagreement: disagreementOf(x.ref) ?? disagreementOf(out.from) }));
    }
    return out;
  });
  const articles = docs.map((d) => d.article);
  return {
    id: id ?? briefStoryId(articles.map((a) => a.id)),
    headline: storyHeadline(articles.map((a) => ({ id: a.id, title: a.title, text: a.text, dateline: a.removed.some((r) => r.kind === 'dateline'), outlet: a.outlet, published: a.published }))),
    articleIds: articles.map((a) => a.id),
    dateSpan: dateSpan(articles),
    outlets: [...new Set(articles.map((a) => a.outlet).filter((o): o is string => Boolean(o)))].sort(),
    summary,
    ...analysis,
  };
}

export function toBriefingArticle(a: Article, storyIdValue: string | null): BriefingArticle {
  return {
    id: a.id,
    path: a.path,
    url: a.url,
    title: a.title,
    byline: a.byline,
    outlet: a.outlet,
    published: a.published,
    publishedEvidence: a.publishedEvidence,
    words: a.words,
    rawWords: a.rawWords,
    removed: a.removed,
    warnings: a.diagnostics,
    storyId: storyIdValue,
  };
}

/** Briefs already-ingested articles: groups them into stories and briefs each. */
export function briefArticles(articles: Article[], skipped: Diagnostic[] = [], opts: BriefOptions = {}): Briefing {
  const progress = opts.onProgress ?? (() => undefined);
  const docs: AnnotatedArticle[] = [];
  articles.forEach((a, i) => {
    docs.push(annotate(a));
    progress({ stage: 'annotate', done: i + 1, total: articles.length });
  });
  const groups = docs.length ? (opts.asStory ? [docs] : groupArticles(docs)) : [];
  progress({ stage: 'group', done: 1, total: 1 });
  const stories: BriefingStory[] = [];
  groups.forEach((g, i) => {
    stories.push(briefStory(g, opts, opts.asStory));
    progress({ stage: 'summarize', done: i + 1, total: groups.length });
  });
  stories.sort((a, b) => b.articleIds.length - a.articleIds.length || a.id.localeCompare(b.id));
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const a of s.articleIds) storyOf.set(a, s.id);
  const status: Briefing['status'] = articles.length === 0 ? 1 : skipped.length > 0 ? 3 : 0;
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: 'crossread', version: VERSION },
    options: {
      words: opts.sentences ? null : (opts.words ?? DEFAULT_WORDS),
      sentences: opts.sentences ?? null,
    },
    articles: articles.map((a) => toBriefingArticle(a, storyOf.get(a.id) ?? null)),
    stories,
    skipped,
    status,
  };
}
