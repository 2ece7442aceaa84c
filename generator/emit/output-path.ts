// The one place that checks a path under the output folder (HOUSE-STYLE, "Safety by construction"). A
// value from the definitions becomes a file name only through `fileNameSegment` or as a definition
// file's stem, and the paths such names take are decided by generator/names.ts, so that validation
// predicts the very paths the emitters write; this module joins the generator's own names under its
// folders, and checks every path an emitter returns, so that no definition can write outside --out,
// into a name that one system cannot create, or over another file on a case-insensitive file system.
// A failed check throws: validation must have turned every user-reachable case into a diagnostic
// first, so a throw here is a generator bug.

import { posix } from "node:path";
import { windowsDeviceName } from "../names.js";

// What a segment may hold: RFC 3986's unreserved characters and the `%` of the encoding. ASCII only, so
// the bytes are the same on every platform (no Unicode normalisation, no code page), and nothing
// that Windows, macOS or Linux reserves (`/ \ : * ? " < > |`, NUL, controls, spaces).
const portableSegment = /^[A-Za-z0-9\-._~%]+$/;


/** The longest file name most file systems take (ext4, APFS, NTFS: 255 bytes or UTF-16 units; ours are ASCII). */
const maxSegmentLength = 255;

/** Why `segment` cannot be one name of an output path, or undefined when it can. */
function segmentProblem(segment: string): string | undefined {
  if (typeof segment !== "string" || segment === "") return "is empty";
  if (segment === "." || segment === "..") return "is a relative folder reference";
  if (!portableSegment.test(segment)) return "holds a character outside A-Z a-z 0-9 - . _ ~ %";
  if (segment.endsWith(".")) return "ends with a dot, which Windows drops";
  if (windowsDeviceName.test(segment)) return "is a Windows device name";
  if (segment.length > maxSegmentLength) return `is longer than ${maxSegmentLength} characters`;
  return undefined;
}

/**
 * Checks one relative output path (POSIX separators): each segment portable (see above), not `.` or
 * `..`, not a Windows device name, and the normalised path inside the output folder. Returns it.
 */
export function assertOutputPath(path: string): string {
  const segments = typeof path === "string" ? path.split("/") : [""];
  for (const segment of segments) {
    const problem = segmentProblem(segment);
    if (problem !== undefined) {
      throw new Error(`scim-codegen: output path ${JSON.stringify(path)}: segment ${JSON.stringify(segment)} ${problem}`);
    }
  }
  // Implied by the segment checks; kept so that the one guarantee that matters is stated where it is made.
  const normalised = posix.normalize(path);
  if (normalised !== path || posix.isAbsolute(normalised) || normalised.startsWith("../")) {
    throw new Error(`scim-codegen: output path ${JSON.stringify(path)} is not inside the output folder`);
  }
  return path;
}

/**
 * A path under the output folder: `folder` is the generator's own (`packages/core/schemas`, POSIX
 * separators), each of `names` one file name, made from a value by `fileNameSegment` or a definition
 * file's stem. Throws when the result is not a portable path inside the output folder.
 */
export function outputPath(folder: string, ...names: readonly string[]): string {
  for (const name of names) {
    if (typeof name !== "string" || name.includes("/")) {
      throw new Error(`scim-codegen: ${JSON.stringify(name)} is not one file name (under ${folder})`);
    }
  }
  return assertOutputPath([folder, ...names].join("/"));
}

/**
 * Checks the complete list of output paths: each one with `assertOutputPath`, no two that one
 * case-insensitive file system (Windows, macOS) would take for the same file, and no file where another
 * path needs a folder.
 */
export function assertOutputPaths(paths: readonly string[]): void {
  const files = new Map<string, string>();
  const folders = new Map<string, string>();
  for (const path of paths) {
    assertOutputPath(path);
    const key = path.toLowerCase();
    const other = files.get(key);
    if (other !== undefined) {
      throw new Error(
        other === path
          ? `scim-codegen: two emitters produce ${path}`
          : `scim-codegen: ${other} and ${path} are the same file on a case-insensitive file system`,
      );
    }
    files.set(key, path);
    const segments = key.split("/");
    for (let i = 1; i < segments.length; i++) folders.set(segments.slice(0, i).join("/"), path);
  }
  for (const [key, path] of files) {
    const inside = folders.get(key);
    if (inside !== undefined) throw new Error(`scim-codegen: ${path} is a file, but ${inside} needs it as a folder`);
  }
}
