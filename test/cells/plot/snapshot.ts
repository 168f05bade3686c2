// Golden SVG snapshots (style lesson 9): normalise, compare with output/NAME.svg, and on a mismatch
// write output/NAME-changed.svg next to it. A missing golden file is written and the test passes.
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), "output");

/** Rounds every number to 3 decimals and renumbers generated ids (clip1, gradient_3, …) by first use. */
export function normaliseSvg(svg: string): string {
  const ids = new Map<string, string>();
  const rounded = svg.replace(/-?\d+\.\d+(?:e-?\d+)?/g, (m) => {
    const v = Math.round(Number(m) * 1000) / 1000;
    return String(Object.is(v, -0) ? 0 : v);
  });
  return rounded
    .replace(/\b(clip|gradient|pattern|mask)(_?)(\d+)\b/g, (_m, kind: string, sep: string, n: string) => {
      const key = `${kind}${sep}${n}`;
      if (!ids.has(key)) ids.set(key, `${kind}${sep}${[...ids.keys()].filter((k) => k.startsWith(kind)).length + 1}`);
      return ids.get(key)!;
    })
    .replace(/></g, ">\n<");
}

/** A spec as stable JSON: numbers rounded to 3 decimals, two-space indent. */
export function normaliseSpec(spec: unknown): string {
  return JSON.stringify(spec, (_k, v: unknown) => (typeof v === "number" ? Math.round(v * 1000) / 1000 + 0 : v), 2) + "\n";
}

/** Compares `svg` with the golden file; returns undefined when equal, else a message. */
export function compareSnapshot(name: string, svg: string, ext = "svg"): string | undefined {
  mkdirSync(OUTPUT, { recursive: true });
  const golden = join(OUTPUT, `${name}.${ext}`);
  const changed = join(OUTPUT, `${name}-changed.${ext}`);
  const actual = ext === "svg" ? normaliseSvg(svg) : svg;
  if (!existsSync(golden)) {
    writeFileSync(golden, actual);
    return undefined;
  }
  if (readFileSync(golden, "utf8") === actual) {
    if (existsSync(changed)) rmSync(changed);
    return undefined;
  }
  writeFileSync(changed, actual);
  return `${name}.${ext} differs from the golden file; see ${changed} (delete the golden file to accept)`;
}
