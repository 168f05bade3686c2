// Shared helpers for the template tests: load a bundled template, list its controls, run it headless
// with some parameter values and read cell values back.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runHeadless, type HeadlessResult } from "../../src/engine/headless";
import type { Engine } from "../../src/engine/engine";

export const root = join(import.meta.dirname, "..", "..");

/** The five teaching templates owned here, in teaching order (power.json is tested by its owner). */
export const TEMPLATES = ["simpsons-paradox", "pooling", "mixed-model", "random-slopes", "glmm"] as const;
export type TemplateName = (typeof TEMPLATES)[number];

export interface CellJson {
  id: string;
  type: string;
  name?: string;
  config: Record<string, unknown>;
  inputs: string[];
}

export interface TemplateJson {
  format: string;
  version: number;
  title: string;
  description?: string;
  cells: CellJson[];
  sheets: { name: string; cells: string[] }[];
}

export function templatePath(name: string): string {
  return join(root, "templates", `${name}.json`);
}

export function loadTemplate(name: string): TemplateJson {
  return JSON.parse(readFileSync(templatePath(name), "utf8")) as TemplateJson;
}

export interface ParameterInfo {
  id: string;
  control: string;
  min?: number;
  max?: number;
  value: unknown;
  options?: unknown[];
}

export function parameters(doc: TemplateJson): ParameterInfo[] {
  return doc.cells
    .filter((c) => c.type === "parameter")
    .map((c) => ({
      id: c.id,
      control: String(c.config.control),
      min: c.config.min as number | undefined,
      max: c.config.max as number | undefined,
      value: c.config.value,
      options: c.config.options as unknown[] | undefined,
    }));
}

/** Numeric controls at their minimum and maximum, one run each: [label, values]. */
export function extremeRuns(doc: TemplateJson): [string, [string, unknown][]][] {
  const runs: [string, [string, unknown][]][] = [];
  for (const p of parameters(doc)) {
    if (p.min !== undefined) runs.push([`${p.id}=${p.min} (min)`, [[p.id, p.min]]]);
    if (p.max !== undefined) runs.push([`${p.id}=${p.max} (max)`, [[p.id, p.max]]]);
  }
  return runs;
}

/** Every option of every select, one run each. */
export function selectRuns(doc: TemplateJson): [string, [string, unknown][]][] {
  return parameters(doc)
    .filter((p) => p.control === "select")
    .flatMap((p) => (p.options ?? []).map((o): [string, [string, unknown][]] => [`${p.id}=${String(o)}`, [[p.id, o]]]));
}

export interface Run {
  result: HeadlessResult;
  engine: Engine;
  value<T = unknown>(id: string): T;
}

/** Runs a template headless with `values`; remember to `engine.dispose()` (or use {@link withRun}). */
export async function runTemplate(doc: TemplateJson, values: [string, unknown][] = []): Promise<Run> {
  const { result, engine } = await runHeadless(doc, { values });
  return {
    result,
    engine,
    value<T>(id: string): T {
      const run = engine.run(id);
      if (!run) throw new Error(`no cell ${id}`);
      if (run.status !== "fulfilled") throw new Error(`cell ${id} is ${run.status}: ${run.error}`);
      return run.value as T;
    },
  };
}

export async function withRun<T>(doc: TemplateJson, values: [string, unknown][], f: (run: Run) => Promise<T> | T): Promise<T> {
  const run = await runTemplate(doc, values);
  try {
    return await f(run);
  } finally {
    run.engine.dispose();
  }
}

/** Cells that did not compute cleanly: rejected, or a text/equation that reported problems. */
export function problems(result: HeadlessResult): string[] {
  const out: string[] = [];
  for (const c of result.cells) {
    if (c.status !== "fulfilled") out.push(`${c.id}: ${c.error}`);
    const errors = (c.summary as { errors?: string[] } | null)?.errors;
    if (Array.isArray(errors) && errors.length) out.push(`${c.id}: ${errors.join("; ")}`);
  }
  return out;
}

export type Row = Record<string, string | number | boolean | null>;

/** A model cell's value, as far as these tests read it. */
export interface ModelValueLike {
  family: string;
  link?: string;
  mixed: { link?: string; kind?: string; sigma?: number } | null;
  coefs: Row[];
  fixef: Row[];
  varcorr: Row[];
  ranef: Row[];
  groups: Row[];
  glance: Row[];
  anova: Row[];
}

export interface GeneratorValueLike {
  data: { objects(): Row[]; numRows(): number };
  options: Record<string, unknown>;
}

export const sd = (xs: readonly number[]): number => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};
