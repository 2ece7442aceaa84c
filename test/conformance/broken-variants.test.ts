import { describe, expect, it } from "vitest";
import { allChecks } from "../../generator/conformance/checks/index.js";
import { variants } from "./fixtures/broken-variants.js";

describe("broken variants", () => {
  it("prove every check fails when its rule is broken", () => {
    const proven = new Set(variants.flatMap((variant) => variant.want));
    expect(allChecks.map((check) => check.id).filter((id) => !proven.has(id))).toEqual([]);
  });

  it("name only real checks", () => {
    const ids = new Set(allChecks.map((check) => check.id));
    expect(variants.flatMap((variant) => variant.want).filter((id) => !ids.has(id))).toEqual([]);
  });
});
