import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffCommand } from "../../generator/cli/diff.js";
import { compareModels } from "../../generator/diff/compare-models.js";
import { diffCodes } from "../../generator/diff/diff-codes.js";
import { githubAnnotationMessage, githubAnnotationProperty } from "../../generator/emit/escape.js";
import { readFolderVersion } from "../../generator/diff/read-version.js";
import type { ModelVersion } from "../../generator/diff/model-positions.js";
import type { Attribute, Model } from "../../generator/model/model.js";
import type { Mutability } from "../../generator/model/definition-types.js";
import { repoRoot } from "../helpers/repo.js";
import { defaultDefinitionFiles } from "../helpers/temp-project.js";
import { baseDefinitions } from "./base-definitions.js";
import { diffCases, replace, type Files } from "./diff-cases.js";

// One temp git repository: the base version committed, each case's version written to the working tree
// and compared with the commit (`--against <commit>`), then with the base version as a folder
// (`--against old/definitions`, untracked).

let root: string;
let baseCommit: string;

const gitIn = (cwd: string, ...args: string[]): string =>
  execFileSync("git", ["-c", "user.name=scim-codegen test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });

async function writeFiles(base: string, files: Files): Promise<void> {
  await rm(join(base, "definitions"), { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(base, path)), { recursive: true });
    await writeFile(join(base, path), text);
  }
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function diff(args: readonly string[], cwd = root): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await diffCommand([...args, "--no-cache"], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, cwd);
  return { code, stdout, stderr };
}

/** The changes of a JSON report as `file:line:col severity code subject`. */
function compact(run: Run): string[] {
  const report = JSON.parse(run.stdout) as { changes: { file: string; line: number; col: number; severity: string; code: string; subject: string }[] };
  return report.changes.map((c) => `${c.file.replace(/^old\//, "")}:${c.line}:${c.col} ${c.severity} ${c.code} ${c.subject}`);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "scim-codegen-diff-test-"));
  await writeFiles(root, baseDefinitions);
  gitIn(root, "init", "-q");
  gitIn(root, "add", ".");
  gitIn(root, "commit", "-q", "-m", "base");
  baseCommit = gitIn(root, "rev-parse", "HEAD").trim();
  await writeFiles(join(root, "old"), baseDefinitions);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("scim-codegen diff: given/want", () => {
  it.each(diffCases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const files: Files = { ...baseDefinitions };
    c.edit(files);
    await writeFiles(root, files);
    const wantCode = c.want.some((w) => w.includes(" breaking ")) ? 1 : 0;

    const fromGit = await diff(["--against", baseCommit, "--json"]);
    expect(fromGit.stderr).toBe("");
    expect(compact(fromGit)).toEqual(c.want);
    expect(fromGit.code).toBe(wantCode);

    const fromFolder = await diff(["--against", "old/definitions", "--json"]);
    expect(fromFolder.stderr).toBe("");
    expect(compact(fromFolder)).toEqual(c.want);
    expect(fromFolder.code).toBe(wantCode);
  });

  it("has a case for every code, and at least 40 cases", () => {
    const used = new Set(diffCases.flatMap((c) => c.want.map((w) => w.split(" ")[2])));
    expect(Object.keys(diffCodes).filter((code) => !used.has(code))).toEqual([]);
    expect(diffCases.length).toBeGreaterThanOrEqual(40);
  });

  it("each case's severity is the code table's", () => {
    for (const c of diffCases) {
      for (const w of c.want) {
        const [, severity, code] = w.split(" ");
        expect(diffCodes[code as keyof typeof diffCodes].severity, w).toBe(severity);
      }
    }
  });
});

describe("mutability: the full lattice (RFC 7643 §2.2)", () => {
  // What a client may do: readWrite = read, set on create, change later; immutable = read, set on create;
  // writeOnly = set on create, change later; readOnly = read. Breaking when any is lost.
  const table: readonly [Mutability, Mutability, "mutability-narrowed" | "mutability-widened"][] = [
    ["readWrite", "immutable", "mutability-narrowed"],
    ["readWrite", "readOnly", "mutability-narrowed"],
    ["readWrite", "writeOnly", "mutability-narrowed"],
    ["immutable", "readWrite", "mutability-widened"],
    ["immutable", "readOnly", "mutability-narrowed"],
    ["immutable", "writeOnly", "mutability-narrowed"],
    ["writeOnly", "readWrite", "mutability-widened"],
    ["writeOnly", "immutable", "mutability-narrowed"],
    ["writeOnly", "readOnly", "mutability-narrowed"],
    ["readOnly", "readWrite", "mutability-widened"],
    ["readOnly", "immutable", "mutability-widened"],
    ["readOnly", "writeOnly", "mutability-narrowed"],
  ];
  let base: ModelVersion;
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), "scim-codegen-diff-lattice-"));
    try {
      await writeFiles(dir, baseDefinitions);
      const read = await readFolderVersion(join(dir, "definitions"), dir);
      if (read.status !== "ok") throw new Error("the base definitions must be valid");
      base = read.version;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  const withTitle = (mutability: Mutability): ModelVersion => {
    const model: Model = base.model;
    const schemas = model.schemas.map((s) => ({
      ...s,
      attributes: s.attributes.map((a): Attribute => (a.name === "title" ? { ...a, mutability } : a)),
    }));
    return { model: { ...model, schemas }, where: base.where };
  };
  it.each(table)("%s → %s is %s", (from, to, code) => {
    const changes = compareModels(withTitle(from), withTitle(to));
    expect(changes.map((c) => [c.code, c.severity, c.subject])).toEqual([[code, diffCodes[code].severity, "urn:ietf:params:scim:schemas:core:2.0:User:title"]]);
  });
  it("returned: to never, from always and default to request narrow; the reverse widens", () => {
    const withReturned = (returned: Attribute["returned"]): ModelVersion => ({
      model: { ...base.model, schemas: base.model.schemas.map((s) => ({ ...s, attributes: s.attributes.map((a) => (a.name === "title" ? { ...a, returned } : a)) })) },
      where: base.where,
    });
    const order = ["never", "request", "default", "always"] as const;
    for (const [i, from] of order.entries()) {
      for (const [j, to] of order.entries()) {
        if (i === j) continue;
        const [change] = compareModels(withReturned(from), withReturned(to));
        expect(change?.code, `${from} → ${to}`).toBe(j < i ? "returned-narrowed" : "returned-widened");
      }
    }
  });
});

describe("the three formats", () => {
  beforeAll(async () => {
    const files: Files = { ...baseDefinitions };
    replace(files, "definitions/schemas/user.yaml", "  - name: nickName\n    description: The casual way to address the user.\n", "");
    replace(files, "definitions/schemas/user.yaml", "uniqueness: server", "uniqueness: none");
    await writeFiles(root, files);
  });

  it("text: one line per change, the summary, and the entries that would accept the breaking ones", async () => {
    const run = await diff(["--against", baseCommit]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        "definitions/schemas/user.yaml:8:17 - compatible uniqueness-relaxed: the uniqueness of userName changed from server to none; values that were accepted still are",
        "definitions/schemas/user.yaml:9:11 - breaking attribute-removed: attribute nickName of urn:ietf:params:scim:schemas:core:2.0:User was removed; IdP mappings that write it get 400 or the value is dropped; readers lose the value",
        `scim-codegen diff: 1 breaking, 1 compatible against ${baseCommit}.`,
        "To accept a breaking change on purpose, add an entry with its reason to definitions/accepted-breaking-changes.yaml:",
        "accepted:",
        "  - code: attribute-removed",
        '    subject: "urn:ietf:params:scim:schemas:core:2.0:User:nickName"',
        '    reason: "<why breaking existing clients is acceptable>"',
        "",
      ].join("\n"),
    );
  });

  it("--json: the same as data", async () => {
    const run = await diff(["--against", baseCommit, "--json"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ against: baseCommit, breaking: 1, accepted: 0, compatible: 1, unusedAcceptances: [] });
    expect((report["changes"] as unknown[])[1]).toEqual({
      file: "definitions/schemas/user.yaml",
      line: 9,
      col: 11,
      side: "old",
      severity: "breaking",
      code: "attribute-removed",
      subject: "urn:ietf:params:scim:schemas:core:2.0:User:nickName",
      what: "attribute nickName of urn:ietf:params:scim:schemas:core:2.0:User was removed",
      affects: diffCodes["attribute-removed"].affects,
      accepted: null,
    });
  });

  it("--format github: workflow annotations, properties escaped", async () => {
    const run = await diff(["--against", baseCommit, "--format", "github"]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "::notice file=definitions/schemas/user.yaml,line=8,col=17,title=scim-codegen diff%3A compatible uniqueness-relaxed::the uniqueness of userName changed from server to none; values that were accepted still are [urn:ietf:params:scim:schemas:core:2.0:User:userName]",
    );
    expect(lines[1]).toMatch(/^::error file=definitions\/schemas\/user\.yaml,line=9,col=11,title=scim-codegen diff%3A breaking attribute-removed \(line in [0-9a-f]{40}\)::attribute nickName of/);
    expect(lines[2]).toBe(`scim-codegen diff: 1 breaking, 1 compatible against ${baseCommit}.`);
  });
});

describe("the allow-list (definitions/accepted-breaking-changes.yaml)", () => {
  const allowList = "definitions/accepted-breaking-changes.yaml";
  const withAllowList = async (text: string): Promise<void> => {
    const files: Files = { ...baseDefinitions };
    replace(files, "definitions/schemas/user.yaml", "  - name: nickName\n    description: The casual way to address the user.\n", "");
    files[allowList] = text;
    await writeFiles(root, files);
  };

  it("an entry accepts the change: exit 0, and the report says why", async () => {
    await withAllowList(`accepted:
  - code: attribute-removed
    subject: urn:ietf:params:scim:schemas:core:2.0:user:NICKNAME
    reason: Never populated; the two tenants that mapped it moved to displayName (TICKET-42).
`);
    const run = await diff(["--against", baseCommit]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "definitions/schemas/user.yaml:9:11 - breaking attribute-removed: attribute nickName of urn:ietf:params:scim:schemas:core:2.0:User was removed; IdP mappings that write it get 400 or the value is dropped; readers lose the value (accepted: Never populated; the two tenants that mapped it moved to displayName (TICKET-42).)\n" +
        `scim-codegen diff: 1 breaking (1 accepted), 0 compatible against ${baseCommit}.\n`,
    );
    const github = await diff(["--against", baseCommit, "--format", "github"]);
    expect(github.code).toBe(0);
    expect(github.stdout).toMatch(/^::notice file=definitions\/schemas\/user\.yaml,line=9,col=11,title=scim-codegen diff%3A breaking attribute-removed \(accepted\) \(line in [0-9a-f]{40}\)::.*\(accepted: Never populated; .*\)/);
    const json = JSON.parse((await diff(["--against", baseCommit, "--json"])).stdout) as { changes: { accepted: unknown }[] };
    expect(json.changes[0]?.accepted).toEqual({ reason: "Never populated; the two tenants that mapped it moved to displayName (TICKET-42).", file: allowList, line: 2, col: 5 });
    // The generator does not take the allow-list for a misplaced definition file.
    const { readDefinitionSources } = await import("../../generator/load/definition-files.js");
    const { DiagnosticSink } = await import("../../generator/diagnostics/diagnostic.js");
    const sink = new DiagnosticSink();
    await readDefinitionSources(join(root, "definitions"), root, sink);
    expect(sink.items).toEqual([]);
  });

  it("an entry that matches no change is a note; another breaking change still fails", async () => {
    await withAllowList(`accepted:
  - code: attribute-removed
    subject: urn:ietf:params:scim:schemas:core:2.0:User:title
    reason: Merged already.
`);
    const run = await diff(["--against", baseCommit]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "definitions/accepted-breaking-changes.yaml:2:5 - note: the accepted change attribute-removed urn:ietf:params:scim:schemas:core:2.0:User:title matches no change against",
    );
  });

  it("mistakes in it are diagnostics with positions, and stop the diff (exit 2)", async () => {
    await withAllowList(`accepted:
  - code: attribute-removed
    subject: urn:ietf:params:scim:schemas:core:2.0:User:nickName
  - code: attribute-deleted
    subject: x
    reason: typo in the code
  - code: attribute-added
    subject: y
    reason: compatible
  - code: type-changed
    subject: z
    reason: "  "
    ticket: 42
  - code: attribute-removed
    subject: urn:ietf:params:scim:schemas:core:2.0:User:nickName
    reason: first
  - code: attribute-removed
    subject: URN:ietf:params:scim:schemas:core:2.0:User:nickName
    reason: second
`);
    const run = await diff(["--against", baseCommit]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      [
        "scim-codegen diff: 6 errors in the accepted breaking changes (definitions/accepted-breaking-changes.yaml); cannot compare:",
        'definitions/accepted-breaking-changes.yaml:2:5 - error missing-key: accepted[0] is missing the required key "reason" (why breaking existing clients is acceptable: who was told, what moves them).',
        'definitions/accepted-breaking-changes.yaml:4:11 - error not-allowed-value: accepted[1].code is "attribute-deleted", which is not a diff code; use a breaking code from the README\'s table of diff codes.',
        'definitions/accepted-breaking-changes.yaml:7:11 - error not-allowed-value: accepted[2].code is "attribute-added", a compatible change, which needs no acceptance; list breaking changes only.',
        "definitions/accepted-breaking-changes.yaml:12:13 - error invalid-value: accepted[3].reason is empty (why breaking existing clients is acceptable: who was told, what moves them).",
        'definitions/accepted-breaking-changes.yaml:13:5 - error unknown-key: Unknown key "ticket" in accepted[3]; allowed keys: code, subject, reason.',
        "definitions/accepted-breaking-changes.yaml:17:5 - error invalid-value: accepted[5] accepts the same change as accepted[4] (attribute-removed URN:ietf:params:scim:schemas:core:2.0:User:nickName); keep one entry.",
        "",
      ].join("\n"),
    );
  });

  it("a file that is not a mapping of `accepted`, and YAML errors, are diagnostics too", async () => {
    await withAllowList("- code: attribute-removed\n");
    expect((await diff(["--against", baseCommit])).stderr).toContain("definitions/accepted-breaking-changes.yaml:1:1 - error wrong-type: The file must be a mapping");
    await withAllowList("accepted:\n  - code: [\n");
    const run = await diff(["--against", baseCommit]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/definitions\/accepted-breaking-changes\.yaml:\d+:\d+ - error yaml-syntax/);
  });
});

describe("exit 2: when the diff cannot run", () => {
  beforeAll(async () => {
    await writeFiles(root, baseDefinitions);
  });

  it("no such ref", async () => {
    const run = await diff(["--against", "no-such-branch"]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: 'scim-codegen diff: no such git ref "no-such-branch".\n' });
    const ci = await diff(["--against", "origin/main"]);
    expect(ci.stderr).toBe('scim-codegen diff: no such git ref "origin/main" (in CI, fetch it first: actions/checkout with fetch-depth: 0).\n');
  });

  it("not a git repository", async () => {
    const dir = await mkdtemp(join(tmpdir(), "scim-codegen-diff-nogit-"));
    try {
      await writeFiles(dir, baseDefinitions);
      const run = await diff([], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^scim-codegen diff: \S+ is not in a git repository \(fatal: not a git repository.*\); to compare with a folder, pass --against DIR\.\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("invalid definitions on the current side, labelled", async () => {
    const files: Files = { ...baseDefinitions };
    replace(files, "definitions/schemas/user.yaml", "uniqueness: server", "uniqueness: Server");
    await writeFiles(root, files);
    const run = await diff(["--against", baseCommit]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "scim-codegen diff: 1 error in the current definitions (definitions); cannot compare:\n" +
        'definitions/schemas/user.yaml:8:17 - error not-allowed-value: attributes[0].uniqueness is "Server", which is not allowed; SCIM values are exact-case: write "server".\n',
    );
    const github = await diff(["--against", baseCommit, "--format", "github"]);
    expect(github.stdout).toBe(
      '::error file=definitions/schemas/user.yaml,line=8,col=17,title=scim-codegen diff%3A not-allowed-value in the current definitions (definitions)::attributes[0].uniqueness is "Server", which is not allowed; SCIM values are exact-case: write "server".\n',
    );
  });

  it("invalid definitions at the ref, labelled with the ref, at the paths of the working tree", async () => {
    const files: Files = { ...baseDefinitions };
    replace(files, "definitions/resource-types/device.yaml", "endpoint: /Devices", "endpoint: Devices");
    await writeFiles(root, files);
    gitIn(root, "commit", "-q", "-am", "broken");
    try {
      await writeFiles(root, baseDefinitions);
      const run = await diff(["--against", "HEAD"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^scim-codegen diff: 1 error in the definitions at HEAD; cannot compare:\ndefinitions\/resource-types\/device\.yaml:2:11 - error endpoint-not-absolute: /);
    } finally {
      gitIn(root, "reset", "-q", "--hard", baseCommit);
    }
  });

  it("is a command of the CLI, with its own help", async () => {
    const { main } = await import("../../generator/cli.js");
    let out = "";
    const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t) };
    expect(await main(["diff", "--help"], io)).toBe(0);
    expect(out).toMatch(/^Usage: scim-codegen diff \[--against <git-ref \| folder>\]/);
    for (const option of ["--against REF|DIR", "--definitions DIR", "--json", "--format FORMAT", "--no-cache", "accepted-breaking-changes.yaml", "Exit codes:"]) expect(out).toContain(option);
    out = "";
    expect(await main(["--help"], io)).toBe(0);
    expect(out).toContain("  scim-codegen diff [--against <git-ref | folder>] [--json] [--format text|github]\n");
    expect(out).toMatch(/\n  diff {7}Report the changes/);
  });

  it("usage errors", async () => {
    expect((await diff(["--format", "xml"])).stderr).toBe('scim-codegen diff: --format is "xml"; use text or github (or --json) (see --help).\n');
    expect((await diff(["--json", "--format", "github"])).code).toBe(2);
    expect((await diff(["extra"])).code).toBe(2);
  });
});

describe("reading a git ref", () => {
  it("a ref without the definitions folder: nothing can break (exit 0)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "scim-codegen-diff-new-"));
    try {
      await writeFile(join(dir, "README.md"), "first\n");
      gitIn(dir, "init", "-q");
      gitIn(dir, "add", ".");
      gitIn(dir, "commit", "-q", "-m", "before scim");
      await writeFiles(dir, baseDefinitions);
      const run = await diff(["--against", "HEAD"], dir);
      expect(run).toEqual({ code: 0, stdout: "scim-codegen diff: HEAD has no definitions folder; every definition is new, so nothing can break.\n", stderr: "" });
      const json = await diff(["--against", "HEAD", "--json"], dir);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual({ against: "HEAD", breaking: 0, accepted: 0, compatible: 0, changes: [], unusedAcceptances: [] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a committed symbolic link out of the folder, and a file over the size limit, are refused as on disk", async () => {
    await writeFiles(root, baseDefinitions);
    await symlink("/etc/passwd", join(root, "definitions/schemas/passwd.yaml"));
    await writeFile(join(root, "definitions/schemas/huge.yaml"), `# ${"x".repeat(200 * 1024)}\n`);
    gitIn(root, "add", ".");
    gitIn(root, "commit", "-q", "-m", "hostile");
    try {
      await writeFiles(root, baseDefinitions);
      const run = await diff(["--against", "HEAD"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("scim-codegen diff: 2 errors in the definitions at HEAD; cannot compare:\n");
      expect(run.stderr).toContain("definitions/schemas/huge.yaml:1:1 - error yaml-limit: ");
      expect(run.stderr).toContain("definitions/schemas/passwd.yaml:1:1 - error unreadable-definition: Not read: it is a symbolic link that leads out of the definitions folder");
      expect(run.stderr).not.toContain("root:");
    } finally {
      gitIn(root, "reset", "-q", "--hard", baseCommit);
    }
  });

  it("finds the definitions through scim-codegen.config.json, as generate does", async () => {
    const dir = await mkdtemp(join(tmpdir(), "scim-codegen-diff-config-"));
    try {
      const files: Files = {};
      for (const [path, text] of Object.entries(baseDefinitions)) files[`scim/${path}`] = text;
      files["scim-codegen.config.json"] = '{ "definitions": "scim/definitions", "out": "scim/generated" }\n';
      files["package.json"] = '{ "name": "app", "private": true }\n';
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      gitIn(dir, "init", "-q");
      gitIn(dir, "add", ".");
      gitIn(dir, "commit", "-q", "-m", "base");
      replace(files, "scim/definitions/schemas/user.yaml", "uniqueness: server", "uniqueness: global");
      await writeFile(join(dir, "scim/definitions/schemas/user.yaml"), files["scim/definitions/schemas/user.yaml"]!);
      const run = await diff(["--json"], dir);
      expect(compact(run)).toEqual(["scim/definitions/schemas/user.yaml:8:17 breaking uniqueness-tightened urn:ietf:params:scim:schemas:core:2.0:User:userName"]);
      expect(run.code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("leaves no temp folder behind, and from a subfolder names files as the working tree does", async () => {
    const before = (await readdir(tmpdir())).filter((n) => n.startsWith("scim-codegen-diff-") && !n.startsWith("scim-codegen-diff-test-")).length;
    const files: Files = { ...baseDefinitions };
    replace(files, "definitions/schemas/user.yaml", "  - name: nickName\n    description: The casual way to address the user.\n", "");
    await writeFiles(root, files);
    const run = await diff(["--against", baseCommit, "--definitions", ".", "--json"], join(root, "definitions"));
    expect(compact(run)).toEqual(["schemas/user.yaml:9:11 breaking attribute-removed urn:ietf:params:scim:schemas:core:2.0:User:nickName"]);
    const after = (await readdir(tmpdir())).filter((n) => n.startsWith("scim-codegen-diff-") && !n.startsWith("scim-codegen-diff-test-")).length;
    expect(after).toBe(before);
  });
});

describe("GitHub workflow-command escaping (actions/toolkit escapeData, escapeProperty)", () => {
  it("a message cannot end the command or start another line; a property cannot end itself", () => {
    expect(githubAnnotationMessage("50% done\r\n::error::x")).toBe("50%25 done%0D%0A::error::x");
    expect(githubAnnotationProperty("a:b,c%\nd")).toBe("a%3Ab%2Cc%25%0Ad");
  });
});

describe("README and loading", () => {
  it("the README's table of diff codes is the code table, row for row", async () => {
    const readme = await readFile(join(repoRoot, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("| code | severity | what | why a client breaks |"));
    const rows = table.slice(0, table.indexOf("\n\n")).split("\n").slice(2);
    const parsed = rows.map((row) => /^\| `([a-z-]+)` \| (breaking|compatible) \| (.*) \| (.*) \|$/.exec(row)).map((m) => [m?.[1], { severity: m?.[2], what: m?.[3]?.replace(/\\\|/g, "|"), affects: m?.[4]?.replace(/\\\|/g, "|") }]);
    expect(parsed).toEqual(Object.entries(diffCodes));
  });

  it("the README's example is what diff prints for the default definitions with that edit", async () => {
    const readme = await readFile(join(repoRoot, "README.md"), "utf8");
    const start = readme.indexOf("$ npx scim-codegen diff --against origin/main\n");
    const shown = readme.slice(readme.indexOf("\n", start) + 1, readme.indexOf("```", start));
    const dir = await mkdtemp(join(tmpdir(), "scim-codegen-diff-readme-"));
    try {
      const files = await defaultDefinitionFiles(repoRoot);
      await writeFiles(dir, files);
      gitIn(dir, "init", "-q");
      gitIn(dir, "add", ".");
      gitIn(dir, "commit", "-q", "-m", "base");
      gitIn(dir, "update-ref", "refs/remotes/origin/main", "HEAD");
      const user = files["definitions/schemas/user.yaml"]!;
      const from = user.indexOf("  - name: nickName\n");
      files["definitions/schemas/user.yaml"] = (user.slice(0, from) + user.slice(user.indexOf("  - name: ", from + 1))).replace("uniqueness: server", "uniqueness: none");
      await writeFiles(dir, files);
      const run = await diff(["--against", "origin/main"], dir);
      expect(run.stdout).toBe(shown);
      expect(run.code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the diff command imports nothing heavy: no emitter, ts-morph, prettier or handlebars", async () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const walk = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = await readFile(file, "utf8");
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g)) {
        const spec = m[1] ?? m[2]!;
        if (/^import type\s/.test(m[0].trim())) continue;
        if (spec.startsWith(".")) await walk(join(dirname(file), spec.replace(/\.js$/, ".ts")));
        else packages.add(spec.replace(/^(@[^/]+\/[^/]+|[^/]+).*$/, "$1"));
      }
    };
    await walk(join(repoRoot, "generator/cli/diff.ts"));
    const generatorFiles = [...seen].map((f) => f.slice(join(repoRoot, "generator").length + 1));
    expect(generatorFiles.filter((f) => f.startsWith("emit/") && f !== "emit/escape.ts")).toEqual([]);
    expect(generatorFiles.filter((f) => f.startsWith("format/") || f.startsWith("output/") || f === "pipeline.ts")).toEqual([]);
    // ajv is not imported: its run-time helpers are required by the shipped validators' code, and its
    // compiler only when no shipped entry answers (test/generator/diff-loading.test.ts checks the bin).
    expect([...packages].filter((p) => !p.startsWith("node:")).sort()).toEqual(["yaml"]);
  });
});
