// Many tenants at once through every adapter's tenant mount: each response's meta.location carries the
// tenant of its own request, on single documents and on every item of the lists (no shared mutable state,
// SCIM-RULES "meta"). Tenants are spelled differently (case, digits, percent-encoded) and far more than
// fit the runtime's per-base cache would be a different test; here 60 tenants interleave on 300 requests.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdapterServer } from "../../scripts/serve.js";
import { nodeAndPythonFrameworks, jsonOf, mounts, send, startServer, tenantBase } from "./servers.js";

const tenants = Array.from({ length: 60 }, (_, i) => [`org-${i}`, `Org${i}`, `o%2D${i}`][i % 3] as string);
const paths = ["/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/User", "/Schemas", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group"];

/** Every meta.location in a discovery response (the document's own, or each listed resource's). */
function locations(body: unknown): string[] {
  const document = body as { meta?: { location?: unknown }; Resources?: { meta?: { location?: unknown } }[] };
  const found = [document.meta?.location, ...(document.Resources ?? []).map((item) => item.meta?.location)];
  return found.filter((location): location is string => typeof location === "string");
}

const servers = new Map<string, AdapterServer>();
beforeAll(async () => {
  await Promise.all(nodeAndPythonFrameworks.map(async (framework) => servers.set(framework, await startServer(framework, mounts.tenant))));
}, 600_000);
afterAll(() => Promise.all([...servers.values()].map((server) => server.close())));

describe.each(nodeAndPythonFrameworks)("%s adapter", (framework) => {
  it("answers 300 concurrent requests for 60 tenants, each with its own tenant's locations", async () => {
    const server = servers.get(framework);
    if (server === undefined) throw new Error("server not started");
    const requests = tenants.flatMap((tenant, i) => paths.map((path, j) => ({ tenant, path: paths[(i + j) % paths.length] ?? path })));
    const results = await Promise.all(
      requests.map(async ({ tenant, path }) => ({ tenant, path, response: await send(server.origin, tenantBase(tenant) + path) })),
    );
    const crossed: string[] = [];
    for (const { tenant, path, response } of results) {
      expect(response.status, `${tenant}${path}`).toBe(200);
      const base = `${server.origin}${tenantBase(tenant)}/`;
      const found = locations(jsonOf(response));
      expect(found.length, `${tenant}${path}`).toBeGreaterThan(0);
      for (const location of found) if (!location.startsWith(base)) crossed.push(`${tenant}${path}: ${location}`);
    }
    expect(crossed).toEqual([]);
  });
});
