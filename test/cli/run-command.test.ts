import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import type { CliIO } from "../../src/cli/io";

const fixture = (name: string) => join(import.meta.dirname, "..", "fixtures", name);

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await main(["run", ...argv], io);
  return { code, out, err };
}

describe("workbench run", () => {
  it("run(basic.json) prints every cell with its status and summary, exit 0", async () => {
    const { code, out, err } = await run(fixture("basic.json"));
    expect(err).toBe("");
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0]).toBe("Sleep study first look");
    expect(lines.slice(1, 6).map((l) => l.trim().split(/\s+/).slice(0, 3).join(" "))).toEqual([
      "ok days parameter",
      "ok pooling parameter",
      "ok reml parameter",
      "ok sleep dataset",
      "ok preview table",
    ]);
    expect(out).toContain("180 rows x 3 columns (Reaction, Days, Subject)");
    expect(lines[6]).toMatch(/^5 fulfilled, 0 rejected in \d+ ms$/);
  });

  it("run(file, --format json) prints exactly one JSON object of the documented shape", async () => {
    const { code, out } = await run(fixture("basic.json"), "--format", "json");
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(Object.keys(result)).toEqual(["title", "cells", "elapsed_ms"]);
    expect(typeof result.elapsed_ms).toBe("number");
    for (const cell of result.cells) expect(Object.keys(cell)).toEqual(["id", "type", "status", "error", "summary"]);
    expect(result.cells[0]).toEqual({ id: "days", type: "parameter", status: "fulfilled", error: null, summary: 3 });
    expect(result.cells[4].summary.head).toHaveLength(3);
  });

  it("run(file, --set days=7 --set reml=false --set pooling=none) changes the results", async () => {
    const { code, out } = await run(fixture("basic.json"), "--set", "days=7", "--set=reml=false", "--set", "pooling=none", "--format=json");
    expect(code).toBe(0);
    const summaries = Object.fromEntries(JSON.parse(out).cells.map((c: { id: string; summary: unknown }) => [c.id, c.summary]));
    expect(summaries).toMatchObject({ days: 7, reml: false, pooling: "none" });
  });

  it("run(broken-cell.json) exits 1; the failing cell has its error, its reader is blocked, the rest is fine", async () => {
    const { code, out } = await run(fixture("broken-cell.json"), "--format", "json");
    expect(code).toBe(1);
    const cells = JSON.parse(out).cells;
    expect(cells.map((c: { status: string }) => c.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled", "fulfilled"]);
    expect(cells[1].error).toBe('input "n" (parameter) is not a table');
    expect(cells[2].error).toBe("blocked by wrong");
    const text = await run(fixture("broken-cell.json"));
    expect(text.out).toMatch(/rejected\s+after\s+table\s+blocked by wrong/);
  });

  it.each([
    [["invalid-input.json"], 'invalid workbench FIXTURE: cells[1].inputs[0]: no cell with id "dta" (did you mean "data"?)'],
    [["cycle.json"], "invalid workbench FIXTURE: cells: cycle: a -> b -> c -> a"],
    [["basic.json", "--set", "dayz=1"], '--set dayz=1: no cell with id "dayz"'],
    [["basic.json", "--set", "days=99"], "--set days=99: 99 is outside the range [0, 9]"],
    [["basic.json", "--set", "days=many"], '--set days=many: a slider needs a number, got "many"'],
    [["basic.json", "--set", "sleep=cbpp"], '--set sleep=cbpp: "sleep" is a dataset cell, which takes no value'],
    [["basic.json", "--set", "days"], '--set expects ID=VALUE, got "days"'],
    [["basic.json", "--format", "yaml"], '--format must be text or json, not "yaml"'],
    [["basic.json", "--colour"], "unknown option --colour"],
    [["missing.json"], "cannot read FIXTURE: no such file"],
    [[], "expected one workbench file, got 0"],
  ])("run(%j) exits 2 with one line on stderr", async (args, message) => {
    const argv = args.map((a, i) => (i === 0 && a.endsWith(".json") ? fixture(a) : a));
    const { code, out, err } = await run(...argv);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe(`workbench run: ${message.replace("FIXTURE", argv[0]!)}\n`);
  });

  it("run(file, --out FILE) exits 2 when the directory cannot be made", async () => {
    const { code, err } = await run(fixture("basic.json"), "--out", fixture("basic.json"));
    expect(code).toBe(2);
    expect(err).toMatch(/^workbench run: --out .*basic\.json: cannot create the directory \((EEXIST|ENOTDIR)\)\n$/);
  });

  it("run(file, --out DIR) writes ID.csv for each table-valued cell", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wb-out-"));
    try {
      const { code, out } = await run(fixture("basic.json"), "--out", join(dir, "nested"));
      expect(code).toBe(0);
      expect(out).toContain("wrote 2 files to");
      expect((await readdir(join(dir, "nested"))).sort()).toEqual(["preview.csv", "sleep.csv"]);
      const csv = (await readFile(join(dir, "nested", "sleep.csv"), "utf8")).split("\n");
      expect(csv[0]).toBe("Reaction,Days,Subject");
      expect(csv[1]).toBe("249.56,0,308");
      expect(csv.filter((l) => l !== "")).toHaveLength(181);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
