/**
 * The PostgreSQL schema of a crossread store, as numbered migrations (the same tables as
 * the SQLite schema in ../schema.ts, in PostgreSQL's types). Version N's SQL brings a
 * database at version N-1 to N inside one transaction; `schema_version` records every
 * applied version. A database whose version is newer than `PG_SCHEMA_VERSION` is refused
 * with DB_NEWER rather than misread.
 *
 * Differences from SQLite, each on purpose:
 * - Full-text search is a stored `tsvector` column (title weighted A, text B, outlet C;
 *   English stemming, like FTS5's porter tokenizer) with a GIN index; user queries go
 *   through `websearch_to_tsquery` (quoted phrases, `or`, `-word`). The indexed text is
 *   capped at 200,000 characters (a tsvector holds at most 1 MB).
 * - Outlet filters are case-insensitive through an index on `lower(outlet)`; under the
 *   "C" collation lower() folds ASCII letters only, as SQLite's COLLATE NOCASE.
 * - Dates stay ISO-8601 TEXT, as in SQLite: they sort as text, and rows map to the same
 *   objects in both stores. Text that is compared or sorted (ids, dates, terms) uses
 *   the "C" collation: byte order, as SQLite's, whatever the database's locale.
 * - Story lists are served by indexes in their exact order (stories_recent,
 *   stories_size), so a page of the unfiltered list reads only its rows.
 *
 * Version 1 was edited before any store used it (it was groundwork: no release and no
 * store opened a database with it); from here a change is a new version.
 */

export const PG_SCHEMA_VERSION = 3;

/**
 * An article's full-text vector (title weighted A, text B, outlet C), computed from its
 * row `a` in the `articles` table: written by the search index step (./search-index.ts),
 * outside the writers' lock.
 */
export const SEARCH_VECTOR = `setweight(to_tsvector('english'::regconfig, coalesce(a.title, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, left(a.text, 200000)), 'B') ||
    setweight(to_tsvector('english'::regconfig, coalesce(a.outlet, '')), 'C')`;

/** Name of the table that marks a database as crossread's (key 'application' = 'crossread'). */
export const PG_MARKER_TABLE = 'crossread_meta';

export const PG_MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
CREATE TABLE crossread_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE articles (
  seq                BIGINT PRIMARY KEY,
  id                 TEXT COLLATE "C" NOT NULL UNIQUE,
  content_hash       TEXT COLLATE "C" NOT NULL UNIQUE,
  url                TEXT COLLATE "C" UNIQUE,
  path               TEXT NOT NULL,
  format             TEXT NOT NULL,
  title              TEXT,
  byline             TEXT,
  outlet             TEXT COLLATE "C",
  published          TEXT COLLATE "C",
  published_evidence TEXT,
  raw_text           TEXT NOT NULL,
  text               TEXT NOT NULL,
  raw_words          INTEGER NOT NULL,
  words              INTEGER NOT NULL,
  removed            TEXT NOT NULL,
  diagnostics        TEXT NOT NULL,
  encoding           TEXT NOT NULL,
  language           TEXT NOT NULL,
  cluster            TEXT,
  ingested_at        TEXT COLLATE "C" NOT NULL,
  story_id           TEXT COLLATE "C",
  -- date used for filtering and sorting: published, else the ingest date
  sort_date          TEXT COLLATE "C" NOT NULL,
  -- the generation of the write that assigned or moved the article (catch-up between writers)
  gen                BIGINT NOT NULL DEFAULT 0,
  search             tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, left(text, 200000)), 'B') ||
    setweight(to_tsvector('english'::regconfig, coalesce(outlet, '')), 'C')
  ) STORED
);
-- A story's listed fields (count, dates, outlets) come from this index alone.
CREATE INDEX articles_story ON articles (story_id, seq) INCLUDE (sort_date, published, outlet);
-- Date filters of story lists: publication dates only (undated articles are in no span).
CREATE INDEX articles_published_story ON articles (published, story_id) WHERE published IS NOT NULL;
CREATE INDEX articles_outlet_story ON articles (lower(outlet), story_id);
CREATE INDEX articles_gen ON articles (gen);
CREATE INDEX articles_search ON articles USING GIN (search);

-- Clustering features, stored once so nothing is re-annotated when assigning.
CREATE TABLE features (
  seq      BIGINT PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
  terms    TEXT NOT NULL,
  minhash  BYTEA NOT NULL,
  shingles INTEGER NOT NULL,
  day      INTEGER
);

-- Document frequencies of content lemmas, folded from df_delta.
CREATE TABLE df (
  term TEXT COLLATE "C" PRIMARY KEY,
  n    INTEGER NOT NULL
);
CREATE TABLE df_delta (
  gen   BIGINT PRIMARY KEY,
  terms TEXT NOT NULL
);
CREATE TABLE forgotten (
  gen BIGINT NOT NULL,
  id  TEXT COLLATE "C" NOT NULL
);
CREATE INDEX forgotten_gen ON forgotten (gen);

CREATE TABLE stories (
  id            TEXT COLLATE "C" PRIMARY KEY,
  headline      TEXT NOT NULL,
  article_count INTEGER NOT NULL,
  lineage_count INTEGER NOT NULL,
  date_from     TEXT COLLATE "C",
  date_to       TEXT COLLATE "C",
  sort_from     TEXT COLLATE "C" NOT NULL,
  sort_to       TEXT COLLATE "C" NOT NULL,
  outlets       TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
-- The two orders of story lists (rows.ts storyOrder), exactly.
CREATE INDEX stories_recent ON stories ((date_to IS NULL), date_to DESC, article_count DESC, sort_to DESC, id);
CREATE INDEX stories_size ON stories (article_count DESC, (date_to IS NULL), date_to DESC, id);

-- Ids of stories merged into others (or re-grouped), so old links keep working.
CREATE TABLE story_aliases (
  old_id   TEXT COLLATE "C" PRIMARY KEY,
  story_id TEXT COLLATE "C" NOT NULL
);
CREATE INDEX story_aliases_target ON story_aliases (story_id);

-- Articles sharing text: near-duplicates and shared passages (lineage).
CREATE TABLE article_links (
  a          TEXT COLLATE "C" NOT NULL,
  b          TEXT COLLATE "C" NOT NULL,
  similarity DOUBLE PRECISION NOT NULL,
  kind       TEXT NOT NULL,
  PRIMARY KEY (a, b)
);
CREATE INDEX article_links_b ON article_links (b);

-- Live sources (feeds, pages) polled by ingest and watch: conditional-request validators.
CREATE TABLE sources (
  url           TEXT PRIMARY KEY,
  etag          TEXT,
  last_modified TEXT,
  checked_at    TEXT NOT NULL,
  status        TEXT NOT NULL,
  articles      INTEGER NOT NULL DEFAULT 0
);

-- Briefings computed for stories, keyed by the story state and generator version.
CREATE TABLE briefings (
  story_id      TEXT COLLATE "C" PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
  key           TEXT NOT NULL,
  json          TEXT NOT NULL,
  disagreements INTEGER NOT NULL,
  lineages      INTEGER NOT NULL,
  created_at    TEXT NOT NULL
);
`,
  },
  {
    // Full-text vectors out of the article rows (and out of the writers' transaction): a
    // table filled after assignment; the articles stored so far are indexed here.
    version: 2,
    sql: `
ALTER TABLE articles DROP COLUMN search;
CREATE TABLE article_search (
  seq    BIGINT PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
  search tsvector NOT NULL
);
CREATE INDEX article_search_terms ON article_search USING GIN (search);
-- Long texts compressed with lz4 (about half the server's CPU of pglz for an article row); a server built without it keeps pglz.
DO $$ BEGIN
  ALTER TABLE articles ALTER COLUMN raw_text SET COMPRESSION lz4, ALTER COLUMN text SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL;
END $$;
INSERT INTO article_search (seq, search) SELECT a.seq, ${SEARCH_VECTOR} FROM articles a ORDER BY a.seq;
`,
  },
  {
    // Story headlines out of the writers' transaction: a write marks the stories whose
    // members changed (`headline_due`), the index step computes their headlines after the
    // commit (./headlines.ts); until then a story shows a provisional title (../rows.ts
    // `provisionalHeadline`). Stories stored so far have their headlines.
    version: 3,
    sql: `
ALTER TABLE stories ADD COLUMN headline_due BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX stories_headline_due ON stories (id) WHERE headline_due;
`,
  },
];
