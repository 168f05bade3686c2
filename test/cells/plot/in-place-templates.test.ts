// The product path of in-place chart updates: in every bundled teaching template, moving any slider to
// its minimum or maximum (or picking any option of a select) must leave every plot cell's spec the same
// once `datasets` is removed, so the live view (src/cells/plot/view.tsx) only swaps rows instead of
// rebuilding the Vega view.
import { describe, expect, it } from "vitest";
import { TEMPLATES, loadTemplate, parameters, runTemplate } from "../../templates/helpers";

const structureKey = (value: unknown): string => {
  const { datasets: _d, ...rest } = (value as { spec: Record<string, unknown> }).spec;
  return JSON.stringify(rest);
};

describe.each(TEMPLATES)("templates/%s.json: every control is a data update for every chart", (name) => {
  const doc = loadTemplate(name);
  const plots = doc.cells.filter((c) => c.type === "plot").map((c) => c.id);
  const moves = parameters(doc).flatMap((p) =>
    (p.options ? p.options : [p.min, p.max]).filter((v) => v !== undefined && v !== p.value).map((v) => [`${p.id}=${String(v)}`, p.id, v] as const),
  );

  it("moving each control keeps every plot spec (without datasets)", async () => {
    const base = await runTemplate(doc);
    const before = Object.fromEntries(plots.map((id) => [id, structureKey(base.value(id))]));
    base.engine.dispose();
    const rebuilt: string[] = [];
    for (const [label, id, v] of moves) {
      const run = await runTemplate(doc, [[id, v]]);
      try {
        for (const plot of plots) if (structureKey(run.value(plot)) !== before[plot]) rebuilt.push(`${label}: ${plot}`);
      } finally {
        run.engine.dispose();
      }
    }
    expect(rebuilt).toEqual([]);
  }, 120_000);
});
