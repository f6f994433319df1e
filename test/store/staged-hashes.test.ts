/**
 * Content hashes computed beforehand (the queue's read stage stages them with the
 * features): a store uses a well-formed one instead of hashing the text again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { contentHash } from '../../src/store/content-hash.js';
import { contentHashesOf } from '../../src/store/precomputed.js';
import { syntheticArticle } from './synthetic.js';

describe('staged content hashes', () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('contentHashesOf: a given SHA-256 hex digest is used, a missing or malformed one computed; a count that does not match is refused', () => {
    const a = [syntheticArticle(0, 0), syntheticArticle(0, 1), syntheticArticle(0, 2)];
    const given = 'f'.repeat(64);
    expect(contentHashesOf(a, { contentHashes: [given, null, 'not a hash'] })).toEqual([given, contentHash(a[1]!.text), contentHash(a[2]!.text)]);
    expect(contentHashesOf(a, undefined)).toEqual(a.map((x) => contentHash(x.text)));
    expect(() => contentHashesOf(a, { contentHashes: [given] })).toThrow('addArticles: 1 precomputed content hashes for 3 articles');
  });

  it('addArticles stores the given hash as the article identity (the text is not hashed again)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossread-hashes-'));
    dirs.push(dir);
    const s = await openStore(join(dir, 'x.db'));
    stores.push(s);
    const a = syntheticArticle(1, 0);
    const b = syntheticArticle(1, 1);
    // A stand-in value: the store takes the staged hash as given (the read stage computed it with contentHash).
    const staged = 'a'.repeat(64);
    await s.addArticles([a, b], { contentHashes: [staged, undefined] });
    expect((await s.getArticle(a.id))!.contentHash).toBe(staged);
    expect((await s.getArticle(b.id))!.contentHash).toBe(contentHash(b.text));
    // The same text again, staged with its hash, is the same article.
    const again = await s.addArticles([{ ...a, id: 'again' }], { contentHashes: [staged] });
    expect(again.skipped).toEqual([{ id: 'again', reason: 'same-content', existingId: a.id }]);
  });
});
