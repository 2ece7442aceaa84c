import { describe, expect, it } from "vitest";
import { checkExitCodes, runCheckCommand } from "../../generator/conformance/command.js";
import { maxJsonDepth } from "../../generator/conformance/json.js";
import { json, startFakeScimServer, type Fault, type FakeServerOptions } from "./fixtures/fake-scim-server.js";
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

// A body is capped at 8 MiB, but 8 MB of `[` used to cost JSON.parse seconds and hundreds of MB per
// response (the run died of heap exhaustion after 89 s), and a deep parse overflowed the stack of the
// recursive walks. Nesting past maxJsonDepth now makes the body "not JSON" before it is parsed.
function nestedArrays(depth: number): string {
  return `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

function nestedObjects(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

function answerEveryGet(body: string): Fault {
  return async () => ({ status: 200, headers: { "content-type": "application/scim+json" }, body });
}

const depthReason = `arrays and objects nested deeper than ${maxJsonDepth} levels`;

describe("deeply nested bodies are not JSON, whatever their size", () => {
  // 4,190,000 levels: 8,380,000 bytes, just under the 8 MiB body cap (the reported attack).
  it.each([
    ["8 MB of nested arrays", nestedArrays(4_190_000)],
    ["nested objects", nestedObjects(200_000)],
  ])("every GET answers %s: the base does not answer SCIM, exit 2, the reason named", async (_name, body) => {
    const server = await startFakeScimServer({ faults: [answerEveryGet(body)] });
    try {
      let stdout = "";
      let stderr = "";
      const code = await runCheckCommand([server.baseUrl, "--timeout", "3000"], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
      expect(code).toBe(checkExitCodes.usageOrUnreachable);
      expect(stdout).toBe("");
      for (const path of ["/ServiceProviderConfig", "/ResourceTypes", "/Schemas"]) {
        expect(stderr).toContain(`GET ${path} answered 200 (application/scim+json) with a body that is not JSON (${depthReason}, at character ${maxJsonDepth * (body.startsWith("{") ? 5 : 1)})`);
      }
    } finally {
      await server.close();
    }
  });

  it.each([
    ["nested arrays", nestedArrays(100_000)],
    ["nested objects", nestedObjects(100_000)],
    ["one level too deep", nestedArrays(maxJsonDepth + 1)],
  ])("lists and items answer %s: checks fail with the reason, none crashes", async (_name, body) => {
    const { report } = await runAgainst(
      { token: "t", faults: [async (request, next) => (request.rawPath.endsWith("/ServiceProviderConfig") ? next() : answerEveryGet(body)(request, next))] },
      { token: "t" },
    );
    const crashed = report.results.filter((result) => result.detail?.startsWith("checker error"));
    expect(crashed).toEqual([]);
    expect(report.ok).toBe(false);
    const routes = report.results.find((result) => result.id === "routes.schemas");
    expect(routes?.status).toBe("fail");
    expect(routes?.detail).toContain(`GET /Schemas body is not JSON (${depthReason}, at character ${maxJsonDepth * (body.startsWith("{") ? 5 : 1)})`);
  });

  it(`${maxJsonDepth} levels are still JSON`, async () => {
    const { report } = await runAgainst(
      { token: "t", faults: [async (request, next) => (request.rawPath.endsWith("/ServiceProviderConfig") ? next() : answerEveryGet(nestedArrays(maxJsonDepth))(request, next))] },
      { token: "t" },
    );
    expect(report.results.filter((result) => result.detail?.includes(depthReason))).toEqual([]);
    expect(report.results.filter((result) => result.detail?.startsWith("checker error"))).toEqual([]);
  });
});
