// A "kitchen sink" workbench using every built-in cell type, so mutations reach every config schema.

export function kitchenSink(): Record<string, unknown> {
  return {
    format: "pooling-workbench",
    version: 1,
    title: "Kitchen sink",
    description: "Every cell type, small.",
    cells: [
      { id: "groups", type: "parameter", name: "Groups", config: { control: "slider", label: "groups", min: 2, max: 20, step: 1, value: 6 }, inputs: [] },
      { id: "fam", type: "parameter", config: { control: "select", options: ["gaussian", "binomial"], value: "gaussian" }, inputs: [] },
      { id: "flag", type: "parameter", config: { control: "toggle", value: true }, inputs: [] },
      { id: "sim", type: "generator", config: { seed: 7, groups: 6, groupSize: 8, bind: { groups: "groups" } }, inputs: ["groups"] },
      { id: "sleep", type: "dataset", config: { source: { builtin: "sleepstudy" } }, inputs: [] },
      { id: "tiny", type: "dataset", config: { source: { csv: "g,x,y\na,1,2.5\na,2,3.1\nb,1,1.9\nb,2,NA\nc,3,4\n" } }, inputs: [] },
      {
        id: "xy", type: "transform",
        config: { steps: [{ filter: "d => d.Days >= 2" }, { derive: { z: "d => d.Reaction / 100" } }, { rename: { Subject: "group", Days: "x", Reaction: "y" } }] },
        inputs: ["sleep"],
      },
      { id: "rows", type: "table", config: { maxRows: 3 }, inputs: ["xy"] },
      { id: "fit", type: "model", config: { method: "lmer", formula: "y ~ x + (1 | group)" }, inputs: ["xy"] },
      { id: "scatter", type: "plot", config: { preset: "data", tables: { data: "xy" } }, inputs: ["xy"] },
      {
        id: "custom", type: "plot",
        config: { spec: { mark: "point", encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } }, data: { name: "data" } }, tables: { data: "xy" } },
        inputs: ["xy"],
      },
      { id: "eq", type: "equation", config: { tex: "\\hat\\beta_1 = {{fit.fixef.x|2}}", display: true }, inputs: ["fit"] },
      { id: "prose", type: "text", config: { markdown: "# Notes\n\nThe slope is **{{fit.fixef.x|2}}** and $x^2$. See [docs](https://example.org)." }, inputs: ["fit"] },
    ],
    sheets: [
      { name: "Controls", cells: ["groups", "fam", "flag"] },
      { name: "Data", cells: ["sim", "sleep", "tiny", "xy", "rows"] },
      { name: "Model", cells: ["fit", "scatter", "custom", "eq", "prose"] },
    ],
    layout: { cells: { fit: { x: 10, y: 20, width: 300, height: 200, collapsed: false } } },
  };
}
