import { describe, expect, it } from "vitest";
import { renderText, safeLink } from "../../../src/cells/text/render";

describe("renderText(markdown, inputs)", () => {
  it("renders headings, paragraphs, emphasis, bold, code and lists", () => {
    const r = renderText("# Partial pooling\nSmall groups are **pulled** toward the *average*.\n\n- one `code`\n- two\n\n1. first");
    expect(r.errors).toEqual([]);
    expect(r.html).toBe(
      "<h3>Partial pooling</h3>\n<p>Small groups are <strong>pulled</strong> toward the <em>average</em>.</p>\n" +
        "<ul><li>one <code>code</code></li><li>two</li></ul>\n<ol><li>first</li></ol>",
    );
  });

  it("escapes <script> and <img onerror>: no raw HTML passes through", () => {
    const r = renderText('<script>alert(1)</script>\n<img src=x onerror="alert(1)"> **<b>bold</b>** `<i>`');
    expect(r.html).not.toMatch(/<script|<img|<b>|<i>/);
    expect(r.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(r.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(r.html).toContain("<strong>&lt;b&gt;bold&lt;/b&gt;</strong>");
  });

  it("makes only http(s) links clickable, with rel=noopener noreferrer and target=_blank", () => {
    const r = renderText('[lme4](https://github.com/lme4/lme4?a=1&b="2") and [bad](javascript:alert%281%29) and [rel](/x)');
    expect(r.html).toContain('<a href="https://github.com/lme4/lme4?a=1&amp;b=%222%22" rel="noopener noreferrer" target="_blank">lme4</a>');
    expect(r.html).not.toMatch(/javascript:|href="\/x"/);
    expect(r.errors).toEqual([
      'link "javascript:alert%281%29" was not made clickable: only http(s) links are allowed',
      'link "/x" was not made clickable: only http(s) links are allowed',
    ]);
    expect(safeLink("https://user:pw@example.com")).toBeUndefined();
    expect(safeLink("data:text/html,<script>")).toBeUndefined();
  });

  it("renders inline $math$ through KaTeX with live numbers, and {{values}} in prose", () => {
    const r = renderText("Group 7 keeps {{w|p0}} of its estimate: $\\lambda_7 = {{w|2}}$. Costs \\$5.", { w: 0.3123 });
    expect(r.errors).toEqual([]);
    expect(r.html).toContain("Group 7 keeps 31% of its estimate: <span class=\"katex\">");
    expect(r.html).toContain("\\lambda_7 = 0.31</annotation>");
    expect(r.html).toContain("Costs $5.");
  });

  it("math in text is as guarded as equations: \\href is neutralised", () => {
    const r = renderText("see $\\href{javascript:alert(1)}{x}$");
    expect(r.errors).toContain("\\href is not allowed in shared equations and was disabled");
    expect(r.html).not.toMatch(/<a\b/);
  });
});
