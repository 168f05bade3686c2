import type { WorkbenchDoc } from "../../src/engine/document";

/** A small valid workbench: two parameters on one sheet. */
export function twoParameterDoc(title = "Two sliders"): WorkbenchDoc {
  return {
    format: "pooling-workbench",
    version: 1,
    title,
    description: "",
    cells: [
      { id: "n", type: "parameter", name: "Groups", config: { control: "slider", label: "groups", min: 2, max: 50, step: 1, value: 8 }, inputs: [] },
      { id: "sd", type: "parameter", config: { control: "number", label: "sd", min: 0, max: 10, value: 1.5 }, inputs: [] },
    ],
    sheets: [{ name: "Main", cells: ["n", "sd"] }],
    layout: {},
  };
}
