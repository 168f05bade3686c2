import { For, type JSX } from "solid-js";

/** Sheets as tabs (WAI-ARIA tablist); arrow keys move between them. */
export function SheetTabs(props: { names: readonly string[]; current: number; onSelect: (index: number) => void }): JSX.Element {
  function onKeyDown(event: KeyboardEvent): void {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (props.current + step + props.names.length) % props.names.length;
    props.onSelect(next);
    (event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>("[role=tab]")[next]?.focus();
  }
  return (
    <nav class="sheet-tabs" role="tablist" aria-label="Sheets" onKeyDown={onKeyDown}>
      <For each={props.names}>
        {(name, i) => (
          <button
            type="button"
            role="tab"
            class="sheet-tab"
            aria-selected={i() === props.current}
            tabIndex={i() === props.current ? 0 : -1}
            onClick={() => props.onSelect(i())}
          >
            {name}
          </button>
        )}
      </For>
    </nav>
  );
}
