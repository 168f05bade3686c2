import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";

const sleepstudy = "reference/data/sleepstudy.csv";
const cbpp = "reference/data/cbpp.csv";

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(["fit", ...argv], { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe("workbench fit", () => {
  it("--format json prints lme4's reference layout with nobs, converged, messages and fit_ms", async () => {
    const { code, out, err } = await run("--data", sleepstudy, "--formula", "Reaction ~ Days + (Days | Subject)", "--factors", "Subject", "--format", "json", "--repeat", "2");
    expect(err).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    for (const key of ["fixef", "varcorr", "theta", "sigma", "logLik", "AIC", "BIC", "deviance", "REMLcrit", "singular", "ranef", "nobs", "converged", "messages", "fit_ms"])
      expect(json).toHaveProperty(key);
    expect(json.fixef[1].term).toBe("Days");
    expect(json.fixef[1].estimate).toBeCloseTo(10.467286, 4);
    expect(json.logLik).toBeCloseTo(-871.814136, 2);
    expect(json.ranef[0].levels[0]).toBe("308");
    expect(json.nobs).toBe(180);
    expect(json.fit_ms).toBeGreaterThan(0);
  });

  it("--ml fits by maximum likelihood", async () => {
    const { out } = await run("--data", sleepstudy, "--formula", "Reaction ~ Days + (Days | Subject)", "--ml", "--format", "json");
    const json = JSON.parse(out);
    expect(json.REML).toBe(false);
    expect(json.deviance).toBeCloseTo(1751.939, 2);
  });

  it("--family binomial fits a GLMM like glmer, with --nagq", async () => {
    const formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)";
    const laplace = JSON.parse((await run("--data", cbpp, "--formula", formula, "--factors", "herd,period", "--family", "binomial", "--format", "json")).out);
    expect(laplace.model).toBe("glmm");
    expect(laplace.fixef.map((b: { term: string }) => b.term)).toEqual(["(Intercept)", "period2", "period3", "period4"]);
    expect(laplace.logLik).toBeCloseTo(-92.02657, 3);
    const agq = await run("--data", cbpp, "--formula", formula, "--family", "binomial", "--nagq", "25");
    expect(agq.code).toBe(0);
    expect(agq.out).toContain("Adaptive Gauss-Hermite Quadrature, nAGQ = 25");
  });

  it("--family poisson without random terms fits a GLM", async () => {
    const { code, out } = await run("--data", cbpp, "--formula", "incidence ~ period + offset(log(size))", "--factors", "period", "--family", "poisson");
    expect(code).toBe(0);
    expect(out).toContain("Generalized linear model fit by maximum likelihood");
    // R: glm(incidence ~ period + offset(log(size)), poisson): period2 -1.006626 (SE 0.2742571), logLik -94.6127.
    expect(out).toMatch(/period2\s+-1\.0066\s+0\.2743\s+-3\.67\s+0\.000242/);
    expect(out).toMatch(/-94\.6/);
  });

  it("fits least squares when the formula has no random terms", async () => {
    const { code, out } = await run("--data", sleepstudy, "--formula", "Reaction ~ Days");
    expect(code).toBe(0);
    expect(out).toContain("Linear model fit by least squares");
    expect(out).toMatch(/Days\s+10\.4673\s+1\.2382\s+8\.45/);
  });

  it("reports dropped rows in messages", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fit-"));
    const file = join(dir, "na.csv");
    writeFileSync(file, '"y","x","g"\n1,1,"a"\n2,NA,"a"\n3,3,"b"\n4,4,"b"\n5,5,"c"\nNA,6,"c"\n2,7,"a"\n');
    const { code, out } = await run("--data", file, "--formula", "y ~ x", "--format", "json");
    expect(code).toBe(0);
    expect(JSON.parse(out).messages).toEqual(["dropped 2 of 7 rows with missing values (y: 1, x: 1)"]);
  });
});

describe("workbench fit with bad input: one message on stderr, exit 2", () => {
  it.each([
    [["--formula", "y ~ x"], "workbench fit: missing --data FILE.csv\n"],
    [["--data", sleepstudy], 'workbench fit: missing --formula "y ~ x + (1 | g)"\n'],
    [["--data", "no/such.csv", "--formula", "y ~ x"], "workbench fit: cannot read no/such.csv: ENOENT\n"],
    [["--data", cbpp, "--formula", "cbind(incidence, size - incidence) ~ period + (1 | herd)", "--family", "binomial", "--ml"], "workbench fit: --ml applies to gaussian models only (GLMMs are always fitted by maximum likelihood)\n"],
    [["--data", cbpp, "--formula", "cbind(incidence, size - incidence) ~ period + (1 | herd)", "--family", "binomial", "--nagq", "-1"], 'workbench fit: --nagq must be a whole number of at least 0, not "-1"\n'],
    [["--data", sleepstudy, "--formula", "Reaction ~ Days + (1 | Subject)", "--family", "poisson"], "workbench fit: poisson: the response must be a whole-number count; it is 249.56 in row 1\n"],
    [["--data", sleepstudy, "--formula", "Reaction ~ Days", "--family", "gamma"], 'workbench fit: --family must be one of gaussian, binomial, poisson, not "gamma"\n'],
    [["--data", sleepstudy, "--formula", "Reaction ~ Days", "--nagq", "5"], "workbench fit: --nagq applies to binomial and poisson models only\n"],
    [["--data", sleepstudy, "--formula", "Reaction ~ Days", "--repeat", "0"], 'workbench fit: --repeat must be a whole number of at least 1, not "0"\n'],
    [["--data", sleepstudy, "--formula", "Reaction ~ Days", "--bogus"], "workbench fit: unknown option --bogus\n"],
    [["--data", sleepstudy, "--formula", "Reaction ~ Dayz + (1 | Subject)"], 'workbench fit: column 12: unknown column "Dayz"; the data has Reaction, Days, Subject\n  Reaction ~ Dayz + (1 | Subject)\n             ^\n'],
    [["--data", sleepstudy, "--formula", "Reaction ~ Days + (1 | Subject"], 'workbench fit: column 31: expected ")" to close the "(" at column 19, found end of formula\n  Reaction ~ Days + (1 | Subject\n                                ^\n'],
  ])("%j", async (argv, message) => {
    const { code, err, out } = await run(...argv);
    expect(err).toBe(message);
    expect(out).toBe("");
    expect(code).toBe(2);
  });
});
