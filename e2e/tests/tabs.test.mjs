// Two tabs editing the same workbench: the second save does not silently overwrite the first.
import assert from "node:assert/strict";
import { allSettled } from "../helpers.mjs";

async function nudge(page, cellId) {
  const slider = page.locator(`[data-cell-id="${cellId}"] input[type=range]`);
  await slider.focus();
  await page.keyboard.press("ArrowRight");
}

export const tests = [
  {
    name: "a save from a second tab is refused with a message and choices, not an overwrite",
    async run({ page, baseUrl }) {
      await page.goto(`${baseUrl}#template=mixed-model`);
      await page.click("role=tab[name='Fit Lines']");
      await allSettled(page);
      const other = await page.context().newPage();
      await other.goto(`${baseUrl}#template=mixed-model`);
      await other.click("role=tab[name='Fit Lines']");
      await allSettled(other);
      const sliderId = await page.$eval("[data-cell-type=parameter]:has(input[type=range])", (el) => el.getAttribute("data-cell-id"));
      await nudge(page, sliderId);
      await page.waitForTimeout(800); // autosave
      await nudge(other, sliderId);
      await other.waitForSelector("[data-testid=notice]:has-text('changed in another tab')", { timeout: 10_000 });
      for (const label of ["Reload theirs", "Keep mine", "Save mine as a copy", "Download mine"]) {
        assert.ok(await other.isVisible(`[data-testid=notice] button:has-text("${label}")`), label);
      }
      // "Reload theirs" shows the first tab's value.
      const theirs = await page.$eval(`[data-cell-id="${sliderId}"] input`, (el) => el.value);
      await other.click("[data-testid=notice] button:has-text('Reload theirs')");
      await other.waitForFunction(([id, v]) => document.querySelector(`[data-cell-id="${id}"] input`)?.value === v, [sliderId, theirs]);
      await other.close();
    },
  },
];
