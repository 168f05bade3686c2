// Entry of every Node worker thread the pool starts: register tsx (the CLI and the tests run the
// TypeScript sources directly, and a worker does not inherit the parent's loader hooks), then load
// the worker entry named in workerData.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
