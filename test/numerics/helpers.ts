// Shared checks for the numerical-hostility suites: an "honest" fit shows finite estimates, or says
// why not in its messages; a refusal is an Error with a message, not a TypeError/RangeError.
import { expect } from "vitest";
import type { FitResult } from "../../src/stats/fit";
import { crashReason } from "../fuzz/helpers";

export type Row = Record<string, number | string | null>;

/** Columns from a row generator. */
export function table(n: number, row: (i: number) => Row): Record<string, (number | string | null)[]> {
  const out: Record<string, (number | string | null)[]> = {};
  for (let i = 0; i < n; i++) for (const [k, v] of Object.entries(row(i))) (out[k] ??= []).push(v);
  return out;
}

/** A deterministic wiggle so data are not perfectly fitted. */
export const wiggle = (i: number): number => Math.sin(i * 12.9898) * 0.8 + Math.cos(i * 4.1414) * 0.5;

/** Every number a user would read as a result. */
export function reportedNumbers(result: FitResult): [string, number][] {
  const out: [string, number][] = [];
  for (const f of result.fit.fixef) {
    out.push([`fixef ${f.term} estimate`, f.estimate]);
    out.push([`fixef ${f.term} se`, f.se]);
  }
  const fit = result.fit as { sigma?: number; logLik?: number };
  if (typeof fit.sigma === "number") out.push(["sigma", fit.sigma]);
  if (typeof fit.logLik === "number") out.push(["logLik", fit.logLik]);
  return out;
}

/**
 * Honest: no NaN anywhere among the reported numbers; infinite or non-converged results only with a
 * message saying something is wrong.
 */
export function expectHonest(result: FitResult, label: string): void {
  const nums = reportedNumbers(result);
  const nan = nums.filter(([, v]) => Number.isNaN(v));
  expect(nan.map(([k]) => k), `${label}: NaN presented as a result`).toEqual([]);
  const infinite = nums.filter(([, v]) => !Number.isFinite(v));
  if (infinite.length) expect(result.messages.length, `${label}: ${infinite.map(([k]) => k)} infinite without any message`).toBeGreaterThan(0);
  const converged = (result.fit as { converged?: boolean }).converged;
  if (converged === false) expect(result.messages.length, `${label}: not converged without any message`).toBeGreaterThan(0);
}

/** A clean refusal: an Error with a message matching `pattern`, not a crash. */
export function expectCleanRefusal(run: () => unknown, pattern: RegExp, label: string): string {
  try {
    run();
  } catch (error) {
    const why = crashReason(error);
    expect(why, `${label}: ${why}`).toBeUndefined();
    expect((error as Error).message, label).toMatch(pattern);
    return (error as Error).message;
  }
  return expect.fail(`${label}: expected a refusal matching ${pattern}, but it fitted`);
}

/** Counts cases per suite and prints them at the end. */
export class CaseLog {
  readonly lines: string[] = [];
  constructor(readonly suite: string) {}
  add(label: string, outcome: string): void {
    this.lines.push(`${label}: ${outcome}`);
  }
  report(): void {
    console.log(`[numerics] ${this.suite}: ${this.lines.length} cases\n  ${this.lines.join("\n  ")}`);
  }
}
