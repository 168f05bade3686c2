// Every plot cell of every template draws: a non-empty SVG with its title, fed by the datasets
// (and so the marks) that docs/charts.md names for its preset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTemplate, runTemplate, TEMPLATES, type Run } from "./helpers";

/** Datasets that must have rows for each preset's marks to appear (docs/charts.md, "datasets"). */
const MARK_DATASETS: Record<string, string[]> = {
  data: ["data_points", "data_group_lines", "data_counts"],
  "slope-estimates": ["slope_rows", "slope_points", "slope_refs"],
  "pooling-weights": ["pw_groups", "pw_curve"],
  "model-comparison": ["mc_rows"],
  "complete-pooling": ["cp_points", "cp_line"],
  "no-pooling": ["trellis"],
  "fit-lines": ["trellis"],
  "shrinkage-map": ["shrink_points", "shrink_arrows", "shrink_centres"],
  spaghetti: ["spag_lines", "spag_population"],
  "random-effects-scatter": ["re_points", "re_ellipse", "re_truth"],
  caterpillar: ["caterpillar"],
  "variance-components": ["vc_parts"],
  "variance-function": ["vf_between", "vf_residual"],
  "coefficient-summary": ["coef_rows"],
  sandbox: ["data_points", "shrink_points", "shrink_arrows", "spag_lines"],
};

const unescape = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, "&");

describe.each(TEMPLATES)("templates/%s.json charts", (name) => {
  const doc = loadTemplate(name);
  const plots = doc.cells.filter((c) => c.type === "plot");
  let run: Run;
  beforeAll(async () => {
    run = await runTemplate(doc);
  });
  afterAll(() => run?.engine.dispose());

  it("has charts", () => {
    expect(plots.length).toBeGreaterThan(0);
  });

  it.each(plots.map((p) => [p.id, p] as const))("%s renders to SVG with its title and marks", async (id, cell) => {
    const preset = String(cell.config.preset);
    const value = run.value<{ datasets: Record<string, unknown[]>; warnings: string[] }>(id);
    expect(value.warnings).toEqual([]);
    for (const ds of MARK_DATASETS[preset] ?? []) {
      expect(value.datasets[ds]?.length ?? 0, `${id}: dataset ${ds}`).toBeGreaterThan(0);
    }
    const svg = await run.engine.svg(id);
    expect(svg).toBeTruthy();
    expect(svg!).toMatch(/^<svg[\s>]/);
    expect(svg!.length).toBeGreaterThan(1000);
    const title = (cell.config.options as { title?: string } | undefined)?.title;
    expect(title, `${id} has a title`).toBeTruthy();
    expect(unescape(svg!)).toContain(title!);
    // Something is drawn: paths (lines, areas, symbols) or rects (bars).
    expect((svg!.match(/<path|<rect|<line/g) ?? []).length).toBeGreaterThan(5);
  });
});
