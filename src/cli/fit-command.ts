import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { FormulaError } from "../stats/formula/error";
import { FrameError } from "../stats/frame/frame-error";
import type { FamilyName } from "../stats/frame/model-matrices";
import { fitModel, referenceLayout, type FitOptions, type FitResult } from "../stats/fit";
import { FamilyError } from "../stats/family";
import { formatGlmmSummary, GlmmError } from "../stats/glmm";
import { formatGlmSummary, formatLmSummary } from "../stats/lm/summary";
import { formatLmmSummary } from "../stats/lmm";
import { formatOption, parseArgs } from "./args";
import { parseCsv, type CsvTable } from "./csv";
import { EXIT, UsageError, type CliIO } from "./io";

const FLAGS = {
  values: ["data", "formula", "factors", "family", "nagq", "format", "repeat", "weights"],
  switches: ["ml"],
} as const;

const FAMILIES: readonly FamilyName[] = ["gaussian", "binomial", "poisson"];

/**
 * `workbench fit --data FILE.csv --formula "y ~ x + (x | g)" [--factors a,b] [--ml]
 * [--family gaussian|binomial|poisson] [--nagq N] [--weights COL] [--format text|json] [--repeat N]`.
 * Gaussian models are fitted like lmer (lm without random terms), binomial and poisson like
 * glmer (glm without random terms). Prints lme4's summary (text) or the layout of
 * reference/lme4.json (json).
 * `fit_ms` is the median of N timed fits after one warm-up, from the in-memory table to the
 * result (model frame included, CSV reading excluded).
 */
export async function fitCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (args.positional.length) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
  const format = formatOption(args);
  const file = required(args.values.get("data"), "--data FILE.csv");
  const formula = required(args.values.get("formula"), '--formula "y ~ x + (1 | g)"');
  const options = fitOptions(args.values, args.switches.has("ml"));
  const repeat = wholeNumber(args.values.get("repeat") ?? "1", "--repeat", 1);
  const table = readTable(file);

  const run = () => asUsage(() => fitModel(formula, table.columns, options));
  const result = run();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  const fitMs = median(times);
  io.out(format === "json" ? JSON.stringify({ ...referenceLayout(result), fit_ms: fitMs }, null, 2) + "\n" : toText(result, formula, file, fitMs));
  return EXIT.ok;
}

function fitOptions(values: ReadonlyMap<string, string>, ml: boolean): FitOptions {
  const family = (values.get("family") ?? "gaussian") as FamilyName;
  if (!FAMILIES.includes(family)) throw new UsageError(`--family must be one of ${FAMILIES.join(", ")}, not "${family}"`);
  const nagqText = values.get("nagq");
  if (nagqText !== undefined && family === "gaussian") throw new UsageError("--nagq applies to binomial and poisson models only");
  if (ml && family !== "gaussian") throw new UsageError("--ml applies to gaussian models only (GLMMs are always fitted by maximum likelihood)");
  const nAGQ = nagqText === undefined ? 1 : wholeNumber(nagqText, "--nagq", 0);
  const factors = values.get("factors")?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
  const weights = values.get("weights");
  return { factors, family, REML: !ml, nAGQ, ...(weights !== undefined ? { weights } : {}) };
}

function readTable(file: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return parseCsv(text);
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
}

/** Formula, data and model mistakes are the user's: exit 2 with the message, no stack. */
function asUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FormulaError || e instanceof FrameError || e instanceof FamilyError || e instanceof GlmmError) throw new UsageError(e.message);
    throw e;
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new UsageError(`missing ${flag}`);
  return value;
}

function wholeNumber(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number of at least ${min}, not "${text}"`);
  return n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function toText(result: FitResult, formula: string, file: string, fitMs: number): string {
  const context = { formula, data: file };
  const summary =
    result.kind === "lm" ? formatLmSummary(result.fit, context)
    : result.kind === "glm" ? formatGlmSummary(result.fit, context)
    : result.kind === "lmm" ? formatLmmSummary(result.fit)
    : formatGlmmSummary(result.fit);
  const notes = result.messages.map((m) => `note: ${m}\n`).join("");
  return `${summary.trimEnd()}\n${notes ? "\n" + notes : ""}\nfit: ${fitMs.toFixed(1)} ms (median of the timed runs, model frame included)\n`;
}
