// What each framework could get wrong around the runtime: 405 decided before the body is read or parsed,
// HEAD, the exact headers (no charset, no weak ETag), 304, OPTIONS, and SCIM errors instead of the
// framework's own pages, on every adapter.

import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AdapterServer } from "../../scripts/serve.js";
import { adapterFrameworks, jsonOf, mounts, send, startServer, testToken } from "./servers.js";

const userSchema = "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User";
const endpoints = [
  "/scim/v2/ServiceProviderConfig",
  "/scim/v2/ResourceTypes",
  "/scim/v2/ResourceTypes/Group",
  "/scim/v2/Schemas",
  userSchema,
  "/scim/v2/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser",
];

const servers = new Map<string, AdapterServer>();
beforeAll(async () => {
  await Promise.all(adapterFrameworks.map(async (framework) => servers.set(framework, await startServer(framework, mounts.plain))));
});
afterAll(() => Promise.all([...servers.values()].map((server) => server.close())));

function serverOf(framework: string): AdapterServer {
  const server = servers.get(framework);
  if (server === undefined) throw new Error("server not started");
  return server;
}

/**
 * Sends a request head announcing a body of `announced` bytes, then only `sent` of them, and resolves
 * with the raw response head: a server that waits for (or parses) the body before answering never answers.
 */
function sendWithoutFullBody(origin: string, method: string, path: string, headers: Readonly<Record<string, string>>): Promise<string> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${method} ${path} while its body was still incomplete`));
    }, 3_000);
    socket.on("connect", () => {
      const head = Object.entries({ host: url.host, authorization: `Bearer ${testToken}`, ...headers })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("");
      socket.write(`${method} ${path} HTTP/1.1\r\n${head}\r\ntest`);
    });
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (received.includes("\r\n\r\n")) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received.slice(0, received.indexOf("\r\n\r\n")));
      }
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

describe.each(adapterFrameworks)("%s adapter", (framework) => {
  it.each(["POST", "PUT", "PATCH", "DELETE"])("answers %s with 405 and Allow, whatever the body", async (method) => {
    const { origin } = serverOf(framework);
    const bodies: [string, string | Buffer][] = [
      ["text/plain", "test"], // Okta's spec test
      ["application/json", "test"],
      ["application/scim+json", '{"schemas":'],
      ["not a media type", "test"],
      ["application/json", Buffer.alloc(3 * 1024 * 1024, 0x7b)], // over Fastify's 1 MiB bodyLimit
    ];
    for (const [contentType, body] of bodies) {
      const response = await send(origin, "/scim/v2/Schemas", { method, body, headers: { "content-type": contentType } });
      expect(response.status, `${method} ${contentType}`).toBe(405);
      expect(response.headers["allow"]).toBe("GET, HEAD");
      expect(response.headers["content-type"]).toBe("application/scim+json");
      expect(jsonOf(response)).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "405" });
    }
  });

  it("decides 405 before reading the body: it answers while the announced body is still incomplete", async () => {
    const { origin } = serverOf(framework);
    const head = await sendWithoutFullBody(origin, "POST", "/scim/v2/ResourceTypes", {
      "content-type": "application/json",
      "content-length": String(50 * 1024 * 1024),
    });
    expect(head).toMatch(/^HTTP\/1\.1 405 /);
    expect(head.toLowerCase()).toContain("\r\ncontent-type: application/scim+json\r\n");
    // The servers run in this process: a client's bad framing is no error of theirs to log (Koa logged it).
    const logged = vi.spyOn(console, "error");
    try {
      const chunked = await sendWithoutFullBody(origin, "PUT", userSchema, { "content-type": "text/plain", "transfer-encoding": "chunked" });
      expect(chunked).toMatch(/^HTTP\/1\.1 (405|400) /); // "test" is not valid chunk framing: 400 from Node's parser is fine too
      await new Promise((resolve) => setTimeout(resolve, 100)); // the parser error reaches the app after the answer
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it.each(endpoints)("answers HEAD %s like GET, without a body", async (path) => {
    const { origin } = serverOf(framework);
    const [get, head] = await Promise.all([send(origin, path), send(origin, path, { method: "HEAD" })]);
    expect(get.status).toBe(200);
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers["content-type"]).toBe("application/scim+json");
    expect(head.headers["etag"]).toBe(get.headers["etag"]);
    // Next.js streams (no Content-Length); everywhere else HEAD announces the GET body's length.
    if (get.headers["content-length"] !== undefined) expect(head.headers["content-length"]).toBe(String(get.body.byteLength));
  });

  it("sends exactly application/scim+json, a strong ETag, and no framework additions", async () => {
    const { origin } = serverOf(framework);
    for (const path of endpoints) {
      const response = await send(origin, path, { headers: { accept: "application/json", "accept-charset": "utf-8" } });
      expect(response.status, path).toBe(200);
      expect(response.headers["content-type"], path).toBe("application/scim+json");
      expect(response.headers["etag"], path).toMatch(/^"[^"]+"$/); // strong: no W/ from Express
      // Exactly one Content-Length, the body's (Koa sets it from the body itself); Next.js streams instead.
      if (framework !== "next") expect(response.headers["content-length"], path).toBe(String(response.body.byteLength));
      if (framework !== "next") expect(response.headers["cache-control"], path).toBeUndefined();
      expect(response.headers["location"], path).toBeUndefined(); // never a redirect
    }
  });

  it("answers a matching If-None-Match with 304 and no body", async () => {
    const { origin } = serverOf(framework);
    const first = await send(origin, "/scim/v2/ResourceTypes");
    const etag = first.headers["etag"];
    if (etag === undefined) throw new Error("no etag");
    const second = await send(origin, "/scim/v2/ResourceTypes", { headers: { "if-none-match": etag } });
    expect(second.status).toBe(304);
    expect(second.body.byteLength).toBe(0);
    expect(second.headers["etag"]).toBe(etag);
  });

  it("answers OPTIONS with 204 and Allow", async () => {
    const response = await send(serverOf(framework).origin, "/scim/v2/Schemas", { method: "OPTIONS" });
    expect(response.status).toBe(204);
    expect(response.headers["allow"]).toBe("GET, HEAD, OPTIONS");
  });

  it.each(["/scim/v2", "/scim/v2/", "/scim/v2/Users", "/scim/v2/Schemas/urn:x:unknown", "/scim/v2/ResourceTypes/Nope", "/scim/v2/%zz"])(
    "answers %s with a SCIM 404, not the framework's page",
    async (path) => {
      const response = await send(serverOf(framework).origin, path);
      // Next.js: the bare base is outside `[...scim]`; the fixture's root catch-all answers it, the bridge too.
      expect(response.status).toBe(404);
      expect(response.headers["content-type"]).toBe("application/scim+json");
      expect(jsonOf(response)).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404" });
    },
  );

  it("answers 401 with WWW-Authenticate without the token", async () => {
    const response = await send(serverOf(framework).origin, "/scim/v2/Schemas", { auth: false });
    expect(response.status).toBe(401);
    expect(response.headers["www-authenticate"]).toBe('Bearer realm="SCIM"');
    expect(response.headers["content-type"]).toBe("application/scim+json");
  });

  it("never builds meta.location from Host or X-Forwarded-* (not opted in)", async () => {
    const { origin } = serverOf(framework);
    const response = await send(origin, "/scim/v2/ServiceProviderConfig", {
      headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    });
    expect(response.status).toBe(200);
    expect((jsonOf(response) as { meta: { location: string } }).meta.location).toBe(`${origin}/scim/v2/ServiceProviderConfig`);
  });
});
