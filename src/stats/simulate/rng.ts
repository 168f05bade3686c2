/**
 * A small seeded pseudo-random number generator: xoshiro128** (Blackman & Vigna 2018,
 * https://prng.di.unimi.it/xoshiro128starstar.c), state in four uint32 words.
 *
 * Only 32-bit integer arithmetic (`Math.imul`, shifts, `>>> 0`) is used, so the same seed gives the
 * same stream in every JavaScript engine (Node, Chromium, Firefox, Safari).
 *
 * Seeding: the seed and any stream keys are mixed with splitmix32 into the four state words, so
 * `createRng(seed, 2, j)` gives a stream independent of `createRng(seed, 3, j)`. The simulator uses
 * separate streams per purpose and per group so that moving one slider (say the residual SD) does
 * not reshuffle the draws behind the others.
 */
export interface Rng {
  /** Next raw 32-bit output as an unsigned integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform double in the open interval (0, 1), 53 bits of resolution; never returns 0 or 1. */
  uniform(): number;
}

const TWO_POW_26 = 67108864;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/** splitmix32 finaliser: a bijective avalanche of one uint32 (used only for seeding). */
function mix32(z: number): number {
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * One step of the seeding hash: absorbs the uint32 word `w` into the hash state `h` (splitmix32 over
 * the words, so nearby seeds give unrelated states). Plain numbers, no closure or array: the
 * simulator seeds two generators per group for every replicate of a sweep.
 */
function absorb(h: number, w: number): number {
  return (h + 0x9e3779b9 + mix32(w ^ h)) >>> 0;
}

const SEED_HASH_START = 0x9e3779b9;

/** The seeding hash after a finite seed's two uint32 words (integers up to 2^53 map one-to-one). */
function absorbSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  const s = Math.trunc(seed);
  const neg = s < 0 ? 1 : 0;
  const a = Math.abs(s);
  const lo = a % 4294967296;
  const hi = Math.floor(a / 4294967296) % 2097152;
  return absorb(absorb(SEED_HASH_START, lo >>> 0), (hi | (neg << 21)) >>> 0);
}

class Xoshiro128 implements Rng {
  /**
   * s0..s3 in a typed array: a uint32 above 2^31 is not a small integer, and stored in an object field
   * it would be boxed, four allocations per draw.
   */
  private readonly s = new Uint32Array(4);

  /** A generator whose four state words are the next four steps of the seeding hash `h`. */
  constructor(h: number) {
    const st = this.s;
    h = absorb(h, 1);
    st[0] = mix32(h);
    h = absorb(h, 2);
    st[1] = mix32(h);
    h = absorb(h, 3);
    st[2] = mix32(h);
    h = absorb(h, 4);
    st[3] = mix32(h);
    // xoshiro must not start from the all-zero state.
    if ((st[0]! | st[1]! | st[2]! | st[3]!) === 0) st[0] = 1;
  }

  nextUint32(): number {
    const st = this.s;
    const s0 = st[0]!, s1 = st[1]!;
    let s2 = st[2]!, s3 = st[3]!;
    // result = rotl(s1 * 5, 7) * 9
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    st[1] = s1 ^ s2;
    st[0] = s0 ^ s3;
    st[2] = s2 ^ t;
    st[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  uniform(): number {
    // (a·2^26 + b + 0.5) / 2^53 with a, b the top 27 and 26 bits of two outputs: in (0, 1).
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * TWO_POW_26 + b + 0.5) * TWO_POW_MINUS_53;
  }
}

/**
 * A generator for `seed` and optional stream keys (non-negative integers below 2^32), e.g.
 * `createRng(42)`, `createRng(42, STREAM_X, groupIndex)`.
 */
export function createRng(seed: number, ...streams: number[]): Rng {
  let h = absorbSeed(seed);
  for (let i = 0; i < streams.length; i++) {
    const k = streams[i]!;
    if (!Number.isInteger(k) || k < 0 || k > 0xffffffff) {
      throw new Error(`stream keys must be integers in 0..2^32-1, got ${k}`);
    }
    h = absorb(h, k >>> 0);
  }
  return new Xoshiro128(h);
}

/** Uniform integer in 0..n-1 (n ≤ 2^32) by rejection, so there is no modulo bias. */
export function uniformInt(rng: Rng, n: number): number {
  if (!(n >= 1 && n <= 4294967296 && Number.isInteger(n))) throw new Error(`uniformInt: n must be an integer in 1..2^32, got ${n}`);
  const limit = 4294967296 - (4294967296 % n);
  let u: number;
  do u = rng.nextUint32(); while (u >= limit);
  return u % n;
}
