/**
 * The ingest golden cases, shared by test/ingest/golden.test.ts and
 * scripts/regen-golden.ts (which rewrites the expected files).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/index.js';

export interface GoldenCase {
  name: string;
  /** Input path, relative to the repository root. */
  input: string;
  /** Expected-output path, relative to the repository root. */
  golden: string;
}

export function GOLDEN_CASES(): GoldenCase[] {
  const examples = readdirSync('examples/syria-2017')
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, input: join('examples/syria-2017', f), golden: join('test/golden/ingest', f.replace(/\.txt$/, '.json')) }));
  const pages = readdirSync('test/fixtures/ingest')
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => ({ name: f, input: join('test/fixtures/ingest', f), golden: join('test/golden/ingest/html', f.replace(/\.html$/, '.json')) }));
  return [...examples, ...pages];
}

/** What is compared: everything ingest decides about one input (paths relative to the repository root). */
export async function goldenOf(input: string): Promise<unknown> {
  const { articles, skipped } = await ingest([input]);
  return {
    skipped: skipped.map((d) => ({ code: d.code, level: d.level, message: d.message })),
    articles: articles.map((a) => ({
      id: a.id,
      format: a.format,
      title: a.title,
      byline: a.byline,
      outlet: a.outlet,
      url: a.url,
      published: a.published,
      publishedEvidence: a.publishedEvidence,
      encoding: a.encoding,
      language: a.language,
      words: a.words,
      rawWords: a.rawWords,
      removed: a.removed,
      diagnostics: a.diagnostics.map((d) => ({ code: d.code, level: d.level, message: d.message })),
      text: a.text.split('\n'),
    })),
  };
}
