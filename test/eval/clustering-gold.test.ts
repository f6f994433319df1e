/** Reading labelled files for eval-cluster, with documents of several gold stories, and scoring them through a real store. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateClustering, readGold } from '../../src/eval/clustering.js';
import { syntheticCorpus, eventOf } from '../store/synthetic.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-eval-gold-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, lines: unknown[]): string => {
  const file = join(dir, name);
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
};

describe('readGold', () => {
  it('gathers the labels of an id seen on several lines or in several clusters; a repeated label counts once', async () => {
    const lines = await readGold(
      write('lines.jsonl', [
        { id: 'a', label: 'x', text: 'alpha' },
        { id: 'b', labels: ['x', 'y'], text: 'beta' },
        { id: 'a', label: 'y', text: 'alpha' },
        { id: 'a', label: 'x', text: 'alpha' },
        { id: 'c', labels: [7], text: 'gamma' },
      ]),
    );
    expect(lines.map((d) => [d.id, d.labels])).toEqual([
      ['a', ['x', 'y']],
      ['b', ['x', 'y']],
      ['c', ['7']],
    ]);
    const clusters = await readGold(
      write('clusters.jsonl', [
        { id: 'd1', documents: [{ id: 'p', text: 'one' }, { id: 'q', text: 'two' }] },
        { id: 'd2', documents: [{ id: 'q', text: 'two' }, { id: 'r', text: 'three' }] },
      ]),
    );
    expect(clusters.map((d) => [d.id, d.labels])).toEqual([
      ['p', ['d1']],
      ['q', ['d1', 'd2']],
      ['r', ['d2']],
    ]);
  });

  it('refuses an id with two texts, and malformed labels, naming the line and reason', async () => {
    const twice = write('twice.jsonl', [{ id: 'a', label: 'x', text: 'alpha' }, { id: 'a', label: 'y', text: 'other' }]);
    await expect(readGold(twice)).rejects.toThrow(`${twice}:2: id "a" appears twice with different texts`);
    const both = write('both.jsonl', [{ id: 'a', label: 'x', labels: ['y'], text: 'alpha' }]);
    await expect(readGold(both)).rejects.toThrow(`${both}:1: has both "label" and "labels"`);
    const empty = write('empty.jsonl', [{ id: 'a', labels: [], text: 'alpha' }]);
    await expect(readGold(empty)).rejects.toThrow(`${empty}:1: "labels" must be a non-empty array of strings or numbers (got [])`);
  });
});

describe('evaluateClustering with overlapping gold stories', () => {
  it('ingests a shared document once and scores with extended B-cubed; pairwise and ARI are left out', async () => {
    const corpus = syntheticCorpus(3, 4);
    const shared = corpus[0]!;
    // The first article is also labelled with a second event's story, on a second line.
    const lines = [
      ...corpus.map((a) => ({ id: a.id, label: eventOf(a.id), text: a.text, published: a.published })),
      { id: shared.id, label: eventOf(corpus[corpus.length - 1]!.id), text: shared.text, published: shared.published },
    ];
    const file = write('overlap.jsonl', lines);
    const docs = await readGold(file);
    expect(docs).toHaveLength(corpus.length);
    const r = await evaluateClustering(file, docs, { seed: 1 });
    expect(r).toMatchObject({ documents: corpus.length, items: corpus.length, overlappingGold: 1, goldClusters: 3, duplicates: 0, pairwise: null, ari: null });
    expect(r.bcubedMethod).toBe('extended B-cubed (Amigó et al. 2009)');
    // The synthetic events are kept apart, so the shared article can be with one of its stories only:
    // precision stays 1, recall loses (its pair with the other story's articles).
    expect(r.bcubed.precision).toBeCloseTo(1, 12);
    expect(r.bcubed.recall).toBeLessThan(1);
    expect(r).toMatchObject({ storiesOverTwoGold: 0, maxGoldInOneStory: 1 });
  }, 60_000);

  it('gives ordinary B-cubed, pairwise F1 and ARI when every document has one gold story', async () => {
    const corpus = syntheticCorpus(3, 4);
    const file = write('single.jsonl', corpus.map((a) => ({ id: a.id, label: eventOf(a.id), text: a.text })));
    const r = await evaluateClustering(file, await readGold(file), { seed: 2 });
    expect(r.overlappingGold).toBe(0);
    expect(r.bcubed.f1).toBeCloseTo(1, 12);
    expect(r.pairwise?.f1).toBeCloseTo(1, 12);
    expect(r.ari).toBeCloseTo(1, 12);
    expect(r).toMatchObject({ storiesOverTwoGold: 0, maxGoldInOneStory: 1 });
  }, 60_000);

  it('ingests in several runs when asked (reopenEvery: the store closed and opened again between batches)', async () => {
    const corpus = syntheticCorpus(3, 4);
    const file = write('runs.jsonl', corpus.map((a) => ({ id: a.id, label: eventOf(a.id), text: a.text })));
    const docs = await readGold(file);
    const once = await evaluateClustering(file, docs, { seed: 2, batchSize: 3 });
    const runs = await evaluateClustering(file, docs, { seed: 2, batchSize: 3, reopenEvery: 1 });
    expect(runs.items).toBe(corpus.length);
    expect(runs.bcubed).toEqual(once.bcubed);
    expect(runs.predictedClusters).toBe(once.predictedClusters);
  }, 60_000);
});
