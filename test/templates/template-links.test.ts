// Text cells may link to another bundled template on the same page (`#template=<name>`), exactly
// that form; javascript:, data: and every other non-http(s) link stay refused.
import { describe, expect, it } from "vitest";
import { renderText, safeLink } from "../../src/cells/text/render";

describe("safeLink: same-page template links", () => {
  it.each(["#template=pooling", "#template=mixed-model", "#template=simpsons-paradox", "#template=power", "#template=glmm2"])("accepts %s unchanged", (url) => {
    expect(safeLink(url)).toBe(url);
  });

  it.each([
    "#template=",
    "#template=Pooling",
    "#template=-pooling",
    "#template=pooling/evil",
    "#template=pooling&x=1",
    "#template=pooling#x",
    "#template=pooling?x",
    "#template=javascript:alert(1)",
    "#template=%70ooling",
    "#template=a_b",
    "#template=" + "a".repeat(65),
    "#templates=pooling",
    "#wb=abc",
    "#pooling",
    "#",
    "template=pooling",
    "/#template=pooling",
    "javascript:alert(1)",
    "JavaScript:location='#template=pooling'",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox",
  ])("refuses %s", (url) => {
    expect(safeLink(url)).toBeUndefined();
  });

  it("still accepts absolute http(s) links", () => {
    expect(safeLink("https://example.org/a")).toBe("https://example.org/a");
  });
});

describe("renderText links", () => {
  it("renders a template link as a same-tab anchor", () => {
    const r = renderText("Next: [The Mixed Model](#template=mixed-model).");
    expect(r.errors).toEqual([]);
    expect(r.html).toBe('<p>Next: <a href="#template=mixed-model">The Mixed Model</a>.</p>');
  });

  it("keeps external links in a new tab with rel=noopener", () => {
    const r = renderText("[lme4](https://github.com/lme4/lme4)");
    expect(r.html).toContain('rel="noopener noreferrer" target="_blank"');
  });

  it.each(["javascript:alert%281%29", "data:text/html,x", "#template=a/b", "#wb=1"])("shows [x](%s) as plain text and reports it", (url) => {
    const r = renderText(`[click](${url})`);
    expect(r.html).toBe("<p>click</p>");
    expect(r.html).not.toContain("<a");
    expect(r.errors.length).toBe(1);
  });
});
