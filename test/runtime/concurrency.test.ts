// No request may see another request's base URL (SCIM-RULES.md "meta"): many tenants, interleaved by an
// async authentication hook, with a cache small enough to evict while requests are in flight.

import { describe, expect, it } from "vitest";
import { createDiscoveryHandler, createFetchHandler } from "../../generator/runtime/index.js";
import type { DiscoveryHandlerOptions, DiscoveryHandlerRequest, DiscoveryResponse } from "../../generator/runtime/index.js";
import { request, rfcDocuments, text } from "./fixtures.js";

const TENANTS = 60;
const PATHS = ["/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/user", "/Schemas", "/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AGroup"];

/** Yields to the microtask queue `n` times: deterministic interleaving, no timers. */
async function ticks(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

function locations(body: string): string[] {
  return [...body.matchAll(/"location":"([^"]+)"/g)].map((match) => match[1] as string);
}

interface Outcome {
  readonly tenant: number;
  readonly path: string;
  readonly response: DiscoveryResponse;
}

async function runInterleaved(
  options: DiscoveryHandlerOptions,
  requestFor: (tenant: number, path: string) => DiscoveryHandlerRequest,
  expectedBase: (tenant: number) => string,
): Promise<void> {
  const completed: number[] = [];
  const handler = createDiscoveryHandler(rfcDocuments(), {
    ...options,
    cacheSize: 7,
    // Tenants answer after different numbers of turns; multiples of 5 are refused.
    authenticate: async (r) => {
      const tenant = Number(/\/t(\d+)\//.exec(r.basePath)?.[1] ?? /t(\d+)\./.exec(String((r.headers as Record<string, string>)["host"]))?.[1]);
      await ticks((tenant * 7) % 13);
      return tenant % 5 !== 0;
    },
  } as DiscoveryHandlerOptions);

  const started: Promise<Outcome>[] = [];
  for (let round = 0; round < 2; round++) {
    for (let tenant = 0; tenant < TENANTS; tenant++) {
      for (const path of PATHS) {
        started.push(
          (async () => {
            const response = await handler(requestFor(tenant, path));
            completed.push(tenant);
            return { tenant, path, response };
          })(),
        );
      }
    }
  }
  const outcomes = await Promise.all(started);

  // The requests really did interleave: completion order differs from start order.
  expect(completed).not.toEqual([...completed].sort((a, b) => a - b));
  for (const { tenant, path, response } of outcomes) {
    if (tenant % 5 === 0) {
      expect(response.status, `${tenant} ${path}`).toBe(401);
      continue;
    }
    expect(response.status, `${tenant} ${path}`).toBe(200);
    const found = locations(text(response));
    expect(found.length).toBeGreaterThan(0);
    for (const location of found) expect(location.startsWith(`${expectedBase(tenant)}/`), `${tenant} ${path}: ${location}`).toBe(true);
  }
}

describe("concurrent tenants never see each other's base URL", () => {
  it("origin + basePath", async () => {
    await runInterleaved(
      { origin: "https://scim.example" },
      (tenant, path) => request(path, { basePath: `/api/0/organizations/t${tenant}/scim/v2` }),
      (tenant) => `https://scim.example/api/0/organizations/t${tenant}/scim/v2`,
    );
  });

  it("a baseUrl function of the request", async () => {
    await runInterleaved(
      { baseUrl: (r) => `https://${r.basePath.split("/")[2] ?? ""}.scim.example/v2` },
      (tenant, path) => request(path, { basePath: `/orgs/t${tenant}/v2` }),
      (tenant) => `https://t${tenant}.scim.example/v2`,
    );
  });

  it("trustHost", async () => {
    await runInterleaved(
      { trustHost: true },
      (tenant, path) => request(path, { basePath: "/scim/v2", headers: { host: `t${tenant}.example` } }),
      (tenant) => `https://t${tenant}.example/scim/v2`,
    );
  });

  it("through the fetch handler with a parameterised mount", async () => {
    const fetchHandler = createFetchHandler(rfcDocuments(), {
      origin: "https://scim.example",
      basePath: "/orgs/:org/scim/v2",
      cacheSize: 3,
      authenticate: async (r) => {
        await ticks(r.basePath.length % 7);
        return true;
      },
    });
    const tenants = Array.from({ length: 40 }, (_, i) => `org-${i}`);
    const responses = await Promise.all(
      tenants.map(async (org) => {
        const response = await fetchHandler(new Request(`https://scim.example/orgs/${org}/scim/v2/Schemas`));
        return { org, body: await response.text() };
      }),
    );
    for (const { org, body } of responses) {
      for (const location of locations(body)) expect(location.startsWith(`https://scim.example/orgs/${org}/scim/v2/Schemas/`)).toBe(true);
    }
  });
});
