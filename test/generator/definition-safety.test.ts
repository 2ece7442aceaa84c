// Issue 10, the definitions' part: hostile or careless input gives a positioned diagnostic, never a
// crash, a hang or a silent U+FFFD; and every name the format accepts is served, imported and written.
// The exact diagnostics of each rule are golden cases in diagnostic-cases.ts; this file tries to break
// the guarantees with inputs a table cannot hold (bombs, random bytes, every allowed character).

import { spawnSync } from "node:child_process";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../scripts/seeded-random.js";
import { writeSyntheticDefinitions } from "../../scripts/make-synthetic-definitions.js";
import { diagnosticCodes } from "../../generator/diagnostics/codes.js";
import { DiagnosticSink, formatDiagnostic } from "../../generator/diagnostics/diagnostic.js";
import { buildDiscoveryDocuments } from "../../generator/emit/discovery-documents.js";
import { FileError, formatFileError } from "../../generator/file-error.js";
import { readDefinitionFile, readDefinitionSources } from "../../generator/load/definition-files.js";
import { loaderLimits } from "../../generator/load/limits.js";
import { decodeUtf8, firstInvalidByte } from "../../generator/load/utf8.js";
import { parseYamlFile } from "../../generator/load/yaml-file.js";
import {
  baseUrlPattern,
  endpointPattern,
  packageScopePattern,
  resourceTypeNamePattern,
  schemaIdPattern,
} from "../../generator/names.js";
import { compileDefinitions, compileModel } from "../../generator/pipeline.js";
import { createFetchHandler } from "../../generator/runtime/fetch-handler.js";
import type { DiscoveryDocuments } from "../../generator/runtime/types.js";
import { patternRules } from "../../generator/validate/rules/name-rules.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { repoRoot } from "../helpers/repo.js";
import { tempProject } from "../helpers/temp-project.js";
import { readJsonFileSync } from "../helpers/json.js";

async function compileFiles(files: Readonly<Record<string, string | Uint8Array | null>>) {
  const project = await tempProject({ ...minimalDefinitions, ...files });
  try {
    const sink = new DiagnosticSink();
    return compileModel(await readDefinitionSources(project.definitionsDir, project.root, sink), sink);
  } finally {
    await project.dispose();
  }
}

const codesOf = (text: string): string[] => {
  const sink = new DiagnosticSink();
  parseYamlFile("x.yaml", text, sink);
  return sink.items.map((d) => `${d.line}:${d.col} ${d.code}`);
};

describe("YAML budgets: a positioned yaml-limit diagnostic, never a long or crashing run", () => {
  // Each test would take tens of seconds (or crash the worker) without the budgets; the timeout is
  // only a backstop, the assertion is the diagnostic.
  const backstop = { timeout: 20_000 };

  it("the 8-level alias bomb of 310 bytes (78 s and 1.2 GB before)", backstop, () => {
    const bomb = ["a", "b", "c", "d", "e", "f", "g", "h"]
      .map((k, i, all) => `${k}: &${k} [${Array(9).fill(i === 0 ? '"lol"' : `*${all[i - 1]}`).join(",")}]\n`)
      .join("");
    expect(Buffer.byteLength(bomb)).toBeLessThanOrEqual(310);
    expect(codesOf(bomb)).toEqual(["6:8 yaml-limit"]);
  });

  it("a file over the size limit is refused before it is read or parsed", backstop, async () => {
    const text = `id: x\n# ${"x".repeat(loaderLimits.maxFileBytes)}\n`;
    expect(codesOf(text)).toEqual(["1:1 yaml-limit"]);
    const result = await compileFiles({ "definitions/schemas/group.yaml": text });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^definitions\/schemas\/group\.yaml:1:1 - error yaml-limit: The file is 129 KiB; a definition file may have at most 128 KiB/),
    ]);
  });

  it("nesting that overflows the yaml package's stack (reported at a random place, or a crash, before)", backstop, () => {
    expect(codesOf(`a: ${"[".repeat(60_000)}${"]".repeat(60_000)}`)).toEqual(["1:68 yaml-limit"]);
    expect(codesOf(`${"{a: ".repeat(20_000)}1${"}".repeat(20_000)}`)).toEqual(["1:257 yaml-limit"]);
    expect(codesOf(`${"- ".repeat(60_000)}x\n`)).toEqual(["1:129 yaml-limit"]);
    expect(codesOf(`${"? ".repeat(60_000)}x\n`)).toEqual(["1:129 yaml-limit"]);
    // Closing brackets hidden in strings do not hide the nesting: the lexer reads strings as strings.
    expect(codesOf(`a: ${'[ "]", '.repeat(18_000)}`)).toEqual(["1:452 yaml-limit"]);
    // Block and flow nesting together: the parser's tree counts both.
    expect(codesOf(`${Array.from({ length: 10 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")} ${"[".repeat(60)}${"]".repeat(60)}\n`)).toEqual(["10:67 yaml-limit"]);
    // Nesting by indentation costs more bytes a level; the size limit bounds it, the parser's tree has it.
    const indented = Array.from({ length: 400 }, (_, i) => `${" ".repeat(i)}k:`).join("\n");
    expect(Buffer.byteLength(indented)).toBeLessThan(loaderLimits.maxFileBytes);
    expect(codesOf(`${indented} x\n`)).toEqual(["65:65 yaml-limit"]);
  });

  it("an alias that contains itself, and aliases nested past the depth limit", backstop, () => {
    expect(codesOf("a: &x [*x]\n")).toEqual(["1:8 yaml-limit"]);
    const chain = Array.from({ length: 70 }, (_, i) => (i === 0 ? "a0: &a0 [1]" : `a${i}: &a${i} [*a${i - 1}]`)).join("\n");
    expect(codesOf(chain)).toEqual(["64:12 yaml-limit"]);
  });

  it("duplicate keys are still found, one diagnostic each, without the yaml package's quadratic check", backstop, () => {
    const text = Array.from({ length: 2_000 }, (_, i) => `k${i % 1_000}: ${i}`).join("\n");
    const codes = codesOf(text);
    expect(codes).toHaveLength(1_000);
    expect(codes[0]).toBe("1001:1 duplicate-key");
  });

  it("the real definitions and the 50× synthetic set are far inside every limit", async () => {
    const dir = await mkdtemp(join(tmpdir(), "scim-codegen-synthetic-"));
    try {
      await writeSyntheticDefinitions(dir);
      const sink = new DiagnosticSink();
      const result = compileModel(await readDefinitionSources(dir, dir, sink), sink);
      expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
      expect(result.model?.schemas).toHaveLength(50);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    for (const file of ["definitions/schemas/user.yaml", "definitions/schemas/enterprise-user.yaml"]) {
      expect(readFileSync(join(repoRoot, file)).length).toBeLessThan(loaderLimits.maxFileBytes / 8);
    }
  });
});

describe("encodings: bytes that are not UTF-8 are a diagnostic, never a silent U+FFFD", () => {
  it("finds the first bad byte exactly where a strict decoder fails (seeded random bytes)", () => {
    const random = seededRandom(0x5eed_10);
    const strict = new TextDecoder("utf-8", { fatal: true });
    for (let round = 0; round < 3_000; round++) {
      // Mostly valid UTF-8 with a few random bytes spliced in, so both outcomes are common.
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => String.fromCodePoint(Math.floor(random() ** 3 * 0x10ffff) & ~0x800)).join("");
      const bytes = [...Buffer.from(text)];
      for (let k = Math.floor(random() * 3); k > 0; k--) bytes.splice(Math.floor(random() * (bytes.length + 1)), 0, Math.floor(random() * 256));
      const array = Uint8Array.from(bytes);
      const offset = firstInvalidByte(array);
      let valid = true;
      try {
        strict.decode(array);
      } catch {
        valid = false;
      }
      expect(offset === array.length, `bytes ${Buffer.from(array).toString("hex")}`).toBe(valid);
      if (!valid) {
        // The bytes before the reported one decode; a strict decoder fails on the prefix ending there + 4.
        expect(() => strict.decode(array.subarray(0, offset))).not.toThrow();
        expect(() => strict.decode(array.subarray(0, Math.min(array.length, offset + 4)))).toThrow();
      }
    }
  });

  it("a UTF-8 byte-order mark is not part of the text", () => {
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, text: "a" });
  });

  it("a NUL or any control character, anywhere, never crashes the loader or the validator (seeded)", async () => {
    const random = seededRandom(0xc0de);
    const base = minimalDefinitions["definitions/schemas/user.yaml"]!;
    for (let round = 0; round < 40; round++) {
      const chars = [...base];
      for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
        const c = random() < 0.5 ? "\u0000" : String.fromCharCode(Math.floor(random() * 32));
        chars.splice(Math.floor(random() * (chars.length + 1)), 0, random() < 0.3 ? `"\\${c === "\u0000" ? "0" : "t"}"` : c);
      }
      const result = await compileFiles({ "definitions/schemas/user.yaml": chars.join("") });
      for (const d of result.diagnostics) {
        expect(Object.keys(diagnosticCodes)).toContain(d.code);
        expect(formatDiagnostic(d)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
      }
    }
    // A NUL in free text is free text: the model keeps it and later steps escape it.
    const result = await compileFiles({
      "definitions/schemas/group.yaml": minimalDefinitions["definitions/schemas/group.yaml"]!.replace("description: Group", 'description: "Gr\\0oup"'),
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.model?.schemas.find((s) => s.name === "Group")?.description).toBe("Gr\u0000oup");
  });
});

describe("reading: an unreadable definition is one clear error, not a stack", () => {
  it("throws a FileError with the path and code (a folder where a file was listed), printed as one line", async () => {
    const dir = await mkdtemp(join(tmpdir(), "scim-codegen-read-"));
    try {
      const error = await readDefinitionFile(dir).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(FileError);
      expect(error).toMatchObject({ path: dir, code: "EISDIR" });
      expect(formatFileError(error as FileError, join(dir, ".."))).toBe(
        `scim-codegen: ${dir.split("/").pop()}: cannot read the definition file: EISDIR (is a folder, not a file)`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a path with a control character is shown escaped", () => {
    const error = new FileError("/work/definitions/schemas/a\nb.yaml", "EACCES", "cannot read the definition file: EACCES (permission denied)");
    expect(formatFileError(error, "/work")).toBe("scim-codegen: definitions/schemas/a\\u000ab.yaml: cannot read the definition file: EACCES (permission denied)");
  });
});

describe("reading: links and special files", () => {
  it("a link to a file inside the definitions folder is read like the file; links out of it, dangling links and FIFOs are reported, never read", async () => {
    const secret = "//registry.npmjs.org/:_authToken=npm_SECRET";
    const project = await tempProject({
      ...minimalDefinitions,
      "definitions/shared/group.yaml": minimalDefinitions["definitions/schemas/group.yaml"]!,
      "definitions/schemas/group.yaml": null,
      "outside/token.yaml": `${secret}\n`,
    });
    try {
      const schemas = join(project.definitionsDir, "schemas");
      await symlink(join(project.definitionsDir, "shared/group.yaml"), join(schemas, "group.yaml"));
      await symlink(join(project.root, "outside/token.yaml"), join(schemas, "token.yaml"));
      await symlink("/proc/self/environ", join(schemas, "environ.yaml"));
      await symlink(join(project.root, "nowhere.yaml"), join(schemas, "dangling.yaml"));
      expect(spawnSync("mkfifo", [join(schemas, "pipe.yaml")]).status).toBe(0);
      const sink = new DiagnosticSink();
      const sources = await readDefinitionSources(project.definitionsDir, project.root, sink);
      expect(sources.map((source) => source.displayPath).filter((path) => path.includes("/schemas/"))).toEqual([
        "definitions/schemas/group.yaml",
        "definitions/schemas/user.yaml",
      ]);
      const lines = sink.items.map(formatDiagnostic);
      const outOfFolder = "Not read: it is a symbolic link that leads out of the definitions folder, which the generator never follows (a link could make it read, and quote, any file on the machine); copy the file in instead.";
      expect(lines).toEqual([
        "definitions/schemas/dangling.yaml:1:1 - error unreadable-definition: Not read: it is a symbolic link that leads nowhere (ENOENT).",
        `definitions/schemas/environ.yaml:1:1 - error unreadable-definition: ${outOfFolder}`,
        "definitions/schemas/pipe.yaml:1:1 - error unreadable-definition: Not read: it is a FIFO, socket or device, not a file.",
        `definitions/schemas/token.yaml:1:1 - error unreadable-definition: ${outOfFolder}`,
      ]);
      expect(lines.join("\n")).toContain("leads out of the definitions folder");
      expect(lines.join("\n")).not.toContain("npm_SECRET");
    } finally {
      await project.dispose();
    }
  });

  it("a value quoted in a message is cut short: a file that is one long string is not dumped into a log", async () => {
    const result = await compileFiles({ ...minimalDefinitions, "definitions/schemas/group.yaml": `"${"x".repeat(5000)}"\n` });
    const line = result.diagnostics.map(formatDiagnostic).find((l) => l.includes("definitions/schemas/group.yaml"));
    expect(line).toContain("(5000 characters)");
    expect(line!.length).toBeLessThan(400);
  });
});

describe("names: the definition format's patterns", () => {
  const formatPatterns = (): string[] => {
    const found: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (key === "pattern" && typeof value === "string") found.push(value);
          else walk(value);
        }
      }
    };
    for (const kind of ["project", "schema", "resource-type", "service-provider-config"]) {
      walk(readJsonFileSync(join(repoRoot, "generator/definition-format", `${kind}.schema.json`)));
    }
    return found;
  };

  it("are the ones generator/names.ts defines, and each has an explanation", () => {
    const patterns = formatPatterns();
    expect(new Set(patterns)).toEqual(new Set([resourceTypeNamePattern, endpointPattern, schemaIdPattern, baseUrlPattern, packageScopePattern]));
    for (const p of patterns) expect(patternRules.has(p), p).toBe(true);
  });

  it("explain every value they reject, with a code of the table (seeded random names)", () => {
    const random = seededRandom(0xa11);
    const alphabet = "aZ09-_.~!$&'()*+,;=:@/%?#[] \"\\<>é\u0000\n\u202e";
    for (const pattern of formatPatterns()) {
      const rule = patternRules.get(pattern)!;
      const regex = new RegExp(pattern, "u");
      for (let round = 0; round < 300; round++) {
        const prefix = ["", "urn:acme:", "/", "https://a.example/", "@"][Math.floor(random() * 5)]!;
        const value = prefix + Array.from({ length: Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
        if (regex.test(value)) continue;
        const { code, message } = rule.explain(value, "where");
        expect(Object.keys(diagnosticCodes)).toContain(code);
        expect(message.length).toBeGreaterThan(20);
      }
    }
  });
});

describe("names the format accepts are served, and every output path is portable", () => {
  // Every character the rules allow, at once: a schema id with each RFC 3986 pchar (the static JSON's file
  // names percent-encode what a file system refuses, "*" included), resource type names with "-" and "_",
  // an endpoint with ".", "~", "-" and "_".
  const deviceId = "urn:acme-corp:scim:schemas:Device.v1_a~b-c!$&'(x)*+,;=:@";
  const files = {
    "definitions/scim-codegen.yaml": "adapters: []\nstaticJson:\n  baseUrl: https://api.example.com:8443/t%C3%A9nant/scim/v2\n",
    "definitions/schemas/device_2-kind.yaml": `id: "${deviceId}"\nname: Device 100% (v1)\nattributes:\n  - name: serial\n    description: Serial.\n`,
    "definitions/resource-types/device_2-kind.yaml": `name: My_Device-2\nendpoint: /my.Devices~2_x-y\nschema: "${deviceId}"\n`,
  };

  it("compiles, and every document is served at its meta.location, a valid absolute URI", async () => {
    const result = await compileFiles(files);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    const base = "https://api.example.com/scim/v2";
    const handle = createFetchHandler(buildDiscoveryDocuments(result.model!) as unknown as DiscoveryDocuments, { baseUrl: base, basePath: "/scim/v2" });
    const list = async (path: string): Promise<{ id: string; meta: { location: string } }[]> =>
      ((await (await handle(new Request(`${base}${path}`))).json()) as { Resources: { id: string; meta: { location: string } }[] }).Resources;
    const documents = [...(await list("/ResourceTypes")), ...(await list("/Schemas"))];
    expect(documents.map((d) => d.id)).toContain(deviceId);
    expect(documents.map((d) => d.id)).toContain("My_Device-2");
    for (const doc of documents) {
      const location = doc.meta.location;
      // RFC 3986 characters only, and a URL parser leaves it as it is.
      expect(location).toMatch(/^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/);
      expect(new URL(location).href).toBe(location);
      const response = await handle(new Request(location));
      expect(response.status, location).toBe(200);
      expect(((await response.json()) as { id: string }).id).toBe(doc.id);
    }
  });

  it("names no output path a common file system refuses", async () => {
    const project = await tempProject({ ...minimalDefinitions, ...files });
    try {
      const sink = new DiagnosticSink();
      const result = await compileDefinitions(await readDefinitionSources(project.definitionsDir, project.root, sink), sink);
      expect(result.diagnostics).toEqual([]);
      const lower = new Set<string>();
      for (const file of result.files!) {
        for (const segment of file.path.split("/")) {
          // Windows refuses < > : " \ | ? * and controls, trailing dots and spaces, and device names.
          expect(segment, file.path).toMatch(/^[^<>:"\\|?*\u0000-\u001f]+$/);
          expect(segment, file.path).not.toMatch(/[. ]$/);
          expect(segment.replace(/\..*$/, ""), file.path).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i);
          expect(Buffer.byteLength(segment), file.path).toBeLessThanOrEqual(255);
        }
        // Case-insensitive file systems (macOS, Windows) hold one of two paths equal but for case.
        expect(lower.has(file.path.toLowerCase()), file.path).toBe(false);
        lower.add(file.path.toLowerCase());
      }
    } finally {
      await project.dispose();
    }
  });
});
