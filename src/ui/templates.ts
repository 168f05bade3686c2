// The templates shipped with the app, bundled at build time from templates/*.json and checked like
// any file before they are seeded into IndexedDB.
import type { WorkbenchDoc } from "../engine";
import { openWorkbenchValue } from "../storage/open-document";

const modules = import.meta.glob<unknown>("../../templates/*.json", { eager: true, import: "default" });

/** Template name (file name without .json) -> checked document. A broken template is reported, not seeded. */
export function bundledTemplates(): { templates: Record<string, WorkbenchDoc>; problems: string[] } {
  const templates: Record<string, WorkbenchDoc> = {};
  const problems: string[] = [];
  for (const [path, value] of Object.entries(modules)) {
    const name = path.replace(/^.*\//, "").replace(/\.json$/, "");
    const opened = openWorkbenchValue(value);
    if (opened.ok) templates[name] = opened.doc;
    else problems.push(`template ${name}: ${opened.message}`);
  }
  return { templates, problems };
}

/** Gallery order: the teaching sequence, by each template's declared order, then by name. */
export const TEMPLATE_ORDER = ["simpsons-paradox", "pooling", "mixed-model", "random-slopes", "glmm", "power"];
