/** Ratio of scales beyond which lme4's check.scaleX warns. */
export const SCALE_RATIO = 1e3;

/**
 * lme4's check.scaleX idea: the optimizer struggles when non-binary predictors have standard
 * deviations far from 1 or from each other. Returns a note naming the columns, or undefined.
 */
export function scaleWarning(names: readonly string[], columns: readonly Float64Array[]): string | undefined {
  const sds: { name: string; sd: number }[] = [];
  columns.forEach((x, j) => {
    if (names[j] === "(Intercept)" || x.every((v) => v === 0 || v === 1)) return;
    const sd = standardDeviation(x);
    if (sd > 0) sds.push({ name: names[j]!, sd });
  });
  if (sds.length === 0) return undefined;
  const outliers = sds.filter(({ sd }) => sd > SCALE_RATIO || sd < 1 / SCALE_RATIO);
  const max = sds.reduce((a, b) => (b.sd > a.sd ? b : a));
  const min = sds.reduce((a, b) => (b.sd < a.sd ? b : a));
  if (outliers.length === 0 && max.sd / min.sd <= SCALE_RATIO) return undefined;
  const shown = (outliers.length ? outliers : [max, min]).map(({ name, sd }) => `${name} (SD ${sd.toPrecision(3)})`);
  return `some predictor variables are on very different scales: ${shown.join(", ")}; consider rescaling`;
}

function standardDeviation(x: Float64Array): number {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) ** 2;
  return n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
}
