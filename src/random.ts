/**
 * Small, fast, reproducible hashing and pseudo-randomness shared by the stages (seeded
 * baselines, shuffled evaluation streams, MinHash, test data). Hand-written: each is a
 * few lines of well-known public-domain code, and a dependency would add more than it
 * saves.
 */

/** FNV-1a 32-bit hash of a string (UTF-16 code units). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, well-distributed 32-bit PRNG (public domain, Tommy Ettinger); numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
