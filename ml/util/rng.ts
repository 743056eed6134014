// Seeded pseudo-random numbers. Every random choice in the project (phantoms, sampling, augmentation,
// initialisation) draws from one of these so that a seed reproduces a run exactly.
// Generator: sfc32 seeded through splitmix32 (small, fast, passes PractRand for our purposes).

/** sfc32's four words, plus the pending Box–Muller value when `normal()` has one cached. */
export type RngState = [number, number, number, number] | [number, number, number, number, number];

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Integer uniform in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** Standard normal (Box–Muller). */
  normal(mean?: number, std?: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** The generator's full state (including a cached normal), to store in a checkpoint. */
  state(): RngState;
  /** A new independent generator derived from this one (advances this one). */
  fork(): Rng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator from an integer seed, or from a state previously returned by `state()`. */
export function createRng(seedOrState: number | Readonly<RngState>): Rng {
  let a: number, b: number, c: number, d: number;
  let spare: number | null = null;
  if (typeof seedOrState === 'number') {
    const sm = splitmix32(seedOrState);
    [a, b, c, d] = [sm(), sm(), sm(), sm()];
  } else {
    [a, b, c, d] = seedOrState.slice(0, 4).map((x) => x >>> 0) as [number, number, number, number];
    spare = seedOrState[4] ?? null;
  }

  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };

  const rng: Rng = {
    next: () => nextU32() / 4294967296,
    uniform: (lo, hi) => lo + (hi - lo) * rng.next(),
    int: (lo, hi) => lo + Math.floor(rng.next() * (hi - lo + 1)),
    normal: (mean = 0, std = 1) => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return mean + std * s;
      }
      let u = 0;
      while (u === 0) u = rng.next();
      const v = rng.next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return mean + std * r * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => rng.next() < p,
    state: () => (spare === null ? [a, b, c, d] : [a, b, c, d, spare]),
    fork: () => createRng(nextU32() ^ Math.imul(nextU32(), 0x27d4eb2d)),
  };
  return rng;
}
