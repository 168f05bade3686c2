// Public surface of the engine for the UI, storage and CLI layers.
export * from "./document";
export { createEngine, type Engine, type EngineListener, type EngineOptions } from "./engine";
export { runHeadless, prepareWorkbench, type HeadlessCell, type HeadlessOptions, type HeadlessResult } from "./headless";
export { createCellRun, transition, blockedMessage, ms, type CellRun, type CellStatus, type Milliseconds, type RunEvent } from "./run/cell-run";
export { createRuntime, refuseGlobal } from "./runtime/create-runtime";
export { variableName } from "./runtime-adapter";
