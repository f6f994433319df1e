/**
 * The CPU-heavy work of the web app, as plain functions of plain data so that it runs
 * the same in the briefing worker (./worker.ts) and, when no worker can be started,
 * in the main thread.
 */
import type { Article } from '../types.js';
import type { Briefing } from '../briefing.js';
import { briefStored } from '../brief-story.js';
import { annotate } from '../text/nlp.js';
import { IdRegistry, articleFromRecord, readBytes, type ArticleRecord, type ReadResult } from '../ingest/index.js';

/** Options of the summary, as `brief` takes them. */
export interface SummaryOptions {
  words?: number;
  sentences?: number;
}

/** A sentence's place in its article's cleaned text (indices as in citations). */
export interface SentenceSpan {
  index: number;
  paragraph: number;
  start: number;
  end: number;
}

/** One upload input to read (a file of any supported format, or a record), as `readUpload` takes it. */
export type ReadInput =
  | { kind: 'file'; name: string; bytes: Uint8Array; contentType?: string }
  | { kind: 'record'; source: string; record: ArticleRecord };

export type Task =
  | { kind: 'brief'; storyId: string; articles: Article[]; options: SummaryOptions }
  | { kind: 'sentences'; article: Article }
  | { kind: 'read'; input: ReadInput; maxBytes: number };

export type TaskResult<T extends Task> = T extends { kind: 'brief' } ? Briefing : T extends { kind: 'read' } ? ReadResult : SentenceSpan[];

export interface WorkerRequest {
  id: number;
  task: Task;
}

export type TaskValue = Briefing | SentenceSpan[] | ReadResult;

export type WorkerResponse = { id: number; ok: true; value: TaskValue } | { id: number; ok: false; error: string };

/** The sentences of an article, as `annotate` (and so every citation) numbers them. */
export function sentenceSpans(article: Article): SentenceSpan[] {
  return annotate(article).sentences.map((s) => ({ index: s.index, paragraph: s.paragraph, start: s.start, end: s.end }));
}

/**
 * Reads, cleans and checks one upload input (ids are made unique across the upload
 * by the caller). Never throws for bad input: problems are diagnostics.
 */
export function readUpload(input: ReadInput, maxBytes: number): ReadResult {
  if (input.kind === 'file') {
    return readBytes(input.name, input.bytes, {
      maxBytes,
      ids: new IdRegistry(),
      path: input.name,
      ...(input.contentType ? { contentType: input.contentType } : {}),
    });
  }
  const r = articleFromRecord(input.record, input.source, { maxBytes, path: input.source, format: 'text' });
  return r.article ? { articles: [r.article], diagnostics: [] } : { articles: [], diagnostics: r.diagnostics };
}

export function runTask(task: Task): TaskValue {
  switch (task.kind) {
    case 'brief':
      // The one briefing of a stored story (src/brief-story.ts), as `brief --story` gives it.
      return briefStored(task.storyId, task.articles, { words: task.options.words, sentences: task.options.sentences });
    case 'sentences':
      return sentenceSpans(task.article);
    case 'read':
      return readUpload(task.input, task.maxBytes);
  }
}
