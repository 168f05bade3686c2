import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/cli/csv";

describe("parseCsv(text)", () => {
  it("reads R's write.csv: quoted strings, NA, numbers inferred per column even when quoted", () => {
    const t = parseCsv('"Reaction","Days","Subject","note"\n249.56,0,"308","a, b"\nNA,1,"309","say ""hi"""\n3e2,2,"310",NA\n');
    expect(t.names).toEqual(["Reaction", "Days", "Subject", "note"]);
    expect(t.rows).toBe(3);
    expect(Array.from(t.columns.Reaction as Float64Array)).toEqual([249.56, NaN, 300]);
    expect(t.columns.Subject).toBeInstanceOf(Float64Array);
    expect(t.columns.note).toEqual(["a, b", 'say "hi"', null]);
  });

  it("drops R's nameless row-names column and reads TRUE/FALSE as booleans", () => {
    const t = parseCsv('"","ok","g"\r\n"1",TRUE,"x"\r\n"2",FALSE,"y"\r\n"3",NA,"x"\r\n');
    expect(t.names).toEqual(["ok", "g"]);
    expect(t.columns.ok).toEqual([true, false, null]);
  });

  it("keeps quoted newlines inside a field and skips blank lines", () => {
    const t = parseCsv('a,b\n"x\ny",1\n\n"z",2\n');
    expect(t.columns.a).toEqual(["x\ny", "z"]);
  });

  it.each([
    ["", "the file is empty"],
    ["a,b\n1,2,3\n", "line 2 has 3 fields but the header has 2"],
    ['a,b\n"1,2\n', "unclosed quote starting on line 2"],
    ["a,a\n1,2\n", 'column "a" appears twice in the header'],
  ])("rejects %j: %s", (text, message) => {
    expect(() => parseCsv(text)).toThrow(message);
  });
});
