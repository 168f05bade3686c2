// Whole-workbench workflows in Chromium: save to a file and open it again, share by link, and build
// a new generator -> model -> plot workbench from the UI alone.
import assert from "node:assert/strict";
import { allSettled, chartInk, chartsDrawn, downloadOf, openFile, openTemplateSheet, saveFile, statuses } from "../helpers.mjs";

export const tests = [
  {
    name: "export: a chart as SVG (with its marks described for screen readers) and PNG, a table as CSV",
    async run({ page, baseUrl }) {
      await openTemplateSheet(page, baseUrl, "mixed-model", "Fit Lines");
      const svg = (await downloadOf(page, "[data-cell-id=weights_plot] .plot-actions >> role=button[name=SVG]")).toString("utf8");
      assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      // Every point carries its ARIA description (the live canvas view leaves them out).
      const described = svg.match(/<path aria-label="Observations in the group[^"]+" role="graphics-symbol" aria-roledescription="point"/g) ?? [];
      assert.ok(described.length >= 8, `described points in the SVG: ${described.length}`);
      const png = await downloadOf(page, "[data-cell-id=weights_plot] .plot-actions >> role=button[name=PNG]");
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      await page.click("[data-cell-id=fit] >> role=button[name='Show tables']");
      const csv = (await downloadOf(page, "[data-cell-id=fit] >> role=button[name='Download CSV'] >> nth=0")).toString("utf8");
      const [header, ...rows] = csv.trim().split("\n");
      assert.equal(header, "group,model,intercept,slope,n");
      assert.ok(rows.length >= 2, `CSV rows: ${rows.length}`);
    },
  },
  {
    name: "save to file, then open that file: the same workbench, byte for byte",
    async run({ page, baseUrl }) {
      await page.goto(`${baseUrl}#template=mixed-model`);
      await page.waitForSelector("[data-cell-id]");
      await allSettled(page);
      const saved = await saveFile(page);
      const doc = JSON.parse(saved);
      assert.equal(doc.format, "pooling-workbench");
      assert.equal(doc.title, await page.textContent(".workbench-title"));
      await openFile(page, "mixed-model.json", saved);
      await page.waitForSelector("[data-testid=notice]:has-text('Opened mixed-model.json')");
      await allSettled(page);
      assert.equal(await saveFile(page), saved);
    },
  },
  {
    name: "a share link opens the same workbench as a copy",
    async run({ page, baseUrl, browser }) {
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
      await page.goto(`${baseUrl}#template=random-slopes`);
      await page.waitForSelector("[data-cell-id]");
      await allSettled(page);
      const original = await saveFile(page);
      await page.click("role=button[name='Share link']");
      await page.waitForSelector("[data-testid=notice]:has-text('Share link copied')");
      const link = await page.evaluate(() => navigator.clipboard.readText());
      assert.match(link, /#share=[A-Za-z0-9_-]+$/);
      const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const reader = await other.newPage();
        await reader.goto(link);
        await reader.waitForSelector("[data-testid=notice]:has-text('shared workbench')");
        await allSettled(reader);
        assert.match(reader.url(), /#wb=/);
        assert.equal(await saveFile(reader), original);
      } finally {
        await other.close();
      }
    },
  },
  {
    name: "a new workbench built from the UI: generator, model and plot",
    async run({ page, baseUrl }) {
      await page.goto(baseUrl);
      await page.waitForSelector("[data-ready=true]");
      await page.click("[data-testid=new-workbench]");
      await page.waitForSelector(".workbench-title:has-text('Untitled workbench')");
      async function addCell(type, id, reads) {
        await page.click("[data-testid=add-cell-open]");
        await page.selectOption("[data-testid=add-cell-type]", type);
        await page.fill("[data-testid=add-cell-id]", id);
        for (const input of reads) await page.check(`.add-cell input[type=checkbox][value="${input}"]`);
        await page.click("[data-testid=add-cell-submit]");
        await page.waitForSelector(`[data-cell-id="${id}"]`);
      }
      await addCell("generator", "sim", []);
      await addCell("model", "fit", ["sim"]);
      await addCell("plot", "chart", ["fit"]);
      await allSettled(page);
      assert.deepEqual(await statuses(page), ["sim:fulfilled", "fit:fulfilled", "chart:fulfilled"]);
      await chartsDrawn(page);
      assert.ok((await chartInk(page, "chart")) > 500, "the new chart drew nothing");
      // A cycle is refused before anything changes.
      await page.click("[data-cell-id=sim] button:has-text('Edit')");
      await page.fill("[data-cell-id=sim] .config-editor input[type=text]", "chart");
      await page.click("[data-cell-id=sim] button:has-text('Apply')");
      await page.waitForSelector("[data-cell-id=sim] .editor-message");
      assert.match(await page.textContent("[data-cell-id=sim] .editor-message"), /cycle|input/);
      assert.deepEqual(await statuses(page), ["sim:fulfilled", "fit:fulfilled", "chart:fulfilled"]);
    },
  },
];
