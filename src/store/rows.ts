/**
 * What every SQL store shares, whatever its engine: how a row becomes an object (the
 * same objects, field for field, from SQLite and from PostgreSQL), how an article
 * becomes a row, how a story's listed fields are computed from its members, and the
 * rules of the list queries (date spans, the order of stories, page totals). The
 * stores keep only their SQL and their locking.
 *
 * Rows come as plain objects keyed by column name. Numbers may come as strings
 * (PostgreSQL's BIGINT and COUNT) and booleans as 0/1 (SQLite): every field is
 * converted here.
 */
import type { Article, Diagnostic, Removal } from '../types.js';
import { outletAndDate, storyHeadline, type HeadlineSource } from '../summarize/headline.js';
import { lineagesOfLinked } from '../stories/lineage.js';
import type { ArticleLink, ArticleSummary, CachedBriefing, SourceState, StoredArticle, StoryQuery, StorySummary } from './store.js';

export type Row = Record<string, unknown>;

function text(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

export function storySummaryOf(r: Row): StorySummary {
  return {
    id: String(r.id),
    headline: String(r.headline),
    articleCount: Number(r.article_count),
    lineageCount: Number(r.lineage_count),
    dateSpan: { from: text(r.date_from), to: text(r.date_to) },
    outlets: JSON.parse(String(r.outlets)) as string[],
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

/** A link row seen from one article: the other article, the similarity and the kind. */
export interface LinkRow {
  other: string;
  similarity: number;
  kind: ArticleLink['kind'];
}

/** An article's links, strongest first (ties by the other article's id, so both stores agree). */
export function articleLinksOf(rows: Iterable<LinkRow>): ArticleLink[] {
  return [...rows]
    .map((l) => ({ articleId: String(l.other), similarity: Number(l.similarity), kind: l.kind }))
    .sort((x, y) => y.similarity - x.similarity || (x.articleId < y.articleId ? -1 : x.articleId > y.articleId ? 1 : 0));
}

export function storedArticleOf(r: Row, related: ArticleLink[]): StoredArticle {
  const a: StoredArticle = {
    id: String(r.id),
    path: String(r.path),
    format: r.format as Article['format'],
    url: text(r.url),
    title: text(r.title),
    byline: text(r.byline),
    outlet: text(r.outlet),
    published: text(r.published),
    publishedEvidence: text(r.published_evidence),
    rawText: String(r.raw_text),
    text: String(r.text),
    rawWords: Number(r.raw_words),
    words: Number(r.words),
    removed: JSON.parse(String(r.removed)) as Removal[],
    encoding: String(r.encoding),
    language: String(r.language),
    diagnostics: JSON.parse(String(r.diagnostics)) as Diagnostic[],
    seq: Number(r.seq),
    storyId: text(r.story_id),
    contentHash: String(r.content_hash),
    ingestedAt: String(r.ingested_at),
    related,
  };
  if (r.cluster !== null && r.cluster !== undefined) a.cluster = String(r.cluster);
  return a;
}

/** The columns of an article list row. */
export const ARTICLE_SUMMARY_COLUMNS = 'a.id, a.seq, a.story_id, a.title, a.outlet, a.url, a.path, a.published, a.words, a.ingested_at';

export function articleSummaryOf(r: Row): ArticleSummary {
  return {
    id: String(r.id),
    seq: Number(r.seq),
    storyId: text(r.story_id),
    title: text(r.title),
    outlet: text(r.outlet),
    url: text(r.url),
    path: String(r.path),
    published: text(r.published),
    words: Number(r.words),
    ingestedAt: String(r.ingested_at),
  };
}

export function sourceStateOf(r: Row): SourceState {
  return {
    url: String(r.url),
    etag: text(r.etag),
    lastModified: text(r.last_modified),
    checkedAt: String(r.checked_at),
    status: String(r.status),
    articles: Number(r.articles),
  };
}

export function cachedBriefingOf(r: Row): CachedBriefing {
  return { key: String(r.key), json: String(r.json), disagreements: Number(r.disagreements), lineages: Number(r.lineages) };
}

/** The columns of an article row, in the order `articleRow` gives their values. */
export const ARTICLE_COLUMNS = [
  'id', 'content_hash', 'url', 'path', 'format', 'title', 'byline', 'outlet', 'published', 'published_evidence', 'raw_text', 'text',
  'raw_words', 'words', 'removed', 'diagnostics', 'encoding', 'language', 'cluster', 'ingested_at', 'story_id', 'sort_date', 'gen',
] as const;

/** The values of a new article's row (see ARTICLE_COLUMNS); its sort date is its publication date, else the ingest day. */
export function articleRow(a: Article, id: string, hash: string, ingestedAt: string, storyId: string, gen: number): Array<string | number | null> {
  return [
    id, hash, a.url, a.path, a.format, a.title, a.byline, a.outlet, a.published, a.publishedEvidence, a.rawText, a.text,
    a.rawWords, a.words, JSON.stringify(a.removed), JSON.stringify(a.diagnostics), a.encoding, a.language, a.cluster ?? null,
    ingestedAt, storyId, a.published ?? ingestedAt.slice(0, 10), gen,
  ];
}

/** What a store reads to compute one story's listed fields (see `storyRowOf`). */
export interface StoryFacts {
  /** Member count and date aggregates (MIN/MAX of published and sort_date). */
  n: number;
  dfrom: string | null;
  dto: string | null;
  sfrom: string | null;
  sto: string | null;
  outlets: Iterable<string>;
  /**
   * The story's headline: the title and opening (LEAD_CHARS characters) of each member,
   * in arrival order, to compute it from (`dateline`: its cleaning removed a dateline),
   * or the headline itself when the store computes it later (PostgreSQL: a provisional
   * one, see `provisionalHeadline`).
   */
  heads: HeadRow[] | { headline: string };
  /** Text links between two members. */
  links: Iterable<readonly [string, string]>;
  /** When the story row was created, null for a new story. */
  createdAt: string | null;
}

/** A member row as read for a story's headline. */
export type HeadRow = Omit<HeadlineSource, 'dateline'> & { dateline: unknown };

/** A story's headline from its members' rows (see `storyHeadline`): the same value in every store and in `brief`. */
export function headlineOfRows(heads: readonly HeadRow[]): string {
  return storyHeadline(
    heads.map((h) => ({ id: String(h.id), title: text(h.title), text: String(h.text), dateline: h.dateline === true || Number(h.dateline) === 1, outlet: text(h.outlet), published: text(h.published) })),
  );
}

/**
 * What a story is listed as until its headline is computed (a store that computes
 * headlines after the write, see PostgreSQL's ./postgres/headlines.ts): the headline it
 * had before its members changed, for a story that had one; else the title of its first
 * member (arrival order) that has one, the article a reader would open first; else the
 * outlet and date `storyHeadline` names a story without usable titles by. Never blank,
 * and read from the members' titles, outlets and dates only (no text).
 */
export function provisionalHeadline(
  previous: string | null | undefined,
  members: ReadonlyArray<{ id: string; title: string | null; outlet: string | null; published: string | null }>,
): string {
  if (previous) return previous;
  for (const m of members) {
    const t = m.title?.replace(/\s+/g, ' ').trim();
    if (t) return t;
  }
  return outletAndDate(members.map((m) => ({ id: m.id, title: m.title, text: '', outlet: m.outlet, published: m.published })));
}

/** Text order of PostgreSQL's `COLLATE "C"` (UTF-8 bytes, that is code points): as JavaScript's `<` but for characters past the surrogates. */
export function compareC(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * A story's count, date spans and outlets from its member rows (published and
 * sort_date), as the aggregates `COUNT(*)`, `MIN`/`MAX` (nulls ignored) and `DISTINCT
 * outlet` over `COLLATE "C"` columns give them: so a store that reads the members for
 * the headline needs no second query for these.
 */
export function memberAggregates(
  members: ReadonlyArray<{ published: string | null; sort_date: string; outlet: string | null }>,
): Pick<StoryFacts, 'n' | 'dfrom' | 'dto' | 'sfrom' | 'sto' | 'outlets'> {
  let dfrom: string | null = null;
  let dto: string | null = null;
  let sfrom: string | null = null;
  let sto: string | null = null;
  const outlets = new Set<string>();
  for (const m of members) {
    const p = m.published;
    if (p !== null) {
      if (dfrom === null || compareC(p, dfrom) < 0) dfrom = p;
      if (dto === null || compareC(p, dto) > 0) dto = p;
    }
    if (sfrom === null || compareC(m.sort_date, sfrom) < 0) sfrom = m.sort_date;
    if (sto === null || compareC(m.sort_date, sto) > 0) sto = m.sort_date;
    if (m.outlet !== null) outlets.add(m.outlet);
  }
  return { n: members.length, dfrom, dto, sfrom, sto, outlets };
}

/** The column values of a story row, in this order. */
export const STORY_COLUMNS = ['id', 'headline', 'article_count', 'lineage_count', 'date_from', 'date_to', 'sort_from', 'sort_to', 'outlets', 'created_at', 'updated_at'] as const;

/**
 * A story's listed fields from its members: the headline `brief` gives
 * (src/summarize/headline.ts), the counts, dates and outlets, lineages from the text
 * links among its members. Values in STORY_COLUMNS order.
 */
export function storyRowOf(id: string, f: StoryFacts, nowIso: string): Array<string | number | null> {
  return [
    id,
    Array.isArray(f.heads) ? headlineOfRows(f.heads) : f.heads.headline,
    f.n,
    lineagesOfLinked(f.n, f.links),
    f.dfrom,
    f.dto,
    f.sfrom as string,
    f.sto as string,
    JSON.stringify([...new Set(f.outlets)].sort()),
    f.createdAt ?? nowIso,
    nowIso,
  ];
}

/** The SQL test (on the `removed` JSON) of a cleaning record holding a dateline. */
export const DATELINE_MARK = '"kind":"dateline"';

/** The upper bound of an `until` date: YYYY and YYYY-MM reach the end of that year or month (dates compare as text). */
export function untilBound(until: string): string {
  return `${until}\uffff`;
}

/**
 * The order of a story list (SQL over `stories s`, the same in both engines): `recent`,
 * the latest publication date first and undated stories after every dated one; `size`,
 * most articles first. Ties end on the id.
 */
export function storyOrder(sort: StoryQuery['sort']): string {
  const recent = '(s.date_to IS NULL), s.date_to DESC';
  return sort === 'size' ? `s.article_count DESC, ${recent}, s.id` : `${recent}, s.article_count DESC, s.sort_to DESC, s.id`;
}

/**
 * A list's total over all pages when the page tells it: counted with the page when the
 * query did (`counted`), else told by a page that is not full (and not past the end).
 * Null when it must be counted apart.
 */
export function knownTotal(rows: number, limit: number, offset: number, counted: unknown): number | null {
  if (counted !== undefined && counted !== null) return Number(counted);
  if (rows < limit && (rows > 0 || offset === 0)) return offset + rows;
  return null;
}
