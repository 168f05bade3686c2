// Moving around a workbench without a mouse: Alt+↓/↑ goes from card to card in the sheet's order
// (its parameters, in the rail, first; then its other cells) and Alt+G shows the dependency graph.
import assert from "node:assert/strict";
import { allSettled } from "../helpers.mjs";

const focusedCell = (page) => page.evaluate(() => document.activeElement?.closest("[data-cell-id]")?.getAttribute("data-cell-id") ?? null);

export const tests = [
  {
    name: "Alt+ArrowDown and Alt+ArrowUp move between the cards of a sheet, parameters first; Alt+G shows the graph",
    async run({ page, baseUrl }) {
      await page.goto(`${baseUrl}#template=glmm`);
      await page.click("role=tab[name='The Sandbox']");
      await allSettled(page);
      const expected = await page.evaluate(() => {
        const sheet = [...document.querySelectorAll(".sheet [data-cell-id]")];
        return {
          parameters: sheet.filter((el) => el.getAttribute("data-cell-type") === "parameter").map((el) => el.getAttribute("data-cell-id")),
          others: sheet.filter((el) => el.getAttribute("data-cell-type") !== "parameter").map((el) => el.getAttribute("data-cell-id")),
        };
      });
      assert.ok(expected.parameters.length > 1 && expected.others.length > 1, JSON.stringify(expected));
      await page.locator(`[data-cell-id="${expected.parameters[0]}"]`).focus();
      const visited = [await focusedCell(page)];
      for (let i = 1; i < expected.parameters.length + expected.others.length; i++) {
        await page.keyboard.press("Alt+ArrowDown");
        visited.push(await focusedCell(page));
      }
      assert.deepEqual(visited, [...expected.parameters, ...expected.others]);
      // At the last card Alt+ArrowDown stays; Alt+ArrowUp goes back one.
      await page.keyboard.press("Alt+ArrowDown");
      assert.equal(await focusedCell(page), expected.others.at(-1));
      await page.keyboard.press("Alt+ArrowUp");
      assert.equal(await focusedCell(page), expected.others.at(-2));
      await page.keyboard.press("Alt+g");
      await page.waitForSelector("[data-testid=graph-view]");
      await page.keyboard.press("Alt+g");
      await page.waitForSelector("[data-testid=graph-view]", { state: "detached" });
    },
  },
];
