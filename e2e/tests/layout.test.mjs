// The sheet's layout from a narrow window to a wide one: no sideways scrolling and no card squeezed
// into a sliver (a wide card's span once made an implicit, narrower column beside the parameter rail).
import assert from "node:assert/strict";
import { allSettled } from "../helpers.mjs";

const WIDTHS = [700, 780, 1000, 1100, 1280, 1600];

export const tests = [
  {
    name: `every card keeps a readable width and nothing scrolls sideways at ${WIDTHS.join(", ")} px`,
    async run({ page, baseUrl }) {
      await page.goto(`${baseUrl}#template=glmm`);
      await page.click("role=tab[name='The Sandbox']");
      await allSettled(page);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await page.waitForTimeout(100);
        const layout = await page.evaluate(() => ({
          sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          cards: [...document.querySelectorAll(".sheet [data-cell-id]")].map((el) => [el.getAttribute("data-cell-id"), Math.round(el.getBoundingClientRect().width)]),
          rail: document.querySelector(".sheet-controls")?.getBoundingClientRect().width ?? 0,
        }));
        assert.equal(layout.sideways, 0, `${width} px: the page scrolls sideways by ${layout.sideways} px`);
        const narrow = layout.cards.filter(([, w]) => w < 250);
        assert.deepEqual(narrow, [], `${width} px: cards narrower than 250 px`);
        assert.ok(layout.rail >= 250, `${width} px: the parameter rail is ${layout.rail} px wide`);
      }
    },
  },
];
