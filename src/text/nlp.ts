/**
 * The NLP wrapper: one place where crossread talks to wink-nlp.
 *
 * wink-nlp (with wink-eng-lite-web-model) gives tokens, sentence boundaries, POS
 * tags, lemmas, Porter stems and stop-word flags at several hundred thousand tokens
 * per second. Its sentence boundaries are refined by ./split.ts for the cases news
 * text needs (military titles, multi-sentence quotes closed by an attribution,
 * lines without final punctuation).
 *
 * Every article is annotated once; clustering, analysis, summarisation and
 * evaluation reuse the same `AnnotatedArticle`.
 */
import winkNLP from 'wink-nlp';
import type { ItemSentence, ItsFunction, WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { AnnotatedArticle, Article, Sentence, Token } from '../types.js';
import { refineSentences, type RawSentence } from './split.js';
import { MAX_WORD_CHARS, maskLongWords } from '../ingest/words.js';

let nlpInstance: WinkMethods | null = null;

/** The shared wink-nlp instance (loaded lazily: about 70 ms on first use). */
export function nlp(): WinkMethods {
  // Only sentence boundaries and POS tags: wink's NER, negation and sentiment stages are not used (~25% faster).
  if (!nlpInstance) nlpInstance = winkNLP(model, ['sbd', 'pos']);
  return nlpInstance;
}

type StemFn = (word: string) => string;
let stemFn: StemFn | null = null;
const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 200_000;

/**
 * Porter stem of a lower-cased word, by wink-nlp's own stemmer (the model addon
 * behind `its.stem`), memoised: news vocabulary repeats, and stemming every token again
 * cost more than all the rest of tokenisation.
 */
export function stem(word: string): string {
  // Bounded: the stemmer's regular expressions are quadratic in a word's length.
  if (word.length > MAX_WORD_CHARS) return word;
  let s = stemCache.get(word);
  if (s !== undefined) return s;
  if (!stemFn) stemFn = (model as unknown as { addons: { stem: StemFn } }).addons.stem;
  s = (stemFn as StemFn)(word).toLowerCase();
  if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
  stemCache.set(word, s);
  return s;
}

const POSSESSIVE = new Set(["'s", '’s', "'", '’']);
const HAS_ALNUM = /[\p{L}\p{N}]/u;

/** Normalises a surface form: lower case, curly apostrophes and quotes straightened. */
export function normalize(s: string): string {
  return s.toLowerCase().replace(/[’‘`´]/g, "'").replace(/[“”«»„]/g, '"');
}

/** Splits text into paragraphs: runs of non-blank lines separated by line breaks. */
export function paragraphs(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const lead = m[0].length - m[0].trimStart().length;
    const trimmed = m[0].trim();
    if (!trimmed) continue;
    const start = m.index + lead;
    out.push({ start, end: start + trimmed.length });
  }
  return out;
}

/**
 * Tokenises one span of text with wink-nlp and returns its tokens (with absolute
 * offsets) and wink's sentence boundaries as token-index ranges.
 */
function readSpan(span: string, base: number): { tokens: Token[]; sentences: Array<[number, number]> } {
  const { its } = nlp();
  // Words over MAX_WORD_CHARS become spaces (offsets kept): wink's token features are
  // quadratic in a word's length. Ingestion warned about them (LONG_WORD).
  const text = maskLongWords(span);
  const doc = nlp().readDoc(text);
  const tokens: Token[] = [];
  const surface = doc.tokens().out() as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const lemmas = doc.tokens().out(its.lemma as unknown as ItsFunction<string>) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const types = doc.tokens().out(its.type) as string[];
  const stops = doc.tokens().out(its.stopWordFlag) as unknown as boolean[];
  let offset = 0;
  // Our index of each wink token (a joined possessive becomes two: see below).
  const at: number[] = [];
  for (let i = 0; i < surface.length; i++) {
    at.push(tokens.length);
    const t = surface[i] ?? '';
    offset += (spaces[i] ?? '').length;
    // wink-nlp reproduces the input exactly; guard anyway so offsets never drift.
    if (text.startsWith(t, offset) === false) {
      const found = text.indexOf(t, offset);
      if (found >= 0) offset = found;
    }
    // wink-nlp learns words as it reads, so after some texts it keeps "Clinton's" as one
    // proper noun where it otherwise gives "Clinton" + "'s" (the same article tokenised
    // differently by what was read before it in the process). Split it as it would.
    const joined = pos[i] === 'PROPN' ? /^([\p{L}][\p{L}\p{N}.-]*)(['’]s)$/u.exec(t) : null;
    if (joined) {
      const [, name, mark] = joined as unknown as [string, string, string];
      const nameNorm = normalize(name);
      tokens.push({ text: name, norm: nameNorm, stem: stem(nameNorm), lemma: nameNorm, pos: /^\p{Lu}/u.test(name) ? 'PROPN' : 'NOUN', kind: 'word', stop: false, start: base + offset });
      // (The lemma as wink gives a possessive it splits itself: the mark as written.)
      tokens.push({ text: mark, norm: normalize(mark), stem: normalize(mark), lemma: mark.toLowerCase(), pos: 'PART', kind: 'word', stop: true, start: base + offset + name.length });
      offset += t.length;
      continue;
    }
    const norm = normalize(t);
    tokens.push({
      text: t,
      norm,
      stem: stem(norm),
      lemma: (lemmas[i] ?? norm).toLowerCase(),
      pos: pos[i] ?? 'X',
      kind: types[i] ?? 'word',
      stop: Boolean(stops[i]) || POSSESSIVE.has(t),
      start: base + offset,
    });
    offset += t.length;
  }
  const sentences: Array<[number, number]> = [];
  doc.sentences().each((s: ItemSentence) => {
    const span = s.out(its.span) as unknown as [number, number];
    // (The last of our tokens for wink's last one: a split possessive ends with "'s".)
    const last = span[1] + 1 < at.length ? (at[span[1] + 1] as number) - 1 : tokens.length - 1;
    sentences.push([at[span[0]] ?? tokens.length, last]);
  });
  return { tokens, sentences };
}

/** True for tokens that carry content for similarity and salience. */
export function isContent(t: Token): boolean {
  return !t.stop && (t.kind === 'word' || t.kind === 'number') && HAS_ALNUM.test(t.text);
}

/** Annotates one article: sentences with offsets, tokens, stems, POS, stop words. */
export function annotate(article: Article): AnnotatedArticle {
  const text = article.text;
  const raw: RawSentence[] = [];
  const paras = paragraphs(text);
  paras.forEach((p, pi) => {
    const { tokens, sentences } = readSpan(text.slice(p.start, p.end), p.start);
    for (const [a, b] of sentences) {
      const toks = tokens.slice(a, b + 1);
      if (toks.length === 0) continue;
      raw.push({ paragraph: pi, tokens: toks });
    }
  });
  const refined = refineSentences(raw, text);
  const sentences: Sentence[] = [];
  const termFreq = new Map<string, number>();
  for (const r of refined) {
    const first = r.tokens[0];
    const last = r.tokens[r.tokens.length - 1];
    if (!first || !last) continue;
    const start = first.start;
    const end = last.start + last.text.length;
    const terms: string[] = [];
    let wordCount = 0;
    for (const t of r.tokens) {
      if (t.kind === 'word' || t.kind === 'number') {
        if (HAS_ALNUM.test(t.text)) wordCount++;
      }
      if (isContent(t)) {
        terms.push(t.stem);
        termFreq.set(t.stem, (termFreq.get(t.stem) ?? 0) + 1);
      }
    }
    const index = sentences.length;
    sentences.push({
      id: `${article.id}#${index}`,
      articleId: article.id,
      index,
      paragraph: r.paragraph,
      text: text.slice(start, end),
      start,
      end,
      tokens: r.tokens,
      terms,
      wordCount,
    });
  }
  return { article, sentences, termFreq };
}

/** Splits free text into sentence strings with the same rules as `annotate`. */
export function splitSentences(text: string): string[] {
  const pseudo = { id: 'x', text } as Article;
  return annotate(pseudo).sentences.map((s) => s.text);
}

/** Counts words the way crossread reports them: whitespace-separated tokens containing a letter or digit. */
export function countWords(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/)) if (HAS_ALNUM.test(w)) n++;
  return n;
}

/** Content stems of a free text (a title, a query), as `Sentence.terms` are computed. */
export function termsOf(text: string): string[] {
  return readSpan(text, 0).tokens.filter(isContent).map((t) => t.stem);
}
