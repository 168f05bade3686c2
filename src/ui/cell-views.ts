// The UI's registry of cell views, apart from the engine's registry of cell types so the engine and
// the CLI never load Solid. A type without a view of its own gets the generic summary view.
import type { Component } from "solid-js";
import type { CellDoc, CellRun } from "../engine";
import type { Session } from "./session/session";

export interface CellViewProps {
  cell: CellDoc;
  run: CellRun;
  session: Session;
}

const views = new Map<string, Component<CellViewProps>>();

export function registerCellView(type: string, view: Component<CellViewProps>, options: { override?: boolean } = {}): void {
  if (views.has(type) && !options.override) throw new Error(`a view for "${type}" is already registered; pass override: true to replace it`);
  views.set(type, view);
}

export function hasCellView(type: string): boolean {
  return views.has(type);
}

export function getCellView(type: string): Component<CellViewProps> | undefined {
  return views.get(type);
}
