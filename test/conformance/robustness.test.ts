import { describe, expect, it } from "vitest";
import { json, type FakeServerOptions } from "./fixtures/fake-scim-server.js";
import { runAgainst } from "./fixtures/run-against.js";

// Checks must report what they see, never throw: a throw would surface as a "checker error" skip.
const shapes: ReadonlyArray<readonly [string, unknown]> = [
  ["null", null],
  ["a string", "ok"],
  ["an empty object", {}],
  ["wrong types everywhere", { schemas: "x", Resources: [1, null, { attributes: 5, meta: [] }], totalResults: "2", authenticationSchemes: {}, bulk: [] }],
  ["attributes of the wrong shape", { Resources: [{ id: "urn:x:y:z", attributes: [null, { subAttributes: {} }, { name: 5, type: [], subAttributes: [[]] }] }] }],
];

function everyDiscoveryAnswer(body: unknown): FakeServerOptions {
  return {
    faults: [
      async (request, next) => {
        const response = await next();
        return response.status === 200 && !request.rawPath.endsWith("/ServiceProviderConfig") ? json(200, body) : response;
      },
    ],
  };
}

describe("hostile documents never crash a check", () => {
  it.each(shapes)("lists and items answer %s", async (_name, body) => {
    const { report } = await runAgainst(everyDiscoveryAnswer(body), { token: "t" });
    const crashed = report.results.filter((result) => result.detail?.startsWith("checker error"));
    expect(crashed).toEqual([]);
    expect(report.ok).toBe(false);
  });
});
