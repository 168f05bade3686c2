// The shape every teaching template shares: a blueprint sheet first (prose and equations only), the
// sheets the issue names, every cell on a sheet, and an "Explore more" text that links onwards.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadTemplate, templatePath, TEMPLATES, type TemplateName } from "./helpers";

const SHEETS: Record<TemplateName, string[]> = {
  "simpsons-paradox": ["The Data", "Slope Estimates", "What's Happening"],
  pooling: ["Model Comparison", "Complete Pooling", "No Pooling (Fixed Effects)"],
  "mixed-model": ["Fit Lines", "Shrinkage Map"],
  "random-slopes": ["Spaghetti Plot", "Random Effects Scatter", "Variance Components"],
  glmm: ["The Sandbox", "Coefficient Summary", "Shrinkage Map"],
};

const TITLES: Record<TemplateName, string> = {
  "simpsons-paradox": "Simpson's Paradox",
  pooling: "Complete Pooling vs No Pooling",
  "mixed-model": "The Mixed Model",
  "random-slopes": "Random Intercepts + Random Slopes",
  glmm: "GLMMs",
};

/** Where each template's "Explore more" must point (at least). */
const NEXT: Record<TemplateName, string> = {
  "simpsons-paradox": "pooling",
  pooling: "mixed-model",
  "mixed-model": "random-slopes",
  "random-slopes": "glmm",
  glmm: "power",
};

describe.each(TEMPLATES)("templates/%s.json structure", (name) => {
  const doc = loadTemplate(name);
  const byId = new Map(doc.cells.map((c) => [c.id, c]));

  it("has the issue's title and sheets, after a blueprint sheet", () => {
    expect(doc.title).toBe(TITLES[name]);
    expect(doc.description?.length ?? 0).toBeGreaterThan(40);
    expect(doc.sheets.slice(1).map((s) => s.name)).toEqual(SHEETS[name]);
  });

  it("opens on a blueprint sheet of prose and equations only, with at least one of each", () => {
    const first = doc.sheets[0]!;
    const types = first.cells.map((id) => byId.get(id)!.type);
    expect(new Set(types)).toEqual(new Set(["text", "equation"]));
    const prose = first.cells.map((id) => String(byId.get(id)!.config.markdown ?? "")).join("\n");
    expect(prose).toMatch(/^# /);
  });

  it("puts every cell on at least one sheet", () => {
    const shown = new Set(doc.sheets.flatMap((s) => s.cells));
    expect(doc.cells.filter((c) => !shown.has(c.id)).map((c) => c.id)).toEqual([]);
  });

  it("ends with an Explore more text linking to the next topic, on the last sheet", () => {
    const last = doc.cells[doc.cells.length - 1]!;
    expect(last.type).toBe("text");
    const md = String(last.config.markdown);
    expect(md).toMatch(/Explore more/i);
    expect(md).toContain(`](#template=${NEXT[name]})`);
    expect(doc.sheets[doc.sheets.length - 1]!.cells).toContain(last.id);
  });

  it("links only to templates that exist (power.json is another engineer's)", () => {
    const md = doc.cells.map((c) => String(c.config.markdown ?? "")).join("\n");
    for (const [, target] of md.matchAll(/\]\(#template=([a-z0-9-]+)\)/g)) {
      if (target !== "power") expect(existsSync(templatePath(target!)), target).toBe(true);
    }
    expect(md).not.toMatch(/\]\((?!#template=|https:\/\/)[^)]*\)/);
  });

  it("shows its sliders on the sheets with charts, and charts on every sheet after the blueprint", () => {
    for (const sheet of doc.sheets.slice(1)) {
      const types = sheet.cells.map((id) => byId.get(id)!.type);
      expect(types, sheet.name).toContain("plot");
      expect(types, sheet.name).toContain("parameter");
    }
  });
});
