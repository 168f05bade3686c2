import { it } from "vitest";
import "../src/cells";
import { chartPresets } from "../src/cells/plot";
import * as fx from "./cells/plot/fixtures";
import { createView } from "../src/cells/plot/render-svg";
it("dbg", async () => {
  const p = chartPresets.get(process.env.P ?? "variance-function");
  const spec = p.build(fx.allTables as never, JSON.parse(process.env.O ?? "{}") as never);
  const { view } = createView(spec, { renderer: "none" });
  await view.runAsync();
  const root = (view.scenegraph() as any).root;
  const top = root.items[0];
  for (const cell of top.items) {
    const g = cell.items?.[0];
    console.log("MARK", cell.role, cell.name, g ? `group x=${g.x} y=${g.y} bounds=${JSON.stringify(g.bounds)}` : "", JSON.stringify(cell.bounds));
    if (g?.items) for (const m of g.items) console.log("   ", m.role, m.name ?? "", JSON.stringify(m.bounds));
  }
  view.finalize();
});
