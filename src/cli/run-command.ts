// `workbench run FILE.json [--set ID=VALUE ...] [--format text|json] [--out DIR]`: evaluates every cell
// headless. Exit 0 when all cells are fulfilled, 1 when any is rejected, 2 for a bad file or usage.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Json } from "../cells/registry";
import { WorkbenchError, parseWorkbenchText } from "../engine/document";
import type { Engine } from "../engine/engine";
import { printSweepProgress } from "../cells/sweep/progress";
import { prepareWorkbench, runHeadless, type HeadlessResult } from "../engine/headless";
import { formatOption, parseArgs } from "./args";
import { EXIT, UsageError, type CliIO } from "./io";

/** `ID=VALUE` pairs; VALUE stays text, the cell type parses it (number, true/false, an option). */
function parseSets(sets: readonly string[]): [string, string][] {
  return sets.map((set) => {
    const eq = set.indexOf("=");
    if (eq <= 0) throw new UsageError(`--set expects ID=VALUE, got "${set}"`);
    return [set.slice(0, eq), set.slice(eq + 1)];
  });
}

async function readWorkbench(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (error as Error).message}`);
  }
  try {
    return parseWorkbenchText(text);
  } catch (error) {
    if (error instanceof WorkbenchError) throw new UsageError(`invalid workbench ${file}: ${error.message}`);
    throw error;
  }
}

/** Checks the file, then each --set on its own so the message names the offending one. */
function checkInput(file: string, input: unknown, sets: [string, string][]): void {
  try {
    prepareWorkbench(input);
  } catch (error) {
    if (error instanceof WorkbenchError) throw new UsageError(`invalid workbench ${file}: ${error.message}`);
    throw error;
  }
  for (const set of sets) {
    try {
      prepareWorkbench(input, { values: [set] });
    } catch (error) {
      if (error instanceof WorkbenchError) throw new UsageError(`--set ${set[0]}=${set[1]}: ${error.issues[0]?.message ?? error.message}`);
      throw error;
    }
  }
}

function shortSummary(summary: Json | null): string {
  if (summary === null) return "";
  if (typeof summary === "object" && !Array.isArray(summary) && typeof summary.rows === "number" && Array.isArray(summary.columns)) {
    return `${summary.rows} rows x ${summary.columns.length} columns (${summary.columns.join(", ")})`;
  }
  const text = JSON.stringify(summary);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

function formatText(result: HeadlessResult): string {
  const idWidth = Math.max(2, ...result.cells.map((c) => c.id.length));
  const typeWidth = Math.max(4, ...result.cells.map((c) => c.type.length));
  const lines = result.cells.map((c) => {
    const status = c.status === "fulfilled" ? "ok" : "rejected";
    const detail = c.status === "fulfilled" ? shortSummary(c.summary) : c.error ?? "";
    return `  ${status.padEnd(8)}  ${c.id.padEnd(idWidth)}  ${c.type.padEnd(typeWidth)}  ${detail}`;
  });
  const rejected = result.cells.filter((c) => c.status === "rejected").length;
  const tally = `${result.cells.length - rejected} fulfilled, ${rejected} rejected in ${result.elapsed_ms} ms`;
  return `${result.title}\n${lines.join("\n")}\n${tally}\n`;
}

export interface OutputReport {
  /** File names written, relative to the directory. */
  written: string[];
  /** One line per file that could not be produced (a render failure), e.g. `scatter.svg: bad spec`. */
  failed: string[];
}

/** Writes ID.svg for plot-like cells and ID.csv (ID.NAME.csv) for each table of a fulfilled cell. */
export async function writeOutputs(engine: Engine, dir: string): Promise<OutputReport> {
  const report: OutputReport = { written: [], failed: [] };
  const write = async (file: string, text: string) => {
    try {
      await writeFile(join(dir, file), text);
    } catch (error) {
      throw new UsageError(`--out ${dir}: cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    report.written.push(file);
  };
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(`--out ${dir}: cannot create the directory (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  for (const cell of engine.doc.cells) {
    if (engine.run(cell.id)?.status !== "fulfilled") continue;
    // Rendering belongs to the cell type; a failure there is reported per file, not as a crash.
    let svg: string | null = null;
    let tables: ReturnType<Engine["tables"]> = {};
    try {
      svg = await engine.svg(cell.id);
    } catch (error) {
      report.failed.push(`${cell.id}.svg: ${(error as Error).message}`);
    }
    try {
      tables = engine.tables(cell.id);
    } catch (error) {
      report.failed.push(`${cell.id}.csv: ${(error as Error).message}`);
    }
    if (svg !== null) await write(`${cell.id}.svg`, svg);
    for (const [name, table] of Object.entries(tables)) {
      // Cell ids are already filename-safe; table names come from code, but keep them tame anyway.
      await write(name === "main" ? `${cell.id}.csv` : `${cell.id}.${name.replace(/[^A-Za-z0-9_-]/g, "_")}.csv`, table.toCSV());
    }
  }
  return report;
}

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, { values: ["format", "out"], repeated: ["set"] });
  const format = formatOption(args);
  if (args.positional.length !== 1) throw new UsageError(`expected one workbench file, got ${args.positional.length}`);
  const file = args.positional[0]!;
  const sets = parseSets(args.repeated.get("set") ?? []);
  const input = await readWorkbench(file);
  checkInput(file, input, sets);
  // Sweeps report progress on stderr while they run, so long runs are not silent.
  const stopProgress = printSweepProgress((line) => io.err(line));
  let ran: Awaited<ReturnType<typeof runHeadless>>;
  try {
    ran = await runHeadless(input, { values: sets });
  } finally {
    stopProgress();
  }
  const { result, engine } = ran;
  let report: OutputReport = { written: [], failed: [] };
  try {
    const out = args.values.get("out");
    if (out !== undefined) report = await writeOutputs(engine, out);
    const { written } = report;
    if (format === "json") io.out(`${JSON.stringify(result)}\n`);
    else io.out(formatText(result) + (written.length ? `wrote ${written.length} file${written.length > 1 ? "s" : ""} to ${out}\n` : ""));
    for (const line of report.failed) io.err(`workbench run: --out: ${line}\n`);
  } finally {
    engine.dispose();
  }
  return result.cells.some((c) => c.status === "rejected") || report.failed.length ? EXIT.rejected : EXIT.ok;
}
