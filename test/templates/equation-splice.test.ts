// Every live equation of the templates (equation cells and $math$ in text cells) is rendered by
// splicing its numbers into KaTeX's remembered output once its shape has been seen: a slider move
// then runs no KaTeX. A shape that could not be spliced would fall back to KaTeX on every move.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { equationRenderCounts, renderEquation } from "../../src/cells/equation/render";
import { renderText } from "../../src/cells/text/render";
import { loadTemplate, runTemplate, TEMPLATES, type Run } from "./helpers";

const liveCells = (name: string) =>
  loadTemplate(name).cells.filter((c) => (c.type === "equation" || c.type === "text") && JSON.stringify(c.config).includes("{{"));

describe.each([...TEMPLATES, "power"].filter((name) => liveCells(name).length > 0))("templates/%s.json equations", (name) => {
  const doc = loadTemplate(name);
  const live = liveCells(name);
  let run: Run;
  beforeAll(async () => {
    run = await runTemplate(doc);
  });
  afterAll(() => run?.engine.dispose());

  it.each(live.map((c) => [c.id, c] as [string, (typeof live)[number]]))("%s: a second render splices", (_id, cell) => {
    const inputs = Object.fromEntries(cell.inputs.map((id) => [id, run.value(id)]));
    const render = () =>
      cell.type === "equation"
        ? renderEquation(String(cell.config.tex), inputs, { displayMode: (cell.config.display as boolean | undefined) ?? true })
        : renderText(String(cell.config.markdown), inputs);
    const first = render();
    expect(first.errors).toEqual([]);
    const before = equationRenderCounts();
    const second = render();
    const after = equationRenderCounts();
    expect(second.html).toBe(first.html);
    expect(after.rendered - before.rendered).toBe(0);
  });
});
