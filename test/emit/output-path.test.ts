// Output paths: every name that cannot be a portable file name inside --out is refused, and the final
// list may not hold two files that a case-insensitive file system would merge.

import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { fileNameSegment } from "../../generator/emit/escape.js";
import { assertOutputPath, assertOutputPaths, outputPath } from "../../generator/emit/output-path.js";
import { hostilePieces } from "./hostile-strings.js";

describe("outputPath", () => {
  it("joins a folder of the generator's and file names", () => {
    expect(outputPath("json/Schemas", "urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser.json")).toBe(
      "json/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser.json",
    );
    expect(outputPath("packages/core", "README.md")).toBe("packages/core/README.md");
    expect(outputPath("packages", "node", "index.ts")).toBe("packages/node/index.ts");
  });

  it.each([
    ["an empty name", ""],
    ["a parent reference", ".."],
    ["a current-folder reference", "."],
    ["a slash", "a/b"],
    ["a backslash", "..\\escaped"],
    ["NUL", "a\u0000b"],
    ["a colon (Windows drive, NTFS stream)", "C:"],
    ["Windows-reserved characters", 'a*b?c"d<e>f|g'],
    ["a space", "a b"],
    ["a line break", "a\nb"],
    ["non-ASCII (normalised differently on macOS)", "caf\u00e9"],
    ["a trailing dot", "name."],
    ["a Windows device name", "CON"],
    ["a Windows device name with an extension", "nul.json"],
    ["a Windows device name in another case", "Com1.d.ts"],
    ["a name longer than 255 characters", "a".repeat(256)],
  ])("refuses %s", (_, name) => {
    expect(() => outputPath("json/ResourceTypes", name)).toThrow(/^scim-codegen: /);
  });

  it.each([
    ["an absolute path", "/etc/passwd"],
    ["a parent folder", "json/../../escaped.json"],
    ["a doubled slash", "json//x.json"],
    ["a trailing slash", "json/"],
    ["a Windows absolute path", "C:\\Windows\\x.json"],
  ])("refuses %s as a whole path", (_, path) => {
    expect(() => assertOutputPath(path)).toThrow(/^scim-codegen: /);
  });

  it("takes any non-empty value once fileNameSegment has encoded it, and keeps it inside the folder", () => {
    for (const piece of [...hostilePieces, hostilePieces.join("")]) {
      const segment = fileNameSegment(piece);
      if (segment.length > 250) continue;
      for (const name of [`${segment}.json`, ...(segment === "" ? [] : [segment])]) {
        expect(posix.dirname(outputPath("json/ResourceTypes", name))).toBe("json/ResourceTypes");
      }
    }
  });
});

describe("assertOutputPaths", () => {
  it("accepts distinct portable paths", () => {
    expect(() => assertOutputPaths(["json/README.md", "json/Schemas.json", "json/Schemas/a.json"])).not.toThrow();
  });

  it("refuses one path twice", () => {
    expect(() => assertOutputPaths(["json/a.json", "json/a.json"])).toThrow("two emitters produce json/a.json");
  });

  it("refuses two paths that differ only in case (macOS, Windows)", () => {
    expect(() => assertOutputPaths(["json/ResourceTypes/User.json", "json/ResourceTypes/user.json"])).toThrow(/case-insensitive/);
    expect(() => assertOutputPaths(["packages/core/Schemas/a.js", "packages/core/schemas/b.js", "packages/core/schemas/A.js"])).toThrow(
      /case-insensitive/,
    );
  });

  it("refuses a file where another path needs a folder", () => {
    expect(() => assertOutputPaths(["json/Schemas", "json/Schemas/a.json"])).toThrow(/needs it as a folder/);
    expect(() => assertOutputPaths(["json/schemas/a.json", "json/Schemas"])).toThrow(/needs it as a folder/);
  });
});
