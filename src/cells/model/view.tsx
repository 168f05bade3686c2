// The model cell in the browser: the R call to copy, notes (singular fit, dropped rows), the
// lme4-style summary, and the fit's tables with CSV downloads.
import { For, Show, createSignal, type JSX } from "solid-js";
import type { CellViewProps } from "../../ui/cell-views";
import { TablesOutput } from "../../ui/components/TablesOutput";
import type { ModelValue } from "./index";

export function ModelView(props: CellViewProps): JSX.Element {
  // The last fit stays (dimmed) while a new one computes, so a slider move does not rebuild the view.
  const value = () => (props.run.status === "rejected" ? null : ((props.run.value as ModelValue | undefined) ?? null));
  const [showTables, setShowTables] = createSignal(false);
  return (
    <Show when={value()}>
      {(v) => (
        <div class="model-view">
          <div class="r-call">
            <code>{v().rCall}</code>
            <button type="button" aria-label="Copy the R call" onClick={() => void navigator.clipboard?.writeText(v().rCall).catch(() => undefined)}>
              Copy
            </button>
          </div>
          <Show when={v().messages.length > 0}>
            <ul class="model-messages">
              <For each={v().messages}>{(message) => <li>{message}</li>}</For>
            </ul>
          </Show>
          <Show when={v().summaryText}>
            <pre class="model-summary">{v().summaryText}</pre>
          </Show>
          <button type="button" aria-expanded={showTables()} onClick={() => setShowTables(!showTables())}>
            {showTables() ? "Hide tables" : "Show tables"}
          </button>
          <Show when={showTables()}>
            <TablesOutput {...props} />
          </Show>
        </div>
      )}
    </Show>
  );
}
