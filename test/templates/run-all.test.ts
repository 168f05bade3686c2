// Every template opens, and every cell computes cleanly at the defaults, with each slider at its
// minimum and at its maximum, and with each option of each select.
import { describe, expect, it } from "vitest";
import { openWorkbenchValue } from "../../src/storage/open-document";
import { TEMPLATE_ORDER } from "../../src/ui/templates";
import { extremeRuns, loadTemplate, parameters, problems, selectRuns, TEMPLATES, withRun, type GeneratorValueLike } from "./helpers";

/** Keep a slider move within a frame: no template simulates more than this many rows. */
const MAX_ROWS = 500;

describe.each(TEMPLATES)("templates/%s.json", (name) => {
  const doc = loadTemplate(name);

  it("validates as a workbench file and is in the gallery order", () => {
    const opened = openWorkbenchValue(doc);
    expect(opened.ok ? "" : opened.message).toBe("");
    expect(TEMPLATE_ORDER).toContain(name);
  });

  it("has sliders with sensible ranges and values inside them", () => {
    const ps = parameters(doc);
    expect(ps.length).toBeGreaterThan(0);
    for (const p of ps) {
      if (p.control === "slider") {
        expect(p.min, p.id).toBeTypeOf("number");
        expect(p.max, p.id).toBeTypeOf("number");
        expect(p.min!, p.id).toBeLessThan(p.max!);
        expect(p.value as number, p.id).toBeGreaterThanOrEqual(p.min!);
        expect(p.value as number, p.id).toBeLessThanOrEqual(p.max!);
      }
      if (p.control === "select") expect(p.options, p.id).toContain(p.value);
    }
  });

  it("computes every cell at the defaults", async () => {
    await withRun(doc, [], ({ result, value }) => {
      expect(problems(result)).toEqual([]);
      expect(result.cells.every((c) => c.status === "fulfilled")).toBe(true);
      for (const g of doc.cells.filter((c) => c.type === "generator")) {
        expect(value<GeneratorValueLike>(g.id).data.numRows()).toBeLessThanOrEqual(MAX_ROWS);
      }
    });
  });

  it.each(extremeRuns(doc))("computes every cell with %s", async (_label, values) => {
    await withRun(doc, values, ({ result, value }) => {
      expect(problems(result)).toEqual([]);
      for (const g of doc.cells.filter((c) => c.type === "generator")) {
        expect(value<GeneratorValueLike>(g.id).data.numRows()).toBeLessThanOrEqual(MAX_ROWS);
      }
    });
  });

  // For the GLMM template this needs glmer (src/stats/glmm) wired into the model cell.
  const selects = selectRuns(doc);
  if (selects.length) {
    it.each(selects)("computes every cell with %s", async (_label, values) => {
      await withRun(doc, values, ({ result }) => {
        expect(problems(result)).toEqual([]);
      });
    });
  }
});
