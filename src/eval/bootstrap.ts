/**
 * Bootstrap confidence intervals over evaluation units (clusters), as ROUGE-1.5.5
 * computes them (Efron & Tibshirani 1993; ROUGE-1.5.5 `computeAverages` and
 * `bootstrapResampling`):
 *
 * - resample r (r = 0 … R−1) seeds the generator with r and draws n units with
 *   replacement (`int(rand(n))`), in the order of the sorted unit ids;
 * - the mean of each resample is taken; the reported average is the mean of the R
 *   resample means; the 95% interval is read from the sorted resample means at
 *   ranks ⌊δ⌋ and ⌊R−δ−1⌋ (δ = R·2.5/100), with ROUGE's linear interpolation.
 *
 * The generator is Perl's `rand` (drand48 since Perl 5.20), reproduced exactly, so
 * the intervals are the ones the reference script prints, and every run gives the
 * same intervals (fixed seeds).
 */

const MASK48 = (1n << 48n) - 1n;
const A = 0x5deece66dn;
const C = 0xbn;

/** Perl's `srand(seed); rand()`: the 48-bit linear congruential generator drand48. */
export class Drand48 {
  private x: bigint;
  constructor(seed: number) {
    this.x = ((BigInt(Math.trunc(seed)) << 16n) + 0x330en) & MASK48;
  }
  /** A uniform number in [0, 1). */
  next(): number {
    this.x = (this.x * A + C) & MASK48;
    return Number(this.x) / 2 ** 48;
  }
  /** Perl's `int(rand(n))`. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

const indexCache = new Map<string, Uint32Array>();

/** The units drawn by each resample (resample r seeded with r), shared by every metric of a run. */
export function resampleIndices(n: number, samples: number): Uint32Array {
  const key = `${n}/${samples}`;
  let idx = indexCache.get(key);
  if (!idx) {
    idx = new Uint32Array(n * samples);
    for (let r = 0, k = 0; r < samples; r++) {
      const rng = new Drand48(r);
      for (let i = 0; i < n; i++, k++) idx[k] = rng.int(n);
    }
    indexCache.set(key, idx);
  }
  return idx;
}

export interface BootstrapResult {
  /** Plain mean over the units. */
  mean: number;
  /** ROUGE's reported average: the mean of the resample means. */
  resampleMean: number;
  ciLow: number;
  ciHigh: number;
}

/**
 * Bootstrap of the mean of `values` (one per unit, in sorted-unit-id order).
 * `samples` resamples (ROUGE's default 1000), `confidence` in percent (95).
 */
export function bootstrapMean(values: number[], samples = 1000, confidence = 95): BootstrapResult {
  const n = values.length;
  if (n === 0) return { mean: 0, resampleMean: 0, ciLow: 0, ciHigh: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const idx = resampleIndices(n, samples);
  const means = new Float64Array(samples);
  for (let r = 0, k = 0; r < samples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++, k++) s += values[idx[k] as number] as number;
    means[r] = s / n;
  }
  let total = 0;
  for (const m of means) total += m;
  means.sort();
  const delta = (samples * ((100 - confidence) / 2)) / 100;
  const ua = Math.floor(samples - delta - 1);
  const la = Math.floor(delta);
  const ratio = samples - delta - 1 - ua;
  const at = (i: number) => means[Math.min(Math.max(i, 0), samples - 1)] as number;
  return {
    mean,
    resampleMean: total / samples,
    ciLow: at(la) + (at(la + 1) - at(la)) * ratio,
    ciHigh: at(ua) + (at(ua + 1) - at(ua)) * ratio,
  };
}
