// The README section every adapter shares ("What it answers") says which adapters answer a dot-segment
// tenant or path with a SCIM 404 and which frameworks resolve dot segments first, so that the request
// leaves the mount. It used to promise the SCIM 404 on every adapter; on Hono and Next.js the framework
// answers instead. Here each adapter is asked, and its README must put it in the list its answers show.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../generator/package-root.js";
import type { AdapterServer, NodeAdapterFramework } from "../../scripts/serve.js";
import { adapterFrameworks, jsonOf, mounts, send, startServer, tenantBase, type AdapterFramework, type RawResponse } from "./servers.js";

/** How each adapter's README names its framework. */
const frameworkNames: Readonly<Record<NodeAdapterFramework, string>> = {
  express: "Express",
  fastify: "Fastify",
  hono: "Hono",
  koa: "Koa",
  next: "Next.js",
  node: "node:http",
};

/** Dot segments below the mount that lead back into it once resolved: served by a framework that resolves them first. */
const resolvableDotPaths = ["/./", "/%2e/", "/Schemas/../", "/Schemas/%2e%2E/", "/Schemas/.%2e/"].map((dots) => `${tenantBase("acme")}${dots}ServiceProviderConfig`);
/** Dot segments as the tenant: no tenant, a SCIM 404 where the adapter sees them. */
const dotTenantPaths = [".", "..", "%2e", "%2E%2e", ".%2e"].map((tenant) => `${tenantBase(tenant)}/ServiceProviderConfig`);

function isScimError(response: RawResponse, status: number): boolean {
  const body = jsonOf(response) as { schemas?: unknown } | undefined;
  return (
    response.status === status &&
    response.headers["content-type"] === "application/scim+json" &&
    JSON.stringify(body?.schemas) === JSON.stringify(["urn:ietf:params:scim:api:messages:2.0:Error"])
  );
}

/** The adapters the README's "What it answers" names as answering with a SCIM 404, and as resolving dot segments first. */
function dotSegmentClaims(readme: string): { readonly scim404: readonly string[]; readonly resolveFirst: readonly string[] } {
  const at = readme.indexOf("## What it answers");
  const section = (at === -1 ? "" : readme.slice(at)).replace(/\s+/g, " ");
  const list = (pattern: RegExp): string[] => (pattern.exec(section)?.[1] ?? "").split(",").map((name) => name.trim()).filter((name) => name !== "");
  return {
    scim404: list(/get a SCIM 404 where the runtime sees the raw path \(([^)]*)\)/),
    resolveFirst: list(/resolve dot segments before routing \(([^;)]*)[;)]/),
  };
}

let servers: ReadonlyMap<AdapterFramework, AdapterServer>;
beforeAll(async () => {
  servers = new Map(await Promise.all(adapterFrameworks.map(async (framework) => [framework, await startServer(framework, mounts.tenant)] as const)));
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.close()));
});

describe.each(adapterFrameworks)("%s: the README says how dot segments are answered", (framework) => {
  it("names the adapter in the list its answers put it in, and only there", async () => {
    const origin = servers.get(framework)?.origin ?? "";
    const resolved = await Promise.all(resolvableDotPaths.map(async (path) => [path, (await send(origin, path)).status] as const));
    const resolvesFirst = resolved.every(([, status]) => status === 200);
    if (!resolvesFirst) {
      // The adapter sees the dot segments: each, below the mount or as the tenant, gets a SCIM 404.
      for (const path of [...resolvableDotPaths, ...dotTenantPaths]) expect(isScimError(await send(origin, path), 404), path).toBe(true);
    }
    const claims = dotSegmentClaims(await readFile(join(packageRoot, "generated", "packages", framework, "README.md"), "utf8"));
    expect([...claims.scim404, ...claims.resolveFirst].sort(), "every adapter in exactly one list").toEqual(Object.values(frameworkNames).sort());
    const name = frameworkNames[framework];
    expect({ name, resolvesFirst, listed: resolvesFirst ? claims.resolveFirst : claims.scim404 }).toEqual({ name, resolvesFirst, listed: expect.arrayContaining([name]) as unknown });
  });
});
