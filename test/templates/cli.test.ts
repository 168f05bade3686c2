// One real process per template: `node bin/workbench.mjs run templates/X.json --format json` exits 0
// with every cell fulfilled.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { root, TEMPLATES } from "./helpers";

function workbench(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/workbench.mjs", ...args], { cwd: root });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 110_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe("node bin/workbench.mjs run templates/*.json --format json", () => {
  it.each(TEMPLATES)("templates/%s.json exits 0 with every cell fulfilled", async (name) => {
    const child = await workbench("run", `templates/${name}.json`, "--format", "json");
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    const result = JSON.parse(child.stdout) as { cells: { id: string; status: string; error: string | null }[] };
    expect(result.cells.filter((c) => c.status !== "fulfilled").map((c) => `${c.id}: ${c.error}`)).toEqual([]);
  }, 120_000);
});
