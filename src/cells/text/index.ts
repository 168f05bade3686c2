// The text cell: short explanatory prose in a tiny markdown subset, every text node escaped.
import { defineCellType } from "../registry";
import { object, string, type Infer } from "../schema";
import { inputsById } from "../equation";
import type { TextResult } from "./render";

// The renderer (and KaTeX, for inline math) is loaded on first render: import it from "./render" directly.
export type { TextResult, TextOptions } from "./render";

export const textSchema = object({
  /** Markdown subset: paragraphs, #-headings, lists, **bold**, *em*, `code`, $math$, {{cellId.path|2}}, [text](https://…). */
  markdown: string({ maxLength: 20_000 }),
});

export type TextConfig = Infer<typeof textSchema>;

export const text = defineCellType<TextConfig, TextResult>({
  name: "text",
  title: "Text",
  description: "Explanatory prose with inline math and live numbers.",
  config: textSchema,
  defaults: { markdown: "" },
  inputs: { min: 0, max: 20 },
  compute: async (config, inputs) => (await import("./render")).renderText(config.markdown, inputsById(inputs)),
  summary: (value) => ({ errors: value.errors, chars: value.html.length }),
});
