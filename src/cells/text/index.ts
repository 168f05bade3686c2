// The text cell: short explanatory prose in a tiny markdown subset, every text node escaped.
import { loadOnce } from "../load-once";
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

// KaTeX (and the markdown renderer) load on first use.
const loadRender = loadOnce(() => import("./render"));

export const text = defineCellType<TextConfig, TextResult>({
  name: "text",
  title: "Text",
  description: "Explanatory prose with inline math and live numbers.",
  config: textSchema,
  defaults: { markdown: "" },
  inputs: { min: 0, max: 20 },
  compute: async (config, inputs) => {
    const render = loadRender();
    return (render instanceof Promise ? await render : render).renderText(config.markdown, inputsById(inputs));
  },
  summary: (value) => ({ errors: value.errors, chars: value.html.length }),
});
