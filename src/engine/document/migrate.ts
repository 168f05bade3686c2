// Migrations: a file saved by any earlier version opens in this one. Each step turns version n into
// n + 1 and is kept forever; `migrate` runs the steps in order.
import { CURRENT_VERSION, FORMAT } from "./types";
import { WorkbenchError } from "./issues";

export type RawDoc = Record<string, unknown>;
/** Turns a document of version n (the key) into version n + 1. */
export type Migration = (doc: RawDoc) => RawDoc;

/** The app's migrations. Version 1 is the first, so none yet; v1 -> v2 goes under key 1. */
export const migrations: Readonly<Record<number, Migration>> = {};

export interface MigrateOptions {
  migrations?: Readonly<Record<number, Migration>>;
  current?: number;
}

/** Brings a parsed document to the current version, or throws saying why it cannot. */
export function migrate(input: unknown, options: MigrateOptions = {}): RawDoc {
  const steps = options.migrations ?? migrations;
  const current = options.current ?? CURRENT_VERSION;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new WorkbenchError([{ path: "", message: "a workbench file must be a JSON object" }]);
  }
  let doc = input as RawDoc;
  if (doc.format !== FORMAT) {
    throw new WorkbenchError([{ path: "format", message: `expected "${FORMAT}", got ${JSON.stringify(doc.format) ?? "nothing"}` }]);
  }
  let version = doc.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new WorkbenchError([{ path: "version", message: `expected a positive integer, got ${JSON.stringify(version) ?? "nothing"}` }]);
  }
  if (version > current) {
    throw new WorkbenchError([{ path: "version", message: `version ${version} is newer than this app reads (${current}); update the app` }]);
  }
  while (version < current) {
    const step = steps[version];
    if (!step) throw new WorkbenchError([{ path: "version", message: `no migration from version ${version}` }]);
    doc = { ...step(doc), version: version + 1 };
    version += 1;
  }
  return doc;
}
