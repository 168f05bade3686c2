// The text cell: short explanatory prose in a tiny markdown subset, every text node escaped.
import { defineCellType } from "../registry";
import { object, string, type Infer } from "../schema";
import { inputsById } from "../equation";
import { renderText, type TextResult } from "./render";

export { renderText, safeLink } from "./render";
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
  compute: (config, inputs) => renderText(config.markdown, inputsById(inputs)),
  summary: (value) => ({ errors: value.errors, chars: value.html.length }),
});
