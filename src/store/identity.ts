/**
 * Which articles of a batch a store writes: the identity rules every backend applies.
 * An article whose content hash, or URL, is already stored (or earlier in the batch)
 * is skipped; an id already in use is made unique (`id~2`, `id~3`…) and the renaming
 * reported. The checks run twice: before feature extraction, outside the write lock
 * (cheap skips), and again inside it when other writers stored articles in between.
 * The store answers the lookups with its own queries.
 */
import type { Article } from '../types.js';
import { diagnostic } from '../errors.js';
import { contentHash } from './content-hash.js';
import type { AddResult } from './store.js';

/** A store's answers: the stored article with this hash or URL, whether an id is in use. */
export interface StoredIdentity {
  byHash(hash: string): string | undefined | Promise<string | undefined>;
  byUrl(url: string): string | undefined | Promise<string | undefined>;
}

export interface IdLookup {
  idTaken(id: string): boolean | Promise<boolean>;
}

/** The articles of a batch not stored yet, with their content hashes (`hashes[i]`: `articles[i]`'s, when the caller has them); the others go to `skipped`. */
export async function unstored(
  articles: Article[],
  known: StoredIdentity,
  skipped: AddResult['skipped'],
  hashes?: readonly string[],
): Promise<Array<{ article: Article; hash: string }>> {
  const batchHash = new Map<string, string>();
  const batchUrl = new Map<string, string>();
  const out: Array<{ article: Article; hash: string }> = [];
  for (const [i, a] of articles.entries()) {
    const hash = hashes?.[i] ?? contentHash(a.text);
    const sameHash = (await known.byHash(hash)) ?? batchHash.get(hash);
    if (sameHash !== undefined) {
      skipped.push({ id: a.id, reason: 'same-content', existingId: sameHash });
      continue;
    }
    const sameUrl = a.url ? ((await known.byUrl(a.url)) ?? batchUrl.get(a.url)) : undefined;
    if (sameUrl !== undefined) {
      skipped.push({ id: a.id, reason: 'same-url', existingId: sameUrl });
      continue;
    }
    batchHash.set(hash, a.id);
    if (a.url) batchUrl.set(a.url, a.id);
    out.push({ article: a, hash });
  }
  return out;
}

/**
 * Inside the write lock: the articles to write, each with the id it is stored under.
 * When `recheck` (other writers wrote since the checks outside the lock), articles they
 * stored meanwhile are skipped.
 */
export async function accepted<P extends { article: Article; hash: string }>(
  prepared: P[],
  known: StoredIdentity & IdLookup,
  recheck: boolean,
  result: Pick<AddResult, 'skipped' | 'diagnostics'>,
): Promise<Array<{ id: string; p: P }>> {
  const out: Array<{ id: string; p: P }> = [];
  const inBatch = new Set<string>();
  const taken = async (id: string): Promise<boolean> => inBatch.has(id) || (await known.idTaken(id));
  for (const p of prepared) {
    const sameHash = recheck ? await known.byHash(p.hash) : undefined;
    if (sameHash !== undefined) {
      result.skipped.push({ id: p.article.id, reason: 'same-content', existingId: sameHash });
      continue;
    }
    const sameUrl = recheck && p.article.url ? await known.byUrl(p.article.url) : undefined;
    if (sameUrl !== undefined) {
      result.skipped.push({ id: p.article.id, reason: 'same-url', existingId: sameUrl });
      continue;
    }
    let id = p.article.id;
    if (await taken(id)) {
      let n = 2;
      while (await taken(`${p.article.id}~${n}`)) n++;
      id = `${p.article.id}~${n}`;
      result.diagnostics.push(diagnostic('info', p.article.path, 'DUPLICATE_ID', p.article.path, p.article.id, id));
    }
    inBatch.add(id);
    out.push({ id, p });
  }
  return out;
}
