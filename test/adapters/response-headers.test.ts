// `responseHeaders` reaches the 404s the glue answers itself, outside the runtime's routing: the node
// listener's paths outside its mount, and Fastify's frameworkErrors for malformed URLs.
import { createServer } from "node:http";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { scimDiscovery as fastifyDiscovery, scimFrameworkErrors } from "@scim-discovery/fastify";
import { scimDiscovery as nodeDiscovery } from "@scim-discovery/node";

const responseHeaders = { "x-content-type-options": "nosniff" };

describe("responseHeaders on the glue's own 404s", () => {
  it("node: a path outside the mount", async () => {
    const server = createServer(nodeDiscovery({ basePath: "/scim/v2", origin: "http://127.0.0.1", responseHeaders }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/elsewhere`);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("application/scim+json");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    } finally {
      server.close();
    }
  });

  it("fastify: a malformed percent-encoding below the prefix", async () => {
    const app = Fastify({ frameworkErrors: scimFrameworkErrors("/scim/v2", { responseHeaders }) });
    await app.register(fastifyDiscovery, { prefix: "/scim/v2", origin: "http://127.0.0.1", responseHeaders });
    const response = await app.inject({ method: "GET", url: "/scim/v2/Schemas/%zz" });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toBe("application/scim+json");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(JSON.parse(response.body)).toMatchObject({ status: "404" });
    await app.close();
  });
});
