// An open workbench: toolbar, sheet tabs, and the current sheet's cells as cards (its parameters in a rail beside the rest).
import { For, Show, createEffect, createMemo, createSignal, type JSX } from "solid-js";
import type { CellDoc } from "../../engine";
import type { Session } from "../session/session";
import { AddCellForm } from "./AddCellForm";
import { CellCard } from "./CellCard";
import { GraphView } from "./GraphView";
import { SheetTabs } from "./SheetTabs";

export interface WorkbenchViewProps {
  session: Session;
  sheet: number;
  onSheet: (index: number) => void;
  toolbar: JSX.Element;
}

export function WorkbenchView(props: WorkbenchViewProps): JSX.Element {
  const doc = () => props.session.doc();
  const [selected, setSelected] = createSignal<string | null>(null);
  const [graphOpen, setGraphOpen] = createSignal(false);
  const sheetNames = createMemo(() => doc().sheets.map((s) => s.name));
  const byId = createMemo(() => new Map(doc().cells.map((c): [string, CellDoc] => [c.id, c])));
  // Iterate over ids, not cell objects: an edit replaces the cell object, and keying on it would
  // remount the card (a slider would lose its drag).
  const ids = createMemo(
    () => {
      const sheet = doc().sheets[props.sheet];
      return (sheet ? sheet.cells : doc().cells.map((c) => c.id)).filter((id) => byId().has(id));
    },
    undefined,
    { equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]) },
  );

  // Cells on other sheets compute after the open sheet has been drawn.
  createEffect(() => props.session.setFocus(ids()));

  // The sheet's parameters sit in a rail beside its other cells, and stay in view while the page
  // scrolls (styles.css), so a slider can be dragged with the chart it moves on screen.
  const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
  const isControl = (id: string): boolean => byId().get(id)?.type === "parameter";
  const controls = createMemo(() => ids().filter(isControl), undefined, { equals: sameIds });
  const content = createMemo(() => ids().filter((id) => !isControl(id)), undefined, { equals: sameIds });
  const card = (id: string): JSX.Element => (
    <Show when={byId().get(id)}>
      {(cell) => <CellCard cell={cell()} session={props.session} selected={selected() === id} onSelect={setSelected} onShowCell={showCell} />}
    </Show>
  );

  /** Alt+ArrowDown / Alt+ArrowUp: focus the next or previous cell card on the sheet. */
  function focusNeighbour(step: 1 | -1): void {
    const cards = [...document.querySelectorAll<HTMLElement>(".sheet [data-cell-id]")];
    const current = cards.findIndex((card) => card.contains(document.activeElement));
    const next = cards[current < 0 ? 0 : Math.min(cards.length - 1, Math.max(0, current + step))];
    next?.focus();
  }

  function showCell(id: string): void {
    const index = doc().sheets.findIndex((s) => s.cells.includes(id));
    if (index >= 0 && index !== props.sheet) props.onSheet(index);
    setSelected(id);
    queueMicrotask(() => document.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(id)}"]`)?.focus());
  }

  return (
    <div
      class="workbench"
      onKeyDown={(e) => {
        if (e.altKey && e.key.toLowerCase() === "g") {
          e.preventDefault();
          setGraphOpen(!graphOpen());
        } else if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
          e.preventDefault();
          focusNeighbour(e.key === "ArrowDown" ? 1 : -1);
        }
      }}
    >
      <div class="workbench-bar">
        <h2 class="workbench-title">{doc().title}</h2>
        {props.toolbar}
        <button type="button" aria-pressed={graphOpen()} aria-keyshortcuts="Alt+G" data-testid="graph-toggle" onClick={() => setGraphOpen(!graphOpen())}>
          {graphOpen() ? "Hide graph" : "Graph"}
        </button>
      </div>
      <Show when={graphOpen()}>
        <GraphView session={props.session} onOpenCell={showCell} />
      </Show>
      <Show when={sheetNames().length > 1}>
        <SheetTabs names={sheetNames()} current={props.sheet} onSelect={props.onSheet} />
      </Show>
      <p class="keyboard-hint">Keyboard: Alt+↓/↑ moves between cells, Alt+G shows the dependency graph, Ctrl+Z / Ctrl+Shift+Z undo and redo.</p>
      <div class="sheet" classList={{ "with-controls": controls().length > 0 }} role="tabpanel" aria-label={sheetNames()[props.sheet] ?? "cells"}>
        <Show when={controls().length > 0}>
          <section class="sheet-controls" aria-label="Controls">
            <For each={controls()}>{card}</For>
          </section>
        </Show>
        <div class="sheet-main">
          <For each={content()}>{card}</For>
          <AddCellForm session={props.session} sheet={props.sheet} />
        </div>
      </div>
    </div>
  );
}
