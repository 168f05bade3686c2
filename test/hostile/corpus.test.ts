// The hostile corpus (e2e/hostile/*.json, expectations in cases.json) at unit level: each file is opened
// as a file and as a share link; refused files give the expected reason; accepted files run headless
// and every rendered HTML fragment, chart spec and SVG is free of script, event handlers, foreign links
// and URLs. Nothing pollutes prototypes or sets globals.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { runHeadless } from "../../src/engine";
import { openWorkbenchText } from "../../src/storage/open-document";
import { openShareFragment } from "../../src/storage/share-link";
import { expectNoPollution, ROOT, withTimeout } from "../fuzz/helpers";
import { dangerInHtml, dangerInSpec, dangerInSvg, KNOWN } from "./danger";

type Expectation = { open: false; notice: string } | { open: true | "either"; title?: string; cells: Record<string, string> };
const dir = join(ROOT, "e2e/hostile");
const cases = JSON.parse(readFileSync(join(dir, "cases.json"), "utf8")) as Record<string, Expectation>;
const lines: string[] = [];
afterAll(() => console.log(`[hostile] corpus: ${Object.keys(cases).length} files\n  ${lines.join("\n  ")}`));

describe("hostile corpus (unit level)", () => {
  for (const [name, want] of Object.entries(cases)) {
    it(name, async () => {
      const text = readFileSync(join(dir, name), "utf8");
      const opened = openWorkbenchText(text);
      const link = await openShareFragment(`#share=${deflateRawSync(Buffer.from(text)).toString("base64url")}`);
      expectNoPollution();
      if (text.length < 60_000) expect(link, `${name}: a link opens exactly like the file`).toEqual(opened);
      if (want.open === false) {
        expect(opened.ok, name).toBe(false);
        if (!opened.ok) expect(opened.message, name).toMatch(new RegExp(want.notice));
        lines.push(`${name}: refused (${opened.ok ? "" : opened.message.slice(0, 100)})`);
        return;
      }
      if (!opened.ok) {
        expect(want.open, `${name} was refused: ${opened.message}`).toBe("either");
        lines.push(`${name}: refused (${opened.message.slice(0, 100)})`);
        return;
      }
      if (want.open === true && want.title) expect(opened.doc.title).toBe(want.title);
      const { result, engine } = await withTimeout(runHeadless(opened.doc), 30_000, name);
      try {
        const problems: string[] = [];
        for (const cell of result.cells) {
          const expected = want.cells[cell.id];
          if (expected) expect(cell.status, `${name}: ${cell.id} (${cell.error})`).toBe(expected);
          if (cell.status === "rejected") {
            expect(cell.error?.trim(), `${name}: ${cell.id}`).toBeTruthy();
            expect(cell.error, `${name}: ${cell.id} shows an internal crash`).not.toMatch(/Cannot read|is not a function|Maximum call stack/);
            continue;
          }
          const value = engine.run(cell.id)!.value as { html?: unknown; spec?: unknown } | undefined;
          if (typeof value?.html === "string") problems.push(...dangerInHtml(value.html).map((p) => `${cell.id} html: ${p}`));
          if (cell.type === "plot") {
            problems.push(...dangerInSpec(value?.spec).map((p) => `${cell.id} spec: ${p}`));
            const svg = await withTimeout(engine.svg(cell.id), 20_000, `${name} ${cell.id} svg`);
            if (svg) problems.push(...dangerInSvg(svg).map((p) => `${cell.id} svg: ${p}`));
          }
        }
        expectNoPollution();
        lines.push(`${name}: opened; ${result.cells.map((c) => `${c.id}=${c.status}${c.status === "rejected" ? ` (${c.error?.slice(0, 60)})` : ""}`).join(" ")}${problems.length ? ` PROBLEMS ${problems.join("; ")}` : ""}`);
        expect(problems.filter((p) => !KNOWN.some((k) => k.test(p))), name).toEqual([]);
      } finally {
        engine.dispose();
      }
    });
  }
});
