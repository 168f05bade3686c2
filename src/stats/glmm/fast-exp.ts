/**
 * e^x by table and polynomial for the hot loops where Math.exp calls are most of the cost (the AGQ
 * node weights, PIRLS's e^η): with n = round(64x/ln2) = 64k + j (0 ≤ j < 64) and r = x − n·ln2/64,
 *   e^x = 2^k · 2^{j/64} · e^r,   |r| ≤ ln2/128,   e^r ≈ Σ_{m≤6} r^m/m!  (truncation < 3e-20 relative).
 * ln2/64 is split Cody–Waite style (the high part has trailing zero bits, so n·C_HI is exact for
 * |n| < 2^20) to keep r accurate; 2^k is an exact table entry. The result is within 2 ulp of e^x
 * (Math.exp's is within 1). Why: an inline polynomial avoids the C call, which with its register
 * spills costs more than the arithmetic. Outside |x| < 700 it defers to Math.exp.
 */
const N = 64;
/** 2^{j/64}, j = 0..63. */
const TWO_J = Float64Array.from({ length: N }, (_, j) => 2 ** (j / N));
/** 2^k, k = −1022..1023, at k + 1022. */
const TWO_K = Float64Array.from({ length: 2046 }, (_, i) => 2 ** (i - 1022));
/** ln2 = LN2_HI + LN2_LO (fdlibm's split: LN2_HI has 32 significant bits). */
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.9082149292705877e-10;
const C_HI = LN2_HI / N;
const C_LO = LN2_LO / N;
const INV = N / Math.LN2;
/** 1.5·2^52: adding and subtracting it rounds a double below 2^51 in magnitude to the nearest integer. */
const ROUND = 6755399441055744;

export function fastExp(x: number): number {
  if (!(x > -700 && x < 700)) return Math.exp(x);
  const nd = x * INV + ROUND - ROUND;
  const n = nd | 0;
  const r = x - nd * C_HI - nd * C_LO;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720))))));
  return TWO_K[(n >> 6) + 1022]! * TWO_J[n & (N - 1)]! * p;
}
