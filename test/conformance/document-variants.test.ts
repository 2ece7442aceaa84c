import { describe, it } from "vitest";
import { documentVariants } from "./fixtures/broken-variants.js";
import { expectVariant } from "./fixtures/expect-variant.js";

describe("a service with broken discovery documents fails exactly the checks for that rule", () => {
  it.each(documentVariants.map((variant) => [variant.name, variant] as const))("%s", async (_name, variant) => expectVariant(variant));
});
