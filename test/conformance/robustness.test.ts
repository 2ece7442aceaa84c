import { describe, expect, it } from "vitest";
import { checkExitCodes, runCheckCommand } from "../../generator/conformance/command.js";
import { runLimits } from "../../generator/conformance/http-client.js";
import { maxJsonDepth } from "../../generator/conformance/json.js";
import type { ConformanceReport } from "../../generator/conformance/run-checks.js";
import { json, startFakeScimServer, type Fault, type FakeRequest, type FakeResponse, type FakeServerOptions } from "./fixtures/fake-scim-server.js";
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

// Every response is kept for the whole run, so one body's cap does not bound the run: 8 MB of
// `[[],[],…]` on each of ~80 requests, or a list naming tens of thousands of ids, exhausted the heap.
describe("a run sends and reads a bounded amount, whatever the service answers", () => {
  const exceptServiceProviderConfig =
    (answer: (request: FakeRequest) => FakeResponse | undefined): Fault =>
    async (request, next) =>
      request.rawPath.endsWith("/ServiceProviderConfig") ? next() : (answer(request) ?? next());

  function crashes(report: ConformanceReport): readonly unknown[] {
    return report.results.filter((result) => result.detail?.startsWith("checker error"));
  }

  it("8 MB of empty arrays side by side: more JSON values than a run parses", async () => {
    const body = `[${"[],".repeat(2_795_000)}[]]`;
    const { report } = await runAgainst({ token: "t", faults: [exceptServiceProviderConfig(() => scimJson(body))] }, { token: "t" });
    expect(crashes(report)).toEqual([]);
    const routes = report.results.find((result) => result.id === "routes.schemas");
    expect(routes?.status).toBe("fail");
    expect(routes?.detail).toContain(`GET /Schemas body is not JSON (more than ${runLimits.jsonValues} JSON values)`);
  });

  it("8 MB strings on every answer: requests stop once the run has read its bytes", async () => {
    const body = `["${"x".repeat(8 * 1024 * 1024 - 10)}"]`;
    const { report, requests } = await runAgainst({ token: "t", faults: [exceptServiceProviderConfig(() => scimJson(body))] }, { token: "t" });
    expect(crashes(report)).toEqual([]);
    expect(report.ok).toBe(false);
    // 8 bodies fill the budget; a few more may have been in flight when it ran out.
    expect(requests.length).toBeLessThanOrEqual(runLimits.bodyBytes / body.length + 4);
    expect(report.results.some((result) => result.detail?.includes(`not sent: the responses of this run passed ${runLimits.bodyBytes} bytes`))).toBe(true);
  });

  it("a list of 12 000 schema ids: at most the run's requests are sent", async () => {
    const ids = Array.from({ length: 12_000 }, (_, index) => `urn:example:params:scim:schemas:hostile:${index}`);
    const list = { schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: ids.length, itemsPerPage: ids.length, startIndex: 1, Resources: ids.map((id) => ({ id })) };
    const listed = exceptServiceProviderConfig((request) => (request.rawPath.endsWith("/Schemas") ? json(200, list) : undefined));
    const { report, requests } = await runAgainst({ token: "t", faults: [listed] }, { token: "t" });
    expect(crashes(report)).toEqual([]);
    expect(requests.length).toBeLessThanOrEqual(runLimits.requests);
    expect(report.requestCount).toBe(runLimits.requests);
    expect(report.results.some((result) => result.detail?.includes(`not sent: this run has sent ${runLimits.requests} requests`))).toBe(true);
  });
});

function scimJson(body: string): FakeResponse {
  return { status: 200, headers: { "content-type": "application/scim+json" }, body };
}
