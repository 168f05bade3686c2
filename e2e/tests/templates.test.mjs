// Every template in Chromium: opened by its direct link, every cell on every sheet fulfilled, a slider
// drag (with a chart scrolled into view and the slider still on screen) redraws the charts, undo
// restores the value, and a reload restores the autosaved state.
import assert from "node:assert/strict";
import { allSettled, chartImages, chartsDrawn, dragSlider, imageDifference, openTemplateSheet, statuses, templateNames } from "../helpers.mjs";

async function sheetNames(page) {
  return page.$$eval("[role=tab]", (tabs) => tabs.map((t) => t.textContent));
}

/** The first sheet that has both a slider and a chart. */
async function findSliderSheet(page) {
  for (const name of await sheetNames(page)) {
    await page.click(`role=tab[name="${name}"]`);
    await allSettled(page);
    const sliders = await page.$$("[data-cell-type=parameter] input[type=range]");
    const charts = await page.$$("[data-cell-type=plot]");
    if (sliders.length && charts.length) return name;
  }
  return null;
}

function templateTest(name) {
  return {
    name: `${name}: direct link, every cell fulfilled, a slider drag redraws the charts, undo and reload`,
    async run({ page, baseUrl }) {
      await page.goto(`${baseUrl}#template=${name}`);
      await page.waitForSelector("[data-cell-id]");
      for (const sheet of await sheetNames(page)) {
        await page.click(`role=tab[name="${sheet}"]`);
        await allSettled(page, 120_000);
        const bad = (await statuses(page)).filter((s) => !s.endsWith(":fulfilled"));
        assert.deepEqual(bad, [], `sheet "${sheet}" has cells that are not fulfilled`);
      }
      const sheet = await findSliderSheet(page);
      if (name === "power" && sheet === null) return; // the power study varies its parameters itself
      assert.ok(sheet, "no sheet with a slider and a chart");
      await chartsDrawn(page);
      const card = page.locator("[data-cell-type=parameter]:has(input[type=range])").first();
      const cellId = await card.getAttribute("data-cell-id");
      const sliderSelector = `[data-cell-id="${cellId}"] input[type=range]`;
      const before = await page.$eval(sliderSelector, (el) => ({ value: el.value, min: Number(el.min), max: Number(el.max) }));
      const charts = () => chartImages(page);
      const chartsBefore = await charts();
      const target = Number(before.value) <= (before.min + before.max) / 2 ? before.max : before.min;
      // Every move settles well within the 100 ms a run must last before its card shows "running"
      // (ui/components/shown-run.ts), so no card may show it: a chip flashing for a frame is flicker.
      // (The power study's draft sweep settles within that too, but under CI's load not always.)
      // Nor may a live region change (a screen reader reads out each change): every recomputed card's
      // chip on every step would be read out, drowning the slider's own value.
      await page.evaluate(() => {
        window.__runningChips = [];
        window.__announced = [];
        const LIVE = "[role=alert], [role=status], [aria-live=polite], [aria-live=assertive]";
        const regionOf = (node) => {
          const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
          const region = element?.closest(LIVE);
          return region && !region.closest("[aria-live=off]") ? region : null;
        };
        window.__chipObserver = new MutationObserver((mutations) => {
          for (const chip of document.querySelectorAll(".status-chip.status-pending")) window.__runningChips.push(chip.closest("[data-cell-id]").getAttribute("data-cell-id"));
          for (const m of mutations) {
            const regions = [regionOf(m.target), ...[...m.addedNodes].filter((n) => n.nodeType === Node.ELEMENT_NODE && n.matches(LIVE)).map(regionOf)];
            for (const region of regions) if (region) window.__announced.push(`${region.closest("[data-cell-id]")?.getAttribute("data-cell-id")}: ${region.textContent.trim()}`);
          }
        });
        window.__chipObserver.observe(document.querySelector(".sheet"), { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["class"] });
      });
      // The hand drags while the eye is on a chart: with the first chart scrolled to the top of the
      // window, the slider is still in view (the sheet's parameters sit in a sticky rail), and the
      // drag below is made with the mouse where the slider is on screen.
      await page.$eval("[data-cell-type=plot]", (el) => el.scrollIntoView({ block: "start" }));
      const sliderBox = await page.locator(sliderSelector).boundingBox();
      const viewport = page.viewportSize();
      assert.ok(sliderBox.y >= 0 && sliderBox.y + sliderBox.height <= viewport.height, `with the first chart scrolled into view the slider left the window: ${JSON.stringify(sliderBox)}`);
      await dragSlider(page, sliderSelector, target);
      await page.waitForFunction(([sel, v]) => document.querySelector(sel).value !== v, [sliderSelector, before.value]);
      await allSettled(page, 120_000);
      await chartsDrawn(page);
      const running = await page.evaluate(() => (window.__chipObserver.disconnect(), [...new Set(window.__runningChips)]));
      if (name !== "power") assert.deepEqual(running, [], "cards showed \"running\" during a drag whose moves each settle within one task");
      // (The power study's release starts the whole sweep, whose progress is announced.)
      const announced = await page.evaluate(() => [...new Set(window.__announced)]);
      if (name !== "power") assert.deepEqual(announced, [], "live regions changed during a drag in which every cell stays fulfilled");
      const chartsAfter = await charts();
      assert.ok(chartsAfter.some((image, i) => image !== chartsBefore[i]), "no chart changed after the slider moved");
      const moved = await page.$eval(sliderSelector, (el) => el.value);

      // Undo restores the value the drag started from; redo brings the drag back.
      await page.locator("body").click({ position: { x: 3, y: 3 } });
      await page.keyboard.press("Control+z");
      await page.waitForFunction(([sel, v]) => document.querySelector(sel).value === v, [sliderSelector, before.value]);
      await page.keyboard.press("Control+Shift+z");
      await page.waitForFunction(([sel, v]) => document.querySelector(sel).value === v, [sliderSelector, moved]);

      // Autosave: a reload opens the same sheet with the moved slider.
      await allSettled(page, 120_000);
      await chartsDrawn(page);
      const chartsUpdated = await charts();
      const equations = () => page.$$eval(".html-body", (els) => els.map((e) => e.innerHTML));
      const equationsUpdated = await equations();
      await page.waitForTimeout(700);
      await page.reload();
      await page.waitForSelector(sliderSelector);
      assert.equal(await page.$eval(sliderSelector, (el) => el.value), moved);
      assert.equal(await page.$eval("[role=tab][aria-selected=true]", (el) => el.textContent), sheet);
      await allSettled(page, 120_000);
      // Charts updated in place through the drag, undo and redo look exactly like charts built fresh.
      await chartsDrawn(page);
      const chartsFresh = await charts();
      assert.equal(chartsFresh.length, chartsUpdated.length);
      // Equations and notes patched in place through the drag equal the same HTML placed fresh.
      assert.deepEqual(await equations(), equationsUpdated, "an equation or note patched in place differs from the same one rendered fresh");
      for (const [i, image] of chartsFresh.entries()) {
        if (image === chartsUpdated[i]) continue;
        const diff = await imageDifference(page, chartsUpdated[i], image);
        assert.ok(diff.maxChannel <= 16, `chart ${i + 1} drawn in place differs from the same chart built fresh: ${JSON.stringify(diff)}`);
        // A live canvas may keep one size step (16 CSS px) more than it needs, blank.
        const step = 16 * (await page.evaluate(() => window.devicePixelRatio));
        assert.ok(diff.extra.every((e) => e <= step) && diff.extraInk === 0, `chart ${i + 1} drawn in place has a larger canvas than the same chart built fresh, with more than a blank margin: ${JSON.stringify(diff)}`);
      }
    },
  };
}

/** Where the picking legend's entries of a chart are, on the page. */
async function pickTargets(page, cellId) {
  const canvas = await page.$(`[data-cell-id="${cellId}"] .plot-canvas canvas`);
  const box = await canvas.boundingBox();
  const targets = JSON.parse((await canvas.getAttribute("data-pick-targets")) ?? "[]");
  return targets.map((t) => ({ label: t.label, x: box.x + t.x, y: box.y + t.y }));
}

const picked = (page, cellId) => page.$eval(`[data-cell-id="${cellId}"] .plot-canvas canvas`, (c) => c.dataset.picked ?? "");

const legendPickTest = {
  name: "simpsons-paradox: a click on a group's legend entry picks it, the others' points fade, in every chart on every sheet; it lasts through a drag; a double click clears it",
  async run({ page, baseUrl }) {
    await openTemplateSheet(page, baseUrl, "simpsons-paradox", "The Data");
    const targets = await pickTargets(page, "data_plot");
    assert.equal(targets.length, 8, "one legend entry per group");
    const [before] = await chartImages(page);
    await page.mouse.click(targets[3].x, targets[3].y);
    assert.equal(await picked(page, "data_plot"), targets[3].label);
    const [after] = await chartImages(page);
    const diff = await imageDifference(page, before, after);
    assert.ok(diff.maxChannel > 100, `picking a group changed the chart too little: ${JSON.stringify(diff)}`);
    await page.keyboard.down("Shift");
    await page.mouse.click(targets[5].x, targets[5].y);
    await page.keyboard.up("Shift");
    assert.equal(await picked(page, "data_plot"), `${targets[3].label}\n${targets[5].label}`);
    const slider = "[data-cell-type=parameter] input[type=range] >> nth=0";
    await dragSlider(page, slider, await page.locator(slider).evaluate((el) => Number(el.max)));
    await allSettled(page);
    await chartsDrawn(page);
    assert.equal(await picked(page, "data_plot"), `${targets[3].label}\n${targets[5].label}`, "the pick is lost when the data change");
    // The pick reaches the charts on the other sheets: the slope estimates show the same two groups.
    await page.click('role=tab[name="Slope Estimates"]');
    await allSettled(page);
    await chartsDrawn(page);
    assert.equal(await picked(page, "slopes_plot"), `${targets[3].label}\n${targets[5].label}`);
    const [slopesPicked] = await chartImages(page);
    await page.click('role=tab[name="The Data"]');
    await chartsDrawn(page);
    await page.mouse.dblclick(targets[0].x + 200, targets[0].y + 200);
    assert.equal(await picked(page, "data_plot"), "");
    await page.click('role=tab[name="Slope Estimates"]');
    await chartsDrawn(page);
    assert.equal(await picked(page, "slopes_plot"), "");
    const [slopesCleared] = await chartImages(page);
    const cleared = await imageDifference(page, slopesPicked, slopesCleared);
    assert.ok(cleared.maxChannel > 100, `clearing the pick changed the slope estimates too little: ${JSON.stringify(cleared)}`);
  },
};

export const tests = [...templateNames.map(templateTest), legendPickTest];
