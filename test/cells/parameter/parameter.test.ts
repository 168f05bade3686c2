import { describe, expect, it } from "vitest";
import { parameter, setParameterValue, type ParameterConfig } from "../../../src/cells/parameter";
import type { Issue } from "../../../src/cells/schema";

const slider: ParameterConfig = { control: "slider", min: 0, max: 10, step: 0.5, value: 2 };
const select: ParameterConfig = { control: "select", options: ["lm", "lmer", 3], value: "lm" };
const toggle: ParameterConfig = { control: "toggle", value: false };

const context = { cellId: "p", signal: new AbortController().signal, invalidation: new Promise<void>(() => {}) };

describe("parameter", () => {
  it("parameter.compute(config) is the value; summary(value) is the value", () => {
    expect(parameter.compute(slider, [], context)).toBe(2);
    expect(parameter.summary(true, toggle)).toBe(true);
  });

  it.each([
    [slider, "7.5", 7.5],
    [slider, 10, 10],
    [select, "lmer", "lmer"],
    [select, "3", 3],
    [toggle, "true", true],
    [toggle, false, false],
    [{ control: "number", value: 1 } as ParameterConfig, "-1e3", -1000],
  ])("setParameterValue(%j, %j) sets the value", (config, raw, value) => {
    expect(setParameterValue(config, raw).value).toBe(value);
  });

  it.each([
    [slider, "11", "11 is outside the range [0, 10]"],
    [slider, "abc", 'a slider needs a number, got "abc"'],
    [slider, "", 'a slider needs a number, got ""'],
    [select, "glm", '"glm" is not one of the options "lm", "lmer", 3'],
    [toggle, "yes", 'a toggle needs true or false, got "yes"'],
  ])("setParameterValue(%j, %j) is refused with a reason", (config, raw, message) => {
    expect(() => setParameterValue(config, raw)).toThrow(message);
  });

  it("parameter.config + check accept the defaults and refuse a slider without bounds", () => {
    const issues: Issue[] = [];
    expect(parameter.config.parse(parameter.defaults, "config", issues)).toEqual(parameter.defaults);
    expect(issues).toEqual([]);
    expect(parameter.check!({ control: "slider", value: 1 })).toEqual([
      { path: "min", message: "a slider needs min" },
      { path: "max", message: "a slider needs max" },
    ]);
    expect(parameter.check!({ control: "number", value: 1, default: 99, max: 5 })).toEqual([{ path: "default", message: "99 is outside the range [-inf, 5]" }]);
  });
});
