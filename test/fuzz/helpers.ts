// Shared pieces of the fuzz suites: seed documents, the "clean error" rule, time limits and counters.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

export const ROOT = join(import.meta.dirname, "..", "..");

/** Per-property wall-clock budget (ms); FUZZ_MS overrides for longer local runs. */
export const FUZZ_MS = Number(process.env.FUZZ_MS ?? 1500);

/**
 * The seed every property uses unless FUZZ_SEED names another: CI runs the same inputs every time, so
 * a failure is reproducible; explore other seeds locally with FUZZ_SEED.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261125);

/** fast-check parameters for a time-bounded property: as many runs as fit in `ms`. */
export function budget(ms = FUZZ_MS, seed?: number) {
  return {
    numRuns: 1_000_000,
    interruptAfterTimeLimit: ms,
    markInterruptAsFailure: false,
    seed: seed ?? FUZZ_SEED,
  };
}

/** Counts generated inputs per suite and prints them when the suite ends. */
export class Counter {
  readonly counts = new Map<string, number>();
  constructor(readonly suite: string) {}
  hit(name: string, n = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + n);
  }
  total(): number {
    let t = 0;
    for (const v of this.counts.values()) t += v;
    return t;
  }
  report(): void {
    const parts = [...this.counts].map(([k, v]) => `${k}=${v}`).join(", ");
    console.log(`[fuzz] ${this.suite}: ${this.total()} generated inputs (${parts})`);
  }
}

/**
 * Performance fixtures are not seeds: a mutation of the 100,000-row workbench (say a larger group size)
 * makes every engine run of it take minutes, which would stall the suite rather than test anything.
 */
const NOT_SEEDS = new Set(["large-100k.json"]);

/** JSON files usable as seeds: templates/, test/fixtures/, e2e/fixtures/ and the hostile corpus. */
export function seedFiles(dirs = ["templates", "test/fixtures", "e2e/fixtures", "e2e/hostile"]): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const dir of dirs) {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs).filter((f) => f.endsWith(".json") && f !== "cases.json" && !NOT_SEEDS.has(f)).sort()) out.push({ name: `${dir}/${f}`, text: readFileSync(join(abs, f), "utf8") });
  }
  return out;
}

/** Error constructors that mean "our code crashed", not "the input was refused". */
const CRASH_NAMES = new Set(["TypeError", "RangeError", "ReferenceError", "SyntaxError", "InternalError", "EvalError"]);

/** Describes why `error` is not a clean refusal, or undefined if it is one. */
export function crashReason(error: unknown): string | undefined {
  if (!(error instanceof Error)) return `threw a non-Error: ${String(error)}`;
  if (typeof error.message !== "string" || error.message.trim() === "") return `threw ${error.name} with an empty message`;
  if (CRASH_NAMES.has(error.name) || CRASH_NAMES.has(error.constructor.name)) return `crashed with ${error.name}: ${error.message}`;
  return undefined;
}

/** Asserts `error` is a clean refusal (an Error with a message, not a TypeError/RangeError from inside). */
export function expectCleanError(error: unknown, context = ""): void {
  const why = crashReason(error);
  if (why) {
    const stack = error instanceof Error ? `\n${error.stack?.split("\n").slice(0, 6).join("\n")}` : "";
    expect.fail(`${why}${context ? `\n  input: ${context.slice(0, 400)}` : ""}${stack}`);
  }
}

/** Rejects after `ms` with a message naming what hung. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`HANG: ${what} did not settle within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Fails if anything was added to Object.prototype (prototype pollution). */
export function expectNoPollution(): void {
  const keys = Object.getOwnPropertyNames(Object.prototype);
  const polluted = keys.filter((k) => !BASE_PROTO_KEYS.has(k));
  if (polluted.length) expect.fail(`Object.prototype was polluted with ${polluted.join(", ")}`);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
}
const BASE_PROTO_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A short printable sample of an input for failure messages. */
export function sample(value: unknown): string {
  try {
    const s = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value);
    return (s ?? String(value)).slice(0, 300);
  } catch {
    return String(value).slice(0, 300);
  }
}
