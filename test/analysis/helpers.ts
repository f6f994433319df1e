/** Builds annotated articles directly from text, for analysis tests. */
import type { AnnotatedArticle, Article } from '../../src/types.js';
import { annotate, countWords } from '../../src/text/nlp.js';

export function article(id: string, text: string, published: string | null = null): Article {
  const words = countWords(text);
  return {
    id, path: `${id}.txt`, format: 'text', url: null, title: null, byline: null, outlet: null, published, publishedEvidence: null,
    rawText: text, text, rawWords: words, words, removed: [], encoding: 'utf-8', language: 'en', diagnostics: [],
  };
}

export function doc(id: string, text: string, published: string | null = null): AnnotatedArticle {
  return annotate(article(id, text, published));
}
