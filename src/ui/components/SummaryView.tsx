import { createMemo, type JSX } from "solid-js";
import type { CellViewProps } from "../cell-views";

/** Fallback output: the cell type's JSON summary, as text (never as HTML). */
export function SummaryView(props: CellViewProps): JSX.Element {
  const text = createMemo((previous: string) => {
    if (props.run.status === "pending") return previous; // the last summary stays while a new run computes
    if (props.run.status !== "fulfilled") return "";
    try {
      return JSON.stringify(props.session.engine().summary(props.cell.id), null, 2) ?? "";
    } catch (error) {
      return `(no summary: ${(error as Error).message})`;
    }
  }, "");
  return <pre class="summary-view">{text()}</pre>;
}
