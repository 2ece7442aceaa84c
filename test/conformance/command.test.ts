import { createServer as createHttpServer } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allChecks } from "../../generator/conformance/checks/index.js";
import { checkHelpText, parseCheckArguments, runCheckCommand } from "../../generator/conformance/command.js";
import { startFakeScimServer, type FakeServerOptions, type RunningServer } from "./fixtures/fake-scim-server.js";

interface CommandRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function check(argv: readonly string[]): Promise<CommandRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCheckCommand(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

async function withServer(options: FakeServerOptions, body: (server: RunningServer) => Promise<void>): Promise<void> {
  const server = await startFakeScimServer(options);
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

const linePattern = /^(PASS|FAIL|SKIP) {2}[a-z][a-z0-9.-]+ {2}RFC \d+ §[\d.]+ {2}\S.*$/;

describe("scim-codegen check --help and --list", () => {
  it("--help documents every option and the exit codes, on stdout, exit 0", async () => {
    const run = await check(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(checkHelpText);
    for (const option of ["<baseUrl>", "--token", "--json", "--timeout", "--exact-case", "--no-service-provider-schemas", "--spc-filter-forbidden", "--public-spc", "--trust-forwarded-headers", "--discovery-only", "--list", "--help"]) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toMatch(/^ {2}0 /m);
    expect(run.stdout).toMatch(/^ {2}1 /m);
    expect(run.stdout).toMatch(/^ {2}2 /m);
  });

  it("--list prints one line per check", async () => {
    const run = await check(["--list"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(allChecks.length);
    expect(lines[0]).toBe(`${allChecks[0]?.id}  ${allChecks[0]?.level}  ${allChecks[0]?.rfc}  ${allChecks[0]?.title}`);
  });
});

describe("scim-codegen check usage errors exit 2 with one line and a hint", () => {
  it.each([
    [[], "missing <baseUrl>"],
    [["ftp://example.com/scim"], "not an http(s) URL"],
    [["not a url"], "not a URL"],
    [["http://example.com/scim?x=1"], "must not have a query"],
    [["http://user:pw@example.com/scim"], "use --token"],
    [["--bogus", "http://example.com"], "unknown option --bogus"],
    [["http://example.com", "--token"], "--token needs a value"],
    [["http://example.com", "--token", "--json"], "--token needs a value"],
    [["http://example.com", "--timeout", "soon"], "--timeout needs a positive number"],
    [["http://example.com", "--timeout=0"], "--timeout needs a positive number"],
    [["http://example.com", "--json=yes"], "--json takes no value"],
    [["http://example.com", "http://example.org"], "only one base URL"],
  ] as const)("%j", async (argv, message) => {
    const run = await check(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("--help");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("accepts --option=value and --option value alike", () => {
    const spaced = parseCheckArguments(["http://x/scim", "--token", "t", "--timeout", "50", "--exact-case"]);
    const joined = parseCheckArguments(["--token=t", "--timeout=50", "--exact-case", "http://x/scim"]);
    expect(joined).toEqual(spaced);
    expect(typeof spaced === "object" && spaced.options).toMatchObject({ token: "t", exactCase: true });
  });
});

describe("scim-codegen check against services it cannot check exits 2 with one line", () => {
  const servers: Array<Server | ReturnType<typeof createHttpServer>> = [];
  const sockets: Socket[] = [];
  const track = <T extends Server | ReturnType<typeof createHttpServer>>(server: T): T => {
    servers.push(server);
    server.on("connection", (socket: Socket) => sockets.push(socket));
    return server;
  };
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  });

  it("a closed port: connection refused", async () => {
    const probe = createNetServer();
    const port = await listen(probe);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const run = await check([`http://127.0.0.1:${port}/scim/v2`]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: `cannot reach http://127.0.0.1:${port}/scim/v2: connection refused\n` });
  });

  it("port 1, which fetch would refuse as a 'bad port': still connection refused", async () => {
    const run = await check(["http://127.0.0.1:1/scim/v2/"]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: "cannot reach http://127.0.0.1:1/scim/v2: connection refused\n" });
  });

  it("a server that does not speak HTTP: garbage", async () => {
    const garbage = track(createNetServer((socket) => socket.end("SSH-2.0-OpenSSH_9.6\r\n")));
    const port = await listen(garbage);
    const run = await check([`http://127.0.0.1:${port}/scim/v2`]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/scim/v2 answered garbage: not an HTTP response \\(.+\\)\\n$`));
  });

  it("a server that never answers: the --timeout applies", async () => {
    const silent = track(createNetServer(() => undefined));
    const port = await listen(silent);
    const run = await check([`http://127.0.0.1:${port}/scim/v2`, "--timeout", "100"]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: `cannot reach http://127.0.0.1:${port}/scim/v2: no response within 100 ms\n` });
  });

  it("a web site, not a SCIM service: HTML 404 everywhere", async () => {
    const site = track(createHttpServer((request, response) => response.writeHead(404, { "content-type": "text/html" }).end("<h1>Not Found</h1>")));
    const port = await listen(site);
    const run = await check([`http://127.0.0.1:${port}/`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `http://127.0.0.1:${port} does not look like a SCIM service: GET /ServiceProviderConfig answered 404 (text/html), GET /ResourceTypes answered 404 (text/html), GET /Schemas answered 404 (text/html)\n`,
    );
  });

  it("a protected service without --token: says to pass one", async () => {
    await withServer({ token: "s3cret" }, async (server) => {
      const run = await check([server.baseUrl]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/does not look like a SCIM service: .*answered 401.*; pass --token\n$/);
    });
  });

  it("a protected service with a wrong --token: says the token was rejected", async () => {
    await withServer({ token: "s3cret" }, async (server) => {
      const run = await check([server.baseUrl, "--token", "wrong"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/; the token was rejected\n$/);
      expect(run.stderr).not.toContain("wrong");
    });
  });
});

describe("scim-codegen check reports", () => {
  let compliant: RunningServer;
  beforeAll(async () => {
    compliant = await startFakeScimServer({ token: "s3cret" });
  });
  afterAll(async () => compliant.close());

  it("text: one line per check, then the summary alone on the last line; exit 0", async () => {
    const run = await check([compliant.baseUrl, "--token", "s3cret"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(allChecks.length + 1);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(linePattern);
    expect(lines).toContain("PASS  spc.features.bulk  RFC 7643 §5  bulk states supported, maxOperations and maxPayloadSize");
    expect(lines.at(-1)).toBe(`${allChecks.length} passed, 0 failed`);
    expect(run.stdout).not.toContain("s3cret");
  });

  it("text without --token: the skipped count joins the summary", async () => {
    await withServer({}, async (server) => {
      const run = await check([server.baseUrl]);
      const skipped = allChecks.filter((item) => item.id.startsWith("auth.")).length;
      expect(run.code).toBe(0);
      expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(`${allChecks.length - skipped} passed, 0 failed, ${skipped} skipped`);
      expect(run.stdout).toMatch(/^SKIP {2}auth\.www-authenticate {2}RFC 7235 §4\.1 {2}.+ — no --token given/m);
    });
  });

  it("a failed required check: FAIL line with what was seen, exit 1", async () => {
    await withServer({ documents: (documents) => (documents.serviceProviderConfig["bulk"]["maxOperations"] = "1000") }, async (server) => {
      const run = await check([server.baseUrl]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('FAIL  spc.features.bulk  RFC 7643 §5  bulk states supported, maxOperations and maxPayloadSize — bulk.maxOperations "1000"\n');
      expect(run.stdout.trimEnd().split("\n").at(-1)).toMatch(/^\d+ passed, 1 failed, \d+ skipped$/);
    });
  });

  it("only recommended checks failed: marked (recommended), exit 0", async () => {
    await withServer({ caseInsensitive: false }, async (server) => {
      const run = await check([server.baseUrl]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^FAIL {2}routes\.schema-case-insensitive {2}RFC 7644 §3\.10 {2}.+ \(recommended\) — GET \/Schemas\/urn:ietf:params:scim:schemas:core:2\.0:user answered 404/m);
    });
  });

  it("--json: one JSON object with the summary and every result; same exit code", async () => {
    const run = await check([compliant.baseUrl, "--token", "s3cret", "--json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; baseUrl: string; summary: Record<string, number>; results: Array<Record<string, string>> };
    expect(report.ok).toBe(true);
    expect(report.baseUrl).toBe(compliant.baseUrl);
    expect(report.summary).toEqual({ passed: allChecks.length, failed: 0, skipped: 0, requiredFailed: 0, recommendedFailed: 0 });
    expect(report.results.map((result) => result.id)).toEqual(allChecks.map((item) => item.id));
    expect(report.results[0]).toEqual({ id: "routes.service-provider-config", level: "required", rfc: "RFC 7644 §4", title: allChecks[0]?.title, status: "pass" });
    expect(run.stdout).not.toContain("s3cret");
  });
});
