// One real process: the launcher, tsx, the engine and the exit status, as a user runs them.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

function workbench(...args: string[]) {
  return spawnSync(process.execPath, ["bin/workbench.mjs", ...args], { cwd: root, encoding: "utf8", timeout: 30_000 });
}

describe("node bin/workbench.mjs run", () => {
  it("node bin/workbench.mjs run test/fixtures/basic.json --format json exits 0 with one JSON object", () => {
    const child = workbench("run", "test/fixtures/basic.json", "--format", "json", "--set", "days=4");
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    const result = JSON.parse(child.stdout);
    expect(result.title).toBe("Sleep study first look");
    expect(result.cells.find((c: { id: string }) => c.id === "days").summary).toBe(4);
  });

  it("node bin/workbench.mjs run test/fixtures/invalid-input.json exits 2 with the reason and no stack", () => {
    const child = workbench("run", "test/fixtures/invalid-input.json");
    expect(child.status).toBe(2);
    expect(child.stdout).toBe("");
    expect(child.stderr).toBe('workbench run: invalid workbench test/fixtures/invalid-input.json: cells[1].inputs[0]: no cell with id "dta" (did you mean "data"?)\n');
  });
});
