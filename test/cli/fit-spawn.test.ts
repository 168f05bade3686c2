import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const run = (...args: string[]) => spawnSync(process.execPath, ["bin/workbench.mjs", "fit", ...args], { encoding: "utf8" });

describe("node bin/workbench.mjs fit (a real process)", () => {
  it("fits sleepstudy and exits 0", () => {
    const r = run("--data", "reference/data/sleepstudy.csv", "--formula", "Reaction ~ Days + (Days | Subject)", "--format", "json");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).fixef[0].term).toBe("(Intercept)");
  });

  it("exits 2 on a bad formula, pointing at the place, with no stack trace", () => {
    const r = run("--data", "reference/data/sleepstudy.csv", "--formula", "Reaction ~ Days +");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("workbench fit: column 18: formula ends where a term was expected\n  Reaction ~ Days +\n                   ^\n");
  });
});
