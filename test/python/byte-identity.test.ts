// Every Python adapter answers exactly what the node adapter answers: for each request of a whole
// conformance run (recorded on the way to the node adapter: method, target, headers, body) and of the fuzz
// corpus (test/adapters/fuzz-requests.ts, same seed as fuzz.test.ts), the status, Content-Type, ETag, Allow and
// body bytes of Django (gunicorn) and FastAPI (uvicorn) equal node:http's, at the same mount and base URL.
// Every request of the corpus is compared: both Python mounts match the raw path as node:http's does, so a
// tenant holding an encoded `/` and the bare base with or without its trailing slash are the adapter's too
// (the last test asks for them by name).

import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConformanceChecks } from "../../generator/conformance/run-checks.js";
import { seededRandom } from "../../scripts/seeded-random.js";
import { startAdapterServer, type AdapterServer } from "../../scripts/serve.js";
import { expectationOf, oddMethods, randomRequest } from "../adapters/fuzz-requests.js";
import { mounts, pythonFrameworks, send, tenantBase, testToken, type RawResponse } from "../adapters/servers.js";

const seed = Number(process.env["SCIM_FUZZ_SEED"] ?? 0x5c1a);
const count = Number(process.env["SCIM_FUZZ_COUNT"] ?? 200);
/** One public base for every server: meta.location must not depend on which server answered. */
const publicOrigin = "http://scim.example.test";
const usualMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** A request as it went over the wire. */
interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

type MountName = keyof typeof mounts;
const servers = new Map<string, AdapterServer>();
const frameworks = ["node", ...pythonFrameworks] as const;

beforeAll(async () => {
  await Promise.all(
    frameworks.flatMap((framework) =>
      (Object.keys(mounts) as MountName[]).map(async (mount) =>
        servers.set(`${framework} ${mount}`, await startAdapterServer({ framework, port: 0, basePath: mounts[mount], baseUrl: publicOrigin, token: testToken })),
      ),
    ),
  );
}, 600_000);
afterAll(() => Promise.all([...servers.values()].map((server) => server.close())));

function server(framework: string, mount: MountName): AdapterServer {
  const found = servers.get(`${framework} ${mount}`);
  if (found === undefined) throw new Error(`${framework} ${mount} not started`);
  return found;
}

/** What must be identical: status, the four headers, and the body bytes (hex-free, as text and length). */
function comparable(response: RawResponse): object {
  const header = (name: string): string | undefined => {
    const value = response.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  };
  return {
    status: response.status,
    "content-type": header("content-type"),
    etag: header("etag"),
    allow: header("allow"),
    body: response.body.toString("latin1"),
  };
}

/**
 * Runs `scim-codegen check` through a recording proxy in front of the node adapter, so that every request of
 * the run (its headers included: Accept, If-None-Match, Host probes, no token) is known as sent.
 */
async function recordConformanceRun(mount: MountName): Promise<RecordedRequest[]> {
  const target = new URL(server("node", mount).origin);
  const recorded: RecordedRequest[] = [];
  const proxy: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers[(req.rawHeaders[i] as string).toLowerCase()] = req.rawHeaders[i + 1] as string;
      const body = Buffer.concat(chunks);
      delete headers["connection"];
      recorded.push({ method: req.method ?? "GET", path: req.url ?? "/", headers, ...(body.byteLength > 0 ? { body: body.toString("utf8") } : {}) });
      const forward = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on("error", () => res.writeHead(502).end());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  try {
    const path = mount === "plain" ? mounts.plain : tenantBase("acme-7");
    const run = await runConformanceChecks({ baseUrl: `http://127.0.0.1:${port}${path}`, options: { token: testToken } });
    if (!run.ok) throw new Error(run.message);
  } finally {
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  }
  return recorded;
}

async function differences(framework: string, mount: MountName, requests: readonly RecordedRequest[]): Promise<string[]> {
  const found: string[] = [];
  for (let i = 0; i < requests.length; i += 10) {
    await Promise.all(
      requests.slice(i, i + 10).map(async (request) => {
        const options = { method: request.method, headers: request.headers, auth: false, ...(request.body === undefined ? {} : { body: request.body }) };
        const [want, got] = await Promise.all([send(server("node", mount).origin, request.path, options), send(server(framework, mount).origin, request.path, options)]);
        const a = comparable(want);
        const b = comparable(got);
        if (JSON.stringify(a) !== JSON.stringify(b)) {
          found.push(`${request.method} ${request.path.slice(0, 120)}: node ${JSON.stringify(a).slice(0, 300)} ≠ ${framework} ${JSON.stringify(b).slice(0, 300)}`);
        }
      }),
    );
  }
  return found;
}

describe.each(pythonFrameworks)("%s adapter", (framework) => {
  it.each(["plain", "tenant"] as const)("answers every request of a conformance run byte for byte as node does (%s mount)", async (mount) => {
    const requests = await recordConformanceRun(mount);
    expect(requests.length).toBeGreaterThan(50);
    expect(await differences(framework, mount, requests)).toEqual([]);
  });

  it.each(["plain", "tenant"] as const)(`answers the fuzz corpus byte for byte as node does (%s mount, seed ${seed})`, async (mount) => {
    const random = seededRandom(seed);
    const corpus = Array.from({ length: count }, () => randomRequest(random, mount, [...usualMethods, ...oddMethods]));
    // Every request is the adapter's to answer, on node and here alike (see fuzz-requests.ts `expectationOf`).
    const compared = corpus.filter((request) => expectationOf(framework, mount, request) === "scim" && expectationOf("node", mount, request) === "scim");
    expect(compared).toHaveLength(corpus.length);
    expect(corpus.some((request) => /%2f/i.test(request.base))).toBe(mount === "tenant");
    expect(await differences(framework, mount, compared), `seed ${seed}`).toEqual([]);
  });

  it("passes scim-codegen check with no failure at tenants holding encoded octets (a%2Fb, a%20b), as node does", async () => {
    // Servers whose meta.location base is their own origin, as check expects of the URL it is given.
    const own = await Promise.all(["node" as const, framework].map((name) => startAdapterServer({ framework: name, port: 0, basePath: mounts.tenant, token: testToken })));
    try {
      for (const tenant of ["a%2Fb", "a%20b"]) {
        for (const started of own) {
          const run = await runConformanceChecks({ baseUrl: `${started.origin}${tenantBase(tenant)}`, options: { token: testToken, discoveryOnly: true } });
          if (!run.ok) throw new Error(run.message);
          const failed = run.report.results.filter((result) => result.status === "fail").map((result) => `${result.id}: ${result.detail ?? ""}`);
          expect(failed, `${started.framework} ${tenant}`).toEqual([]);
        }
      }
    } finally {
      await Promise.all(own.map((started) => started.close()));
    }
  }, 120_000);

  it("answers the bare base, its trailing slash and tenants holding an encoded / byte for byte as node does", async () => {
    const bases = { plain: [mounts.plain], tenant: ["acme-7", "a%2Fb", "a%2fb%2F", "%2F", "a%2F..", "%2e%2e%2F"].map(tenantBase) };
    const rests = ["", "/", "/ServiceProviderConfig", "/ResourceTypes/User", "/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser", "/Nope"];
    for (const mount of ["plain", "tenant"] as const) {
      const requests = bases[mount].flatMap((base) =>
        rests.flatMap((rest) => ["GET", "HEAD", "POST"].map((method) => ({ method, path: base + rest, headers: { authorization: `Bearer ${testToken}` } }))),
      );
      expect(await differences(framework, mount, requests)).toEqual([]);
    }
  });
});
