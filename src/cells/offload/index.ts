// Moving a cell's heavy work (simulating, transforming, fitting) to a Web Worker in the browser;
// shared by the generator, transform and model cells.
export { WORKER_ROWS, canUseWorkers, shouldOffload } from "./policy";
export { runInWorker } from "./run";
export { buffersOf } from "./transfer";
export { decodeRemembered, decodeStrings, encodeStrings, isCoded, knownCodes, type CodedColumn } from "./coded";
