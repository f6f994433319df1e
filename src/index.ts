/**
 * crossread's library API. Named re-exports only.
 *
 *   import { brief } from 'crossread';
 *   const briefing = await brief(['examples/syria-2017']);
 */
export { brief, briefWithArticles, briefArticles, briefStory, type BriefOptions, type Progress } from './brief.js';
export * from './briefing.js';
export type * from './types.js';
export { CrossreadError, ERRORS, type ErrorCode } from './errors.js';
export { ingest, articleFromRecord, readBytes, type ArticleRecord, type IngestOptions, type IngestResult } from './ingest/index.js';
export { annotate, splitSentences } from './text/nlp.js';
export { analyzeStory, type StoryAnalysis } from './analysis/index.js';
export { render, renderHtml, renderMarkdown, renderTerminal, renderJson, REPORT_FORMATS, type ReportFormat } from './report/index.js';
export { VERSION } from './version.js';
export { openStore, defaultDbPath, type Store, type StoredArticle, type StorySummary, type StoryRecord, type StoryQuery, type ArticleQuery, type Page } from './store/index.js';
export { toArticle } from './store/store.js';
export { ingestIntoStore, type StoreIngestOptions, type StoreIngestSummary } from './store/ingest.js';
export { briefStored, briefStoredStory } from './brief-story.js';
export { groupArticles } from './stories/group.js';
