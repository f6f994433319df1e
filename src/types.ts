/**
 * Core data types passed between crossread's pipeline stages.
 *
 *   inputs ─ingest─▶ Article[] ─text─▶ AnnotatedArticle[] ─stories─▶ Story groups
 *          ─analysis─▶ StoryAnalysis ─summarize─▶ SummarySentence[] ─report─▶ Briefing
 *
 * The `Briefing` (see ./briefing.ts) is the public contract: the JSON output, the
 * library's return value and the web app's API are the same value.
 */

/**
 * Severity of a diagnostic: `error` — the input could not be read at all (missing,
 * binary, malformed); `warning` — it was read but skipped or degraded (not English,
 * too short, ambiguous date); `info` — a repair was made (a broken paragraph joined).
 * Whether an input was skipped is told by where the diagnostic is: `skipped[]`.
 */
export type DiagnosticLevel = 'error' | 'warning' | 'info';

/**
 * A problem found while processing one input, recorded rather than thrown
 * (as vfile does for unified). `code` comes from the catalogue in ./errors.ts.
 */
export interface Diagnostic {
  code: string;
  level: DiagnosticLevel;
  message: string;
  /** The file path, URL, `-` (stdin) or record id the diagnostic is about. */
  source: string | null;
  /** Where in the source, when known (1-based line; 0-based character offset). */
  where?: { line?: number; offset?: number; record?: number };
}

/** Kinds of text removed by cleaning. Every removal is recorded, nothing is lost silently. */
export type RemovalKind =
  | 'repeated-body'
  | 'repeated-paragraph'
  | 'repeated-headline'
  | 'reading-time'
  | 'caption'
  | 'sign-off'
  | 'share'
  | 'page-date'
  | 'dateline'
  | 'byline'
  | 'credit'
  | 'divider'
  | 'boilerplate';

export interface Removal {
  kind: RemovalKind;
  /** The removed text, exactly as it stood in the raw text. */
  text: string;
}

/** Where an article came from. */
export type InputFormat = 'text' | 'html' | 'json' | 'jsonl' | 'dataset' | 'feed';

/** One news article after ingestion and cleaning. */
export interface Article {
  /** Stable id: the file name without extension, or the record id. Unique within a run. */
  id: string;
  /** File path, URL or `-` for stdin. */
  path: string;
  format: InputFormat;
  /** Canonical URL of the article when known. */
  url: string | null;
  title: string | null;
  byline: string | null;
  outlet: string | null;
  /** Publication date, ISO `YYYY-MM-DD`, or null when the input does not say. */
  published: string | null;
  /** The text the publication date was read from (e.g. `Melinda Barton | 08 December, 2017, 00:16`). */
  publishedEvidence: string | null;
  /** The decoded text before cleaning (for HTML: the extracted main text). */
  rawText: string;
  /** The cleaned body text that all later stages read. */
  text: string;
  rawWords: number;
  words: number;
  removed: Removal[];
  /** Detected input encoding (utf-8, utf-16le, utf-16be, windows-1251, windows-1252). */
  encoding: string;
  /** Detected language, ISO 639-1 where known (`en`), or `und`. */
  language: string;
  diagnostics: Diagnostic[];
  /** The dataset cluster this record came from, when read from a dataset file. */
  cluster?: string;
  /** A gold label given by the input record (clustering files: `{"id","label","text"}`). */
  label?: string;
}

/** One token of an annotated sentence. */
export interface Token {
  /** Surface form as in the text. */
  text: string;
  /** Lower-cased, normalised form (curly quotes straightened, diacritics kept). */
  norm: string;
  /** Porter stem of `norm` (wink-nlp). */
  stem: string;
  /** Lemma (wink-nlp). */
  lemma: string;
  /** Universal POS tag (wink-nlp). */
  pos: string;
  /** wink-nlp token type: word, number, punctuation, symbol, email, url, … */
  kind: string;
  /** True for English stop words. */
  stop: boolean;
  /** Character offset of the token in `Article.text`. */
  start: number;
}

/** A sentence of an article, with offsets into `Article.text`. */
export interface Sentence {
  /** `articleId#index`. */
  id: string;
  articleId: string;
  /** 0-based index of the sentence in the article. */
  index: number;
  /** 0-based paragraph index. */
  paragraph: number;
  text: string;
  start: number;
  end: number;
  tokens: Token[];
  /** Stems of content words (no stop words, no punctuation), in order. */
  terms: string[];
  /** Number of word tokens. */
  wordCount: number;
}

/** An article with its sentences, tokens and stems: computed once, reused by every later stage. */
export interface AnnotatedArticle {
  article: Article;
  sentences: Sentence[];
  /** Content-stem frequencies over the whole article. */
  termFreq: Map<string, number>;
}

/** Reference to a sentence, with character offsets in the cleaned text of its article. */
export interface SentenceRef {
  articleId: string;
  sentence: number;
  start: number;
  end: number;
}
