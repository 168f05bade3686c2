// The text-only update of rendered HTML: how HTML splits at its tags and how text segments decode.
// (Which DOM text nodes change is checked in Chromium: e2e `templates` compares every equation and
// note patched in place with the same one rendered fresh.)
import { describe, expect, it } from "vitest";
import { decodeText, tokenizeHtml } from "../../src/ui/html-text-patch";

describe("tokenizeHtml", () => {
  it("splits HTML into tags and the texts before, between and after them", () => {
    expect(tokenizeHtml('a<span class="mord">1.25</span><span></span>b')).toEqual({
      tags: ['<span class="mord">', "</span>", "<span>", "</span>"],
      texts: ["a", "1.25", "", "", "b"],
    });
    expect(tokenizeHtml("plain")).toEqual({ tags: [], texts: ["plain"] });
  });

  it("gives equal tags for two renders that differ only in their numbers", () => {
    const a = tokenizeHtml('<span class="katex"><span class="mord">0.41</span><span class="mrel">=</span></span>');
    const b = tokenizeHtml('<span class="katex"><span class="mord">0.57</span><span class="mrel">=</span></span>');
    expect(b.tags).toEqual(a.tags);
    expect(b.texts).not.toEqual(a.texts);
  });
});

describe("decodeText", () => {
  it("decodes the entities renderers write, numeric ones included", () => {
    expect(decodeText("a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#x27; g&nbsp;h")).toBe("a & b < c > d \"e\" 'f' g\u00a0h");
    expect(decodeText("&#8722;1.5")).toBe("−1.5");
    expect(decodeText("no entities")).toBe("no entities");
  });

  it("refuses what it does not know, so the caller falls back to parsing", () => {
    expect(decodeText("&hellip;")).toBeNull();
    expect(decodeText("&amp without a semicolon")).toBeNull();
    // Names are case-sensitive: "&Lt;" is text to the parser, not "<".
    expect(decodeText("a &Lt; b")).toBeNull();
    expect(decodeText("&AMP;")).toBeNull();
  });
});
