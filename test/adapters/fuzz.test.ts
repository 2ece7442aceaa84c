// Fuzz every adapter at both mounts with a seeded PRNG (test/adapters/fuzz-requests.ts says what is sent and
// what every answer must be), and fetch back every `meta.location` its 200s carry. Next.js runs through the
// bridge of servers.ts here (next-build.test.ts fuzzes a real `next start` the same way); TRACE is not sent
// to it: the Fetch standard forbids it as a Request method, so Next.js fails it (a 500) before the proxy or
// any route could answer, and the bridge cannot even build the Request.
// The seed is printed on failure; SCIM_FUZZ_SEED and SCIM_FUZZ_COUNT override it and the count. Each run
// prints its counts: requests, statuses seen, locations checked and fetched back.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../scripts/seeded-random.js";
import type { AdapterServer } from "../../scripts/serve.js";
import { oddMethods, randomRequest, runFuzz, summaryLine } from "./fuzz-requests.js";
import { nodeAndPythonFrameworks, mounts, startAll } from "./servers.js";

const seed = Number(process.env["SCIM_FUZZ_SEED"] ?? 0x5c1a);
const count = Number(process.env["SCIM_FUZZ_COUNT"] ?? 200);
const usual = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

let servers: ReadonlyMap<string, AdapterServer>;
let close: () => Promise<void>;
beforeAll(async () => ({ servers, close } = await startAll(nodeAndPythonFrameworks)), 600_000);
afterAll(() => close());

describe.each(nodeAndPythonFrameworks)("%s adapter under fuzzing", (framework) => {
  it.each([
    ["/scim/v2", "plain"],
    ["a tenant prefix", "tenant"],
  ] as const)(`answers ${count} random requests at %s with SCIM responses only (seed ${seed})`, async (_label, mount) => {
    const server = servers.get(`${framework} ${mounts[mount]}`);
    if (server === undefined) throw new Error("server not started");
    // Same seed per framework and mount: every adapter gets the same sequence, so differences are theirs.
    const random = seededRandom(seed);
    const methods = [...usual, ...oddMethods.filter((method) => framework !== "next" || method !== "TRACE")];
    const requests = Array.from({ length: count }, () => randomRequest(random, mount, methods));
    const { problems, summary } = await runFuzz(framework, mount, server.origin, requests);
    process.stdout.write(`fuzz ${summaryLine(`${framework} ${mounts[mount]}`, summary)}\n`);
    expect(problems, `seed ${seed}`).toEqual([]);
    // The sequence reaches the interesting answers, not only 404s, and meta.locations to fetch back.
    for (const status of [200, 401, 404, 405]) expect(summary.statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
    expect(summary.locationsFetched).toBeGreaterThan(0);
  });
});
