/**
 * The corpus: one writer's story clusterer, kept in step with every other writer of
 * the same store through the store's log (./log.ts). A store calls it inside its
 * write lock, and keeps only rows and queries; everything about the clusterer's shared
 * state is decided here:
 *
 * - Catching up (`catchUp`): the first time, the whole state is loaded (O(corpus)):
 *   document frequencies, and the stories within reach of the newest article (older
 *   ones are noted as evicted, see StoryClusterer.evictStale). Afterwards only what
 *   other writers changed since this one last wrote: articles assigned or moved,
 *   document-frequency changes and forgotten articles are stamped with the generation
 *   that made them, so catching up costs O(changes), not O(corpus).
 * - Document frequencies: each write logs its changes; every DF_FOLD_EVERY writes they
 *   are folded into the table of frequencies, from this writer's own running sum when
 *   nobody else wrote in between (no need to read the log back).
 * - Late articles and forgets bring evicted stories back from the log
 *   (`loadStories`); a forget re-groups what is left of the article's story.
 * - Story ids are minted here (./story-ids.ts), from the founder's content hash: the
 *   hashes of the loaded articles and the story ids in use (stories and aliases) are
 *   kept in memory, so the assignment asks the log nothing.
 * - A write (`assign`, `forget`) is an async read phase, the synchronous assignment in
 *   memory, then an async write phase applying the log writes collected during it.
 *
 * After a failed write (the store's transaction rolled back) the store calls `reset`:
 * the in-memory state may hold the rolled-back changes, so it is loaded again.
 */
import { FEATURES_VERSION, decodeMinhash, decodeTerms, encodeMinhash, encodeTerms, extractFeatures, select, type ExtractedFeatures } from './features.js';
import { StoryClusterer, type ClusterChanges, type ClusterOptions, type InternedFeatures } from './cluster.js';
import type { TextLink } from './near-copies.js';
import { foundedBy, mintStoryId } from './story-ids.js';
import type { CorpusLog, LoggedArticle } from './log.js';

/** Writes whose document-frequency changes are folded together. */
export const DF_FOLD_EVERY = 64;

/** An article to assign, its identity settled by the store. */
export interface NewArticle {
  id: string;
  /** Content hash (story ids derive from their founder's). */
  hash: string;
  features: ExtractedFeatures;
}

/** Where `assign` put an article, and its story features encoded for storage. */
export interface Placement {
  id: string;
  storyId: string;
  newStory: boolean;
  /** Text links to stored articles. */
  related: Array<{ articleId: string; similarity: number; kind: TextLink['kind'] }>;
  features: { terms: string; minhash: Uint8Array; shingles: number; day: number | null };
}

export interface Assigned {
  placed: Placement[];
  /** Stories merged: `from` now resolves to `into`. */
  merged: Array<{ from: string; into: string }>;
  /** Stories whose listed fields must be recomputed (they exist). */
  touched: string[];
}

export interface Forgotten {
  storyId: string;
  storyRemoved: boolean;
  splitInto: string[];
  /** Stories whose listed fields must be recomputed (they exist). */
  touched: string[];
}

export class Corpus {
  private clusterer: StoryClusterer | null = null;
  private loadedGeneration = -1;
  /** Content hashes of the batch being assigned (story ids derive from founders' hashes). */
  private readonly batchHashes = new Map<string, string>();
  /** Content hashes of the articles loaded into the clusterer (any of them may found a story when one splits). */
  private readonly hashes = new Map<string, string>();
  /** Size of `hashes` after its last pruning (evicted articles are pruned when it doubles). */
  private hashesPruned = 0;
  /** Story ids in use, as the store's stories and aliases were when this write began (mirrored from this writer's own writes, loaded again after others wrote). */
  private readonly usedIds = new Set<string>();
  /** Aliases: an old story id → the story it resolves to. */
  private readonly aliasOf = new Map<string, string>();
  /** The log writes of the write being made, collected during the assignment and applied after it, in order. */
  private writes: Array<() => Promise<void>> = [];
  /** Whether the last `catchUp` found writes by other processes (or loaded the state). */
  private othersWrote = true;
  /**
   * This writer's document-frequency changes since the last fold, summed in memory,
   * while no other process wrote in between (null otherwise): the fold then needs not
   * read and parse the change log back (~40% of its cost at a vocabulary of 800k terms).
   */
  private pendingDf: PendingDf | null = null;
  /** How often this writer loaded the whole clustering state, and caught up incrementally with other writers. */
  readonly stateLoads = { full: 0, incremental: 0 };

  constructor(
    private readonly log: CorpusLog,
    private readonly clusterOpts: Partial<ClusterOptions> = {},
  ) {}

  /** Forgets the in-memory state (after a failed write, or when the store re-extracted features): the next write loads it again. */
  reset(): void {
    this.clusterer = null;
    this.pendingDf = null;
    this.writes = [];
  }

  /** The generation number of the write being made (after `catchUp`; committed with it by `commit`). */
  nextGeneration(): number {
    this.caughtUp();
    return this.loadedGeneration + 1;
  }

  /**
   * Brings the clusterer up to date with the log (inside the write lock). Returns
   * whether other writers wrote since this one last looked (the store then checks its
   * identity rules again).
   */
  async catchUp(): Promise<{ othersWrote: boolean }> {
    await this.state();
    return { othersWrote: this.othersWrote };
  }

  /** The clusterer as the last `catchUp` left it (a write always catches up first, in the same lock). */
  private caughtUp(): StoryClusterer {
    if (!this.clusterer) throw new Error('Corpus: catchUp() must come first, inside the write lock, in the same transaction');
    return this.clusterer;
  }

  private async state(): Promise<StoryClusterer> {
    const log = this.log;
    const generation = await log.generation();
    const c0 = this.clusterer;
    this.othersWrote = !(c0 && generation === this.loadedGeneration);
    if (c0 && generation === this.loadedGeneration) return c0;
    const reloadAt = await log.reloadGeneration();
    if (c0 && this.loadedGeneration >= 0 && generation > this.loadedGeneration && reloadAt <= this.loadedGeneration) {
      await this.applyOtherWriters(c0, this.loadedGeneration);
      await this.loadStoryIds();
      this.loadedGeneration = generation;
      this.stateLoads.incremental++;
      return c0;
    }
    const c = new StoryClusterer(this.clusterOpts, this.newStoryId);
    this.clusterer = c;
    this.stateLoads.full++;
    this.hashes.clear();
    this.hashesPruned = 0;
    await this.loadStoryIds();
    await this.loadDf(c, await log.documentCount());
    // Only stories within reach of the newest article are loaded (as `evictStale` would
    // keep them); the others are noted as evicted, reloaded when a late article needs them.
    const maxDay = await log.latestDay();
    const cutoff = maxDay === null ? null : maxDay - c.opts.horizonDays - c.opts.evictGraceDays;
    if (cutoff !== null) for (const s of await log.storySpansBefore(cutoff)) c.markEvicted(s.storyId, s.first, s.last);
    for await (const page of log.allArticles()) {
      for (const a of page) {
        if (!a.storyId || c.isEvicted(a.storyId)) continue;
        this.restore(c, a, a.storyId);
      }
    }
    this.loadedGeneration = generation;
    return c;
  }

  /** Applies the changes other writers made after generation `since` (see catchUp). */
  private async applyOtherWriters(c: StoryClusterer, since: number): Promise<void> {
    const log = this.log;
    const docs = await log.documentCount();
    if ((await log.foldedAt()) > since) {
      // Another writer folded changes this one had not seen: read the frequencies again (O(vocabulary)).
      await this.loadDf(c, docs);
    } else {
      c.vocabulary.setDocumentCount(docs);
      for (const [t, d] of await log.dfChanges(since)) c.vocabulary.addDf(t, d);
    }
    for (const id of await log.forgottenSince(since)) c.drop(id);
    // Stories not in memory (new, or evicted here) that articles go to: their other members are loaded after.
    const partial = new Set<string>();
    for (const a of await log.articlesChangedSince(since)) {
      if (!a.storyId) continue;
      if (!c.hasStory(a.storyId)) partial.add(a.storyId);
      if (c.has(a.id)) c.moveTo(a.id, a.storyId);
      else this.restore(c, a, a.storyId);
    }
    this.applyStories(c, await this.readStories(partial));
    c.evictStale();
  }

  /** Loads document frequencies: the folded table, then the changes not folded yet. */
  private async loadDf(c: StoryClusterer, docs: number): Promise<void> {
    const pages: Array<Array<[string, number]>> = [];
    for await (const page of this.log.foldedDf()) pages.push(page);
    c.vocabulary.loadDf(docs, pages.flat());
    for (const [t, d] of await this.log.dfChanges(null)) c.vocabulary.addDf(t, d);
  }

  /** Restores one stored article into the clusterer, keeping its content hash (it may found a story). */
  private restore(c: StoryClusterer, a: LoggedArticle, storyId: string): void {
    this.hashes.set(a.id, a.hash);
    c.restore(a.id, storyId, storyFeatures(a), foundedBy(storyId, a.hash));
  }

  /** Reads the stored members of these stories (the read phase of a write: evicted stories a late article or a forget needs). */
  private async readStories(storyIds: Iterable<string>): Promise<Array<{ storyId: string; members: LoggedArticle[] }>> {
    const out: Array<{ storyId: string; members: LoggedArticle[] }> = [];
    for (const storyId of storyIds) out.push({ storyId, members: await this.log.storyMembers(storyId) });
    return out;
  }

  /** Restores every member of these stories that is not in memory (read by `readStories`). */
  private applyStories(c: StoryClusterer, stories: Array<{ storyId: string; members: LoggedArticle[] }>): void {
    for (const { storyId, members } of stories) {
      for (const a of members) if (!c.has(a.id)) this.restore(c, a, storyId);
      // A story another writer merged away or emptied: forget its span.
      if (members.length === 0) c.forgetEvicted(storyId);
    }
  }

  /** Loads the story ids in use (stories and aliases) from the log. */
  private async loadStoryIds(): Promise<void> {
    const [ids, aliases] = [await this.log.storyIds(), await this.log.storyAliases()];
    this.usedIds.clear();
    this.aliasOf.clear();
    for (const id of ids) this.usedIds.add(id);
    for (const [from, to] of aliases) {
      this.usedIds.add(from);
      this.aliasOf.set(from, to);
    }
  }

  /** Collects a log write of the write being made (applied by `flushWrites`, after the assignment). */
  private write(w: () => Promise<void>): void {
    this.writes.push(w);
  }

  /** The write phase: applies the collected log writes, one after the other, in the order they were made. */
  private async flushWrites(): Promise<void> {
    const writes = this.writes;
    this.writes = [];
    for (const w of writes) await w();
  }

  /**
   * Logs one write's document-frequency changes; every DF_FOLD_EVERY writes, folds them
   * (in the write phase). `ids`: each change's term id in the clusterer `c`.
   */
  private writeDfChanges(gen: number, c: StoryClusterer, changes: Array<[string, number]>, ids: ArrayLike<number>): void {
    const othersWrote = this.othersWrote;
    this.write(async () => {
      const log = this.log;
      await log.appendDfChanges(gen, changes);
      // Summed by term id in the clusterer that counted them (a new clusterer has new ids: the sum is read from the log then).
      if (othersWrote || (this.pendingDf && this.pendingDf.c !== c)) this.pendingDf = null;
      else if (this.pendingDf) for (let i = 0; i < changes.length; i++) this.pendingDf.add(ids[i] as number, (changes[i] as [string, number])[1]);
      if ((await log.unfoldedWrites()) < DF_FOLD_EVERY) return;
      let sum: Iterable<readonly [string, number]> | undefined = this.pendingDf?.sum();
      if (!sum) {
        const fromLog = new Map<string, number>();
        for (const [t, d] of await log.dfChanges(null)) fromLog.set(t, (fromLog.get(t) ?? 0) + d);
        sum = fromLog;
      }
      await log.foldDf(sum, gen);
      // The log is empty: from here this writer's own changes are summed as they are written.
      this.pendingDf = new PendingDf(c);
    });
  }

  /** A story no longer exists (`aliasTo`: its id now resolves there), mirrored in the ids in use; the log write is the caller's (`removeStories`). */
  private removeStory(storyId: string, aliasTo: string | null): void {
    if (!aliasTo) {
      this.usedIds.delete(storyId);
      return;
    }
    this.usedIds.add(storyId);
    this.aliasOf.set(storyId, aliasTo);
    for (const [from, to] of this.aliasOf) if (to === storyId) this.aliasOf.set(from, aliasTo);
  }

  /** A story emptied by a forget: it and the ids that resolved to it are no longer in use. */
  private forgetStory(storyId: string): void {
    this.write(() => this.log.forgetStory(storyId));
    this.usedIds.delete(storyId);
    for (const [from, to] of this.aliasOf) {
      if (to !== storyId) continue;
      this.aliasOf.delete(from);
      this.usedIds.delete(from);
    }
  }

  /** The content hash of an article in memory (a story's founder). */
  private founderHash(articleId: string): string {
    const h = this.batchHashes.get(articleId) ?? this.hashes.get(articleId);
    if (h === undefined) throw new Error(`Corpus: no content hash for founder ${articleId}: it is neither in the batch nor loaded`);
    return h;
  }

  private readonly newStoryId = (founder: string, part = false): string =>
    mintStoryId(this.founderHash(founder), (id) => Boolean(this.clusterer?.hasStory(id)) || this.usedIds.has(id), part);

  /**
   * Assigns a batch of new articles to stories (after `catchUp`, under generation
   * `gen`): counts them in the document frequencies, selects each article's salient
   * terms under the IDF that includes the whole batch, brings back evicted stories a
   * late article may join, and writes to the log the merges, moves and text links the
   * clusterer decided. The store then writes the articles' rows with their stories.
   */
  async assign(gen: number, articles: NewArticle[]): Promise<Assigned> {
    const c = this.caughtUp();
    // Read phase: the evicted stories the batch's days may reach (spans are in memory).
    const late = await this.readStories(c.evictedNear(articles.map((a) => a.features.day)));
    // Assignment, in memory: the log writes are collected and applied after it.
    const terms = articles.map((a) => {
      this.batchHashes.set(a.id, a.hash);
      return c.observeInterned(a.features);
    });
    const counted = c.vocabulary.countTerms(terms);
    this.writeDfChanges(
      gen,
      c,
      counted.map(([t, n]) => [c.vocabulary.termName(t), n] as [string, number]),
      counted.map(([t]) => t),
    );
    const batch = articles.map((a, i) => ({ id: a.id, features: c.selectInterned(terms[i]!, a.features) }));
    const documents = c.documentCount;
    this.write(() => this.log.setDocumentCount(documents));
    // Late articles: evicted stories within their time horizon come back first.
    this.applyStories(c, late);
    const changes = c.addBatch(batch);
    // Merges and moves of stored articles first; the store then writes the new articles, each once with its final story.
    this.writeChanges(c, changes, gen);
    const founded = new Set(changes.assigned.filter((x) => x.newStory).map((x) => x.articleId));
    const linksOf = new Map<string, Placement['related']>();
    for (const l of changes.links) {
      const list = linksOf.get(l.a) ?? [];
      list.push({ articleId: l.b, similarity: l.similarity, kind: l.kind });
      linksOf.set(l.a, list);
    }
    const placed = batch.map(({ id, features: f }) => ({
      id,
      storyId: c.storyOf(id) as string,
      newStory: founded.has(id),
      related: linksOf.get(id) ?? [],
      features: { terms: encodeInterned(c, f), minhash: encodeMinhash(f.minhash), shingles: f.shingles, day: f.day },
    }));
    this.batchHashes.clear();
    for (const a of articles) this.hashes.set(a.id, a.hash);
    const touched = existing(c, changes.touchedStories);
    // The store writes the touched stories' rows: their ids are in use.
    for (const s of touched) this.usedIds.add(s);
    // Write phase.
    await this.flushWrites();
    return { placed, merged: changes.merged, touched };
  }

  /** Writes merges, moves and text links of one clusterer call to the log. */
  private writeChanges(c: StoryClusterer, changes: ClusterChanges, gen: number): void {
    const log = this.log;
    const target = new Map<string, string>();
    for (const m of changes.merged) {
      this.write(() => log.moveStory(m.from, m.into, gen));
      target.set(m.from, m.into);
    }
    const moves = changes.moved.map((m) => ({ articleId: m.articleId, storyId: m.to }));
    if (moves.length) this.write(() => log.moveArticles(moves, gen));
    for (const m of changes.moved) if (!c.hasStory(m.from)) target.set(m.from, m.to);
    const removed: Array<{ storyId: string; aliasTo: string | null }> = [];
    for (const storyId of changes.removedStories) {
      let to = target.get(storyId) ?? null;
      for (let i = 0; to && !c.hasStory(to) && i < 100; i++) to = target.get(to) ?? null;
      const successor = to && c.hasStory(to) ? to : null;
      this.removeStory(storyId, successor);
      removed.push({ storyId, aliasTo: successor });
      if (successor && !changes.touchedStories.includes(successor)) changes.touchedStories.push(successor);
    }
    if (removed.length) this.write(() => log.removeStories(removed));
    const links = changes.links;
    this.write(() => log.putLinks(links));
  }

  /**
   * Takes a forgotten article out of the clusterer and the document frequencies (its
   * `vocabulary`: every term of its features, which are deterministic), under
   * generation `gen` after `catchUp`; its story is removed when emptied, or split when
   * what is left no longer holds together. Returns null when the article is in no
   * story. The store deletes the article's rows.
   */
  async forget(articleId: string, vocabulary: string[], gen: number): Promise<Forgotten | null> {
    const c = this.caughtUp();
    const log = this.log;
    // Read phase: when its story was evicted from memory, its members (to regroup what is left).
    let evicted: Array<{ storyId: string; members: LoggedArticle[] }> = [];
    if (!c.has(articleId)) {
      const storyId = await log.storyOfArticle(articleId);
      if (storyId) evicted = await this.readStories([storyId]);
    }
    // In memory; the log writes are collected, then applied.
    this.applyStories(c, evicted);
    const res = c.remove(articleId);
    c.unobserve(vocabulary);
    // unobserve interned every term: their ids are known.
    this.writeDfChanges(
      gen,
      c,
      vocabulary.map((t) => [t, -1] as [string, number]),
      vocabulary.map((t) => c.vocabulary.id(t)),
    );
    const documents = c.documentCount;
    this.write(() => log.setDocumentCount(documents));
    this.write(() => log.logForgotten(articleId, gen));
    this.hashes.delete(articleId);
    if (!res) {
      await this.flushWrites();
      return null;
    }
    const touched = [res.storyId];
    if (res.storyRemoved) this.forgetStory(res.storyId);
    const moves = res.splitInto.flatMap((s) => [...c.members(s)].map((m) => ({ articleId: m, storyId: s })));
    if (moves.length) this.write(() => log.moveArticles(moves, gen));
    touched.push(...res.splitInto);
    const live = existing(c, touched);
    for (const s of live) this.usedIds.add(s);
    await this.flushWrites();
    return { storyId: res.storyId, storyRemoved: res.storyRemoved, splitInto: res.splitInto, touched: live };
  }

  /** Commits the write made under generation `gen` (after the store wrote its rows), and lets stale stories leave memory. */
  async commit(gen: number): Promise<void> {
    await this.log.commitGeneration(gen);
    this.loadedGeneration = gen;
    const c = this.clusterer;
    if (!c) return;
    c.evictStale();
    // Evicted articles' hashes leave memory with them (pruned when the map has doubled).
    if (this.hashes.size > 2 * Math.max(this.hashesPruned, 1024)) {
      for (const id of this.hashes.keys()) if (!c.has(id)) this.hashes.delete(id);
      this.hashesPruned = this.hashes.size;
    }
  }

  /** Whether the stored features were extracted by another version of ./features.ts (see `reextract`). */
  async needsReextraction(): Promise<boolean> {
    return (await this.log.featuresVersion()) !== FEATURES_VERSION;
  }

  /**
   * Re-extracts every article's story features when the store was written by another
   * version of the feature extraction (`FEATURES_VERSION`): document frequencies are
   * recounted, then each article's terms selected under them. Story assignments are
   * kept. Runs once, under the write lock; every writer then reloads its state.
   */
  async reextract(): Promise<void> {
    const log = this.log;
    if (!(await this.needsReextraction())) return;
    const gen = (await log.generation()) + 1;
    const df = new Map<string, number>();
    let docs = 0;
    for await (const page of log.articleTexts()) {
      for (const a of page) {
        docs++;
        for (const t of extractFeatures(a).allTerms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
      }
    }
    const c = new StoryClusterer(this.clusterOpts);
    c.vocabulary.loadDf(docs, df);
    for await (const page of log.articleTexts()) {
      for (const a of page) {
        const f = select(extractFeatures(a), c.idf);
        await log.setFeatures(a.id, { terms: encodeTerms(f.terms), minhash: encodeMinhash(f.minhash), shingles: f.shingles, day: f.day });
      }
    }
    await log.replaceDf(df, docs, gen);
    await log.markReextracted(FEATURES_VERSION, gen);
    await log.commitGeneration(gen);
    this.reset();
  }

  /**
   * The clustering state, brought up to date first: document count, document
   * frequencies and the membership of the stories in memory (those within reach of the
   * newest article). For tests and diagnostics: every writer's snapshot must equal a
   * freshly loaded one.
   */
  async snapshot(): Promise<{ documents: number; df: Map<string, number>; groups: Map<string, string[]> }> {
    const c = await this.state();
    const groups = new Map([...c.groups()].map(([s, m]) => [s, [...m].sort()] as const));
    return { documents: c.documentCount, df: c.vocabulary.dfSnapshot(), groups };
  }
}

/** The stories among `ids` that exist, once each. */
function existing(c: StoryClusterer, ids: string[]): string[] {
  return [...new Set(ids)].filter((id) => c.hasStory(id));
}

function storyFeatures(a: LoggedArticle): { terms: Map<string, number>; minhash: Uint32Array; shingles: number; day: number | null } {
  return { terms: decodeTerms(a.terms), minhash: decodeMinhash(a.minhash), shingles: a.shingles, day: a.day };
}

/** `encodeTerms` for interned terms (a term holds no tab or newline but when decoded from a damaged row: replaced then, as there). */
function encodeInterned(c: StoryClusterer, f: InternedFeatures): string {
  let out = '';
  for (let i = 0; i < f.ids.length; i++) {
    let t = c.vocabulary.termName(f.ids[i] as number);
    if (t.includes('\t') || t.includes('\n')) t = t.replace(/[\t\n]/g, ' ');
    out += `${t}\t${Math.round((f.w[i] as number) * 1e4) / 1e4}\n`;
  }
  return out;
}

/**
 * A writer's document-frequency changes since the last fold, summed by term id of one
 * clusterer (an add per change into an array, where a Map keyed by term name cost a
 * hash lookup or two per change into a map of some 10^5 terms, ~0.06 ms per article
 * at 50k articles), read by term name once per fold.
 */
class PendingDf {
  private delta = new Int32Array(1024);
  private seen = new Uint8Array(1024);
  /** Term ids in the order first changed. */
  private readonly order: number[] = [];

  constructor(readonly c: StoryClusterer) {}

  add(id: number, d: number): void {
    if (id >= this.delta.length) {
      const size = Math.max(id + 1, this.delta.length * 2);
      const delta = new Int32Array(size);
      delta.set(this.delta);
      const seen = new Uint8Array(size);
      seen.set(this.seen);
      this.delta = delta;
      this.seen = seen;
    }
    if (!this.seen[id]) {
      this.seen[id] = 1;
      this.order.push(id);
    }
    this.delta[id] = (this.delta[id] as number) + d;
  }

  /** The summed changes by term name (each term once), in the order terms were first changed: no map is built (~1.4 µs a term). */
  *sum(): Generator<readonly [string, number]> {
    for (const id of this.order) yield [this.c.vocabulary.termName(id), this.delta[id] as number];
  }
}
