/**
 * Fit timings: for every gaussian reference case, our median fit time (after one warm-up,
 * model frame included, CSV reading excluded) next to lme4's, then the InstEval ML fit.
 * Prints figures only; nothing here asserts a time.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseCsv } from "../src/cli/csv";
import { fitModel, type FitOptions } from "../src/stats/fit";

interface Case {
  id: string;
  data: string;
  factors: string[];
  formula: string;
  family?: string;
  REML?: boolean;
}

const root = join(import.meta.dirname, "..", "reference");
const MIN_REPS = 5;
const MAX_REPS = 25;
const BUDGET_MS = 1500;

const WARMUP_MS = 200;

function timeFits(fit: () => unknown): { median: number; reps: number } {
  // Warm up until the JIT has seen the code a few times: the first fits run unoptimized.
  const warm = performance.now();
  for (let i = 0; i < 3 || performance.now() - warm < WARMUP_MS; i++) fit();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < MIN_REPS || (times.length < MAX_REPS && performance.now() - start < BUDGET_MS)) {
    const t0 = performance.now();
    fit();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1]!, reps: times.length };
}

function benchCases(dir: string): string[] {
  const base = join(root, dir);
  const cases = JSON.parse(readFileSync(join(base, "cases.json"), "utf8")) as Case[];
  const lme4 = JSON.parse(readFileSync(join(base, "lme4.json"), "utf8")) as Record<string, { fit_ms_median: number }>;
  return cases
    .filter((c) => (c.family ?? "gaussian") === "gaussian")
    .map((c) => {
      const data = parseCsv(readFileSync(join(base, "data", c.data), "utf8")).columns;
      const options: FitOptions = { factors: c.factors, REML: c.REML ?? true };
      const { median, reps } = timeFits(() => fitModel(c.formula, data, options));
      const theirs = lme4[c.id]!.fit_ms_median;
      return row([dir + c.id, median.toFixed(2), String(reps), theirs.toFixed(1), `${(theirs / median).toFixed(1)}x`]);
    });
}

function row(cells: string[]): string {
  const widths = [34, 10, 5, 10, 9];
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" ");
}

console.log(row(["case", "ours ms", "reps", "lme4 ms", "speed-up"]));
for (const line of [...benchCases(""), ...benchCases("extra/")]) console.log(line);

if (!process.argv.includes("--skip-insteval")) {
  const t0 = performance.now();
  const data = parseCsv(readFileSync(join(root, "data", "InstEval.csv"), "utf8")).columns;
  const readMs = performance.now() - t0;
  const formula = "y ~ service + (1 | s) + (1 | d) + (1 | dept)";
  const t1 = performance.now();
  const result = fitModel(formula, data, { factors: ["s", "d", "dept", "service"], REML: false });
  const fitMs = performance.now() - t1;
  const deviance = result.kind === "lmm" ? result.fit.deviance : NaN;
  console.log(`\nInstEval ML ${formula} (73,421 rows; CSV read ${(readMs / 1000).toFixed(1)} s, not counted)`);
  console.log(`  ours: ${(fitMs / 1000).toFixed(2)} s, deviance ${deviance?.toFixed(2)}`);
  console.log("  lme4: 24.2 s, deviance 237721.77");
}
