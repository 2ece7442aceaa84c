import { describe, it } from "vitest";
import { protocolVariants } from "./fixtures/broken-variants.js";
import { expectVariant } from "./fixtures/expect-variant.js";

describe("a service with broken HTTP behaviour fails exactly the checks for that rule", () => {
  it.each(protocolVariants.map((variant) => [variant.name, variant] as const))("%s", async (_name, variant) => expectVariant(variant));
});
