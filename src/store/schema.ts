/**
 * The SQLite schema of a crossread store, as numbered migrations. Version N's SQL
 * brings a database at version N-1 to N; `schema_version` records every applied
 * version (with its time). A database whose version is newer than `SCHEMA_VERSION`
 * is refused with DB_NEWER rather than misread.
 */

export const SCHEMA_VERSION = 4;

/** Name of the table that marks a database as crossread's (with its application id). */
export const MARKER_TABLE = 'crossread_meta';

/** SQLite `application_id` of crossread stores ("CRSR"). */
export const APPLICATION_ID = 0x43525352;

export const MIGRATIONS: Array<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
CREATE TABLE crossread_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE articles (
  seq                INTEGER PRIMARY KEY,
  id                 TEXT NOT NULL UNIQUE,
  content_hash       TEXT NOT NULL UNIQUE,
  url                TEXT UNIQUE,
  path               TEXT NOT NULL,
  format             TEXT NOT NULL,
  title              TEXT,
  byline             TEXT,
  outlet             TEXT,
  published          TEXT,
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
  ingested_at        TEXT NOT NULL,
  story_id           TEXT,
  -- date used for filtering and sorting: published, else the ingest date
  sort_date          TEXT NOT NULL
) STRICT;
CREATE INDEX articles_story ON articles(story_id, seq);
CREATE INDEX articles_sort_date ON articles(sort_date);
CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE);

-- Clustering features, stored once so nothing is re-annotated when assigning.
CREATE TABLE features (
  seq      INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
  terms    TEXT NOT NULL,
  minhash  BLOB NOT NULL,
  shingles INTEGER NOT NULL,
  day      INTEGER
) STRICT;

-- Document frequencies of content lemmas over the stored articles.
CREATE TABLE df (
  term TEXT PRIMARY KEY,
  n    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE stories (
  id            TEXT PRIMARY KEY,
  headline      TEXT NOT NULL,
  article_count INTEGER NOT NULL,
  lineage_count INTEGER NOT NULL,
  date_from     TEXT,
  date_to       TEXT,
  sort_from     TEXT NOT NULL,
  sort_to       TEXT NOT NULL,
  outlets       TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX stories_sort_to ON stories(sort_to DESC, article_count DESC);

-- Ids of stories merged into others (or re-grouped), so old links keep working.
CREATE TABLE story_aliases (
  old_id   TEXT PRIMARY KEY,
  story_id TEXT NOT NULL
) STRICT;
CREATE INDEX story_aliases_target ON story_aliases(story_id);

-- Articles sharing text: near-duplicates and shared passages (lineage).
CREATE TABLE article_links (
  a          TEXT NOT NULL,
  b          TEXT NOT NULL,
  similarity REAL NOT NULL,
  kind       TEXT NOT NULL,
  PRIMARY KEY (a, b)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_links_b ON article_links(b);

CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, outlet,
  content = 'articles', content_rowid = 'seq',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text, outlet) VALUES (new.seq, new.title, new.text, new.outlet);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text, outlet) VALUES ('delete', old.seq, old.title, old.text, old.outlet);
END;
`,
  },
  {
    version: 2,
    sql: `
-- Live sources (feeds, pages) polled by ingest and watch: conditional-request validators.
CREATE TABLE sources (
  url           TEXT PRIMARY KEY,
  etag          TEXT,
  last_modified TEXT,
  checked_at    TEXT NOT NULL,
  status        TEXT NOT NULL,
  articles      INTEGER NOT NULL DEFAULT 0
) STRICT;
`,
  },
  {
    version: 3,
    sql: `
-- Story lists filter by date, outlet and full-text match, then need each match's story:
-- covering indexes give the story id without reading the article row (whose text
-- spills over several pages).
DROP INDEX articles_sort_date;
DROP INDEX articles_outlet;
DROP INDEX articles_story;
-- A story's listed fields (count, dates, outlets) are aggregated from this index alone.
CREATE INDEX articles_story ON articles(story_id, seq, sort_date, published, outlet);
CREATE INDEX articles_seq_story ON articles(seq, story_id);
CREATE INDEX articles_date_story ON articles(sort_date, story_id);
CREATE INDEX articles_outlet_story ON articles(outlet COLLATE NOCASE, story_id);

-- Full-text index: merge segments in larger steps while inserting (~15% cheaper
-- inserts; searches stay in milliseconds).
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);

-- Incremental catch-up between writers: every write stamps what it changes with its
-- generation (crossread_meta 'generation'), so another process reads only the changes.
ALTER TABLE articles ADD COLUMN gen INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_gen ON articles(gen);
-- Document frequency changes, one row per write (terms and their +/- counts), folded
-- into df every DF_COMPACT_EVERY writes: one insert per batch instead of an upsert
-- per term, and other writers read only the rows after the generation they know.
CREATE TABLE df_delta (
  gen   INTEGER PRIMARY KEY,
  terms TEXT NOT NULL
) STRICT;
CREATE TABLE forgotten (
  gen INTEGER NOT NULL,
  id  TEXT NOT NULL
) STRICT;
CREATE INDEX forgotten_gen ON forgotten(gen);

-- Stores written before story features were versioned hold version-1 features
-- (re-extracted when the store is next opened for writing).
INSERT INTO crossread_meta (key, value) SELECT 'features_version', '1' WHERE EXISTS (SELECT 1 FROM articles);
`,
  },
  {
    version: 4,
    sql: `
-- Briefings the web app computed, so that a story page answers at once after a restart
-- and list pages show the disagreement badges of every briefed story. One row per
-- story; the key names the story state (updated_at, article count), the generator
-- version and the summary options, so a stale row is never served. Rows go with
-- their story (merged away, forgotten).
CREATE TABLE briefings (
  story_id      TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
  key           TEXT NOT NULL,
  json          TEXT NOT NULL,
  disagreements INTEGER NOT NULL,
  lineages      INTEGER NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;
`,
  },
];
