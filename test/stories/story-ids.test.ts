/** Story ids of a store: a founded story's id names its founder; a split-off part's never does. */
import { describe, it, expect } from 'vitest';
import { foundedBy, mintStoryId, storyIdFor } from '../../src/stories/story-ids.js';

describe('mintStoryId and foundedBy', () => {
  const base = storyIdFor('hash-x');
  const none = (): boolean => false;

  it('gives a founded story the unsuffixed id, and -2, -3… while taken', () => {
    expect(mintStoryId('hash-x', none)).toBe(base);
    expect(mintStoryId('hash-x', (id) => id === base)).toBe(`${base}-2`);
    expect(mintStoryId('hash-x', (id) => id === base || id === `${base}-2`)).toBe(`${base}-3`);
  });

  it('always suffixes a part split off a story, even when the unsuffixed id is free', () => {
    expect(mintStoryId('hash-x', none, true)).toBe(`${base}-2`);
    expect(mintStoryId('hash-x', (id) => id === `${base}-2`, true)).toBe(`${base}-3`);
  });

  it('tells a story founded by an article from a part and from other articles\' stories', () => {
    expect(foundedBy(mintStoryId('hash-x', none), 'hash-x')).toBe(true);
    expect(foundedBy(mintStoryId('hash-x', none, true), 'hash-x')).toBe(false);
    expect(foundedBy(mintStoryId('hash-x', (id) => id === base), 'hash-x')).toBe(false);
    expect(foundedBy(base, 'hash-y')).toBe(false);
  });
});
