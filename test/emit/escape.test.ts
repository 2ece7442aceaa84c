// The escaping module, one target at a time: given a hostile value, the escaped text either parses back
// to exactly that value (JavaScript strings and data) or cannot leave its context (comments, Markdown,
// URLs, file names). The property test (hostile-definitions.test.ts) then drives every emitter with them.

import { execFileSync } from "node:child_process";
import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import {
  docComment,
  fileNameSegment,
  hashComment,
  htmlCommentText,
  jsData,
  jsString,
  lineComment,
  markdownCell,
  markdownCode,
  markdownFence,
  markdownText,
  pyData,
  pyString,
  tomlString,
  urlPathSegment,
} from "../../generator/emit/escape.js";
import { hostilePieces } from "./hostile-strings.js";

// Every piece alone, and all of them in one string.
const hostile = [...hostilePieces, hostilePieces.join("")];

/** The statements TypeScript finds in `code` (as JavaScript), and whether it parsed without error. */
function statements(code: string): { readonly kinds: string[]; readonly errors: number } {
  const source = ts.createSourceFile("x.js", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const errors = (source as unknown as { parseDiagnostics: readonly unknown[] }).parseDiagnostics.length;
  return { kinds: source.statements.map((s) => (ts.isVariableStatement(s) ? "VariableStatement" : ts.SyntaxKind[s.kind])), errors };
}

describe("jsString and jsData", () => {
  it.each(hostile.map((h) => [h]))("%j is a JavaScript string literal of exactly itself", (value) => {
    const literal = jsString(value);
    expect(statements(`export const x = ${literal};`)).toEqual({ kinds: ["VariableStatement"], errors: 0 });
    expect(new Function(`return ${literal};`)()).toBe(value);
    expect(JSON.parse(literal)).toBe(value);
    // Nothing an HTML parser, an old JavaScript parser or a reader could trip on.
    expect(literal).not.toMatch(/[<\u2028\u2029\r\n\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/);
  });

  it("keeps data whole: keys and values of every kind, indented like JSON.stringify", () => {
    const value = { [hostile.at(-1)!]: hostile, n: 1.5, b: false, z: null, nested: { "</script>": ["\u2028"] } };
    const text = jsData(value, 2);
    expect(new Function(`return ${text};`)()).toEqual(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text.split("\n").length).toBe(JSON.stringify(value, null, 2).split("\n").length);
    expect(jsData({ a: "plain" }, 2)).toBe(JSON.stringify({ a: "plain" }, null, 2));
  });
});

describe("docComment and lineComment", () => {
  it.each(hostile.map((h) => [h]))("%j stays inside its comment", (value) => {
    for (const code of [
      `/** ${docComment(value).split("\n").join("\n * ")} */\nexport const x = 1;`,
      `/* ${lineComment(value)} */ export const x = 1;`,
      `// ${lineComment(value)}\nexport const x = 1;`,
    ]) {
      expect(statements(code), code).toEqual({ kinds: ["VariableStatement"], errors: 0 });
    }
    expect(lineComment(value)).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(lineComment(lineComment(value))).toBe(lineComment(value));
  });

  it("keeps readable text as it is, and line breaks of a description as lines", () => {
    expect(docComment("The User schema (RFC 7643 §7).\n\nSCIM: mutability: readWrite.")).toBe(
      "The User schema (RFC 7643 §7).\n\nSCIM: mutability: readWrite.",
    );
    expect(docComment("a\r\nb\u2028c")).toBe("a\nb\nc");
    expect(docComment("x */ y")).toBe("x *\\/ y");
    expect(lineComment("a\nb\u202Ec")).toBe("a\\u000ab\\u202ec");
    expect(lineComment("definitions/schemas/user.yaml")).toBe("definitions/schemas/user.yaml");
  });

  it("htmlCommentText cannot end an HTML comment or start a tag", () => {
    for (const value of hostile) {
      const text = htmlCommentText(value);
      expect(text).not.toMatch(/--|[<>\r\n]/);
    }
    expect(htmlCommentText("templates/adapters/node/README.md.hbs")).toBe("templates/adapters/node/README.md.hbs");
  });
});

// A tiny CommonMark check, enough for what these functions promise: one line, and the delimiters.
describe("Markdown", () => {
  it.each(hostile.map((h) => [h]))("markdownText(%j) is one line with every markup character escaped", (value) => {
    const text = markdownText(value);
    expect(text).not.toMatch(/[\r\n]/);
    // Every markup character is preceded by an odd number of backslashes.
    for (const m of text.matchAll(/(\\*)([`*_[\]<>#|~&$!])/g)) expect(m[1]!.length % 2, `${m[0]} in ${text}`).toBe(1);
  });

  it("markdownText leaves plain names alone and escapes a leading block marker", () => {
    expect(markdownText("@scim-discovery/express")).toBe("@scim-discovery/express");
    expect(markdownText("- item")).toBe("\\- item");
    expect(markdownText("1. item")).toBe("1\\. item");
    expect(markdownText("a <b> | c")).toBe("a \\<b\\> \\| c");
  });

  it.each(hostile.map((h) => [h]))("markdownCode(%j) is one code span whose delimiter does not occur inside", (value) => {
    const span = markdownCode(value);
    expect(span).not.toMatch(/[\r\n]/);
    const open = /^`+/.exec(span)![0];
    const inner = span.slice(open.length, span.length - open.length);
    expect(span.endsWith(open)).toBe(true);
    expect(inner.match(/`+/g)?.includes(open) ?? false).toBe(false);
    // The content CommonMark shows: one leading and one trailing space stripped when both are there.
    const shown = inner.length > 1 && inner.startsWith(" ") && inner.endsWith(" ") && inner.trim() !== "" ? inner.slice(1, -1) : inner;
    expect(shown).toBe(value === "" ? " " : value.replace(/\r\n?|[\n\u2028\u2029]/g, " ").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
  });

  it("markdownCode pads only where CommonMark would strip or merge", () => {
    expect(markdownCode("User")).toBe("`User`");
    expect(markdownCode("a`b")).toBe("``a`b``");
    expect(markdownCode("`x")).toBe("`` `x ``");
    expect(markdownCode(" x ")).toBe("`  x  `");
  });

  it.each(hostile.map((h) => [h]))("markdownCell(%j) holds no unescaped pipe and no line break", (value) => {
    for (const cell of [markdownCell(markdownText(value)), markdownCell(markdownCode(value))]) {
      expect(cell).not.toMatch(/[\r\n]/);
      for (const m of cell.matchAll(/(\\*)\|/g)) expect(m[1]!.length % 2, cell).toBe(1);
    }
  });

  it.each(hostile.map((h) => [h]))("markdownFence around %j cannot be closed from inside", (value) => {
    const block = markdownFence(value, "ts");
    const lines = block.split("\n");
    const fence = /^`+/.exec(lines[0]!)![0];
    expect(fence.length).toBeGreaterThanOrEqual(3);
    expect(lines.at(-1)).toBe(fence);
    for (const line of lines.slice(1, -1)) expect(line.trimStart().startsWith(fence)).toBe(false);
  });
});

describe("urlPathSegment and fileNameSegment", () => {
  it.each(hostile.map((h) => [h]))("%j becomes one inert segment that decodes back", (value) => {
    const url = urlPathSegment(value);
    expect(url).toMatch(/^[A-Za-z0-9\-._~:@%]*$/);
    const file = fileNameSegment(value);
    expect(file).toMatch(/^[A-Za-z0-9\-._~%]*$/);
    const wellFormed = new TextDecoder("utf-8", { ignoreBOM: true }).decode(new TextEncoder().encode(value));
    expect(decodeURIComponent(url)).toBe(wellFormed);
    expect(decodeURIComponent(file)).toBe(wellFormed);
  });

  it("keeps today's names: URNs encode only the colon in files, nothing in URLs", () => {
    expect(fileNameSegment("urn:ietf:params:scim:schemas:core:2.0:User")).toBe("urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser");
    expect(urlPathSegment("urn:ietf:params:scim:schemas:core:2.0:User")).toBe("urn:ietf:params:scim:schemas:core:2.0:User");
    expect(fileNameSegment("../../../../escaped")).toBe("..%2F..%2F..%2F..%2Fescaped");
    expect(fileNameSegment("a\u0000b*c")).toBe("a%00b%2Ac");
    expect(urlPathSegment("a b;$(x)")).toBe("a%20b%3B%24%28x%29");
    // What encoding alone leaves unusable as a file name gets one more character encoded.
    expect([".", "..", "x.", "CON", "nul.json", "Com1"].map(fileNameSegment)).toEqual(["%2E", "%2E%2E", "x%2E", "%43ON", "%6Eul.json", "%43om1"]);
  });
});

// Python and TOML: the escaped text is handed to the real parsers (CPython's `ast`, `tomllib`, the PEP 263
// encoding declaration's regular expression), in one python3 process for every case.
describe("pyString, pyData, hashComment and tomlString", () => {
  const checker = String.raw`
import ast, json, re, sys, tomllib
cases = json.load(sys.stdin)
out = []
coding = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
for case in cases:
    kind, text = case["kind"], case["text"]
    if kind == "literal":
        tree = ast.parse(text, mode="eval")
        # A literal only: literal_eval refuses names, calls, operators, f-strings.
        out.append([type(tree.body).__name__, ast.literal_eval(text)])
    elif kind == "comment":
        module = ast.parse(text)
        first_lines = text.split("\n")[:2]
        out.append([[type(s).__name__ for s in module.body], any(coding.match(line) for line in first_lines)])
    else:
        out.append(tomllib.loads(text)["key"])
print(json.dumps(out))
`;
  function runChecker(cases: readonly { kind: "literal" | "comment" | "toml"; text: string }[]): unknown[] {
    return JSON.parse(execFileSync("python3", ["-c", checker], { input: JSON.stringify(cases), encoding: "utf8" })) as unknown[];
  }

  it("makes every hostile string a Python str literal of exactly itself, on one printable line", () => {
    const results = runChecker(hostile.map((h) => ({ kind: "literal", text: pyString(h) })));
    expect(results).toEqual(hostile.map((h) => ["Constant", h]));
    for (const h of hostile) expect(pyString(h)).not.toMatch(/[\r\n\u2028\u2029\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/);
  });

  it("keeps data whole: keys and values of every kind, True/False/None, indented or not", () => {
    const value = { [hostile.at(-1)!]: hostile, n: 1.5, i: 7, big: 1e21, b: false, t: true, z: null, nested: { "</script>": ["\u2028", {}, []] } };
    const [indented, flat] = runChecker([{ kind: "literal", text: pyData(value, 4) }, { kind: "literal", text: pyData(value) }]) as [unknown[], unknown[]];
    expect(indented).toEqual(["Dict", value]);
    expect(flat).toEqual(["Dict", value]);
    expect(pyData(value, 4).split("\n").length).toBe(JSON.stringify(value, null, 4).split("\n").length);
    expect(() => pyData({ x: Number.NaN })).toThrow();
  });

  it("keeps every hostile string inside its # comment, and never lets it declare the file's encoding", () => {
    const texts = [...hostile, "coding: latin-1", "-*- coding=utf-16 -*-", "vim: set fileencoding=latin-1 :"];
    const results = runChecker(texts.map((h) => ({ kind: "comment", text: `# ${hashComment(h)}\nx = 1\n` })));
    expect(results).toEqual(texts.map(() => [["Assign"], false]));
  });

  it("makes every hostile string a TOML basic string of exactly itself", () => {
    const results = runChecker(hostile.map((h) => ({ kind: "toml", text: `key = ${tomlString(h)}\n` })));
    expect(results).toEqual(hostile);
    expect(() => tomlString("\ud800")).toThrow();
  });
});
