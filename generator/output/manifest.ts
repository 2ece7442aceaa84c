// The record of what the generator owns in an output folder (as Bazel and Nix own their outputs): every
// file it wrote, with the SHA-256 of the bytes it wrote. A run overwrites or deletes a file only when this
// record lists it; anything else in the folder belongs to someone else and is never touched.
//
// The manifest is itself generated output: deterministic (paths in code-unit order, no date, no version),
// committed with the files it lists, one entry per line, so that a merge conflict in it stays readable and
// recoverable (see parseManifest).

import { createHash } from "node:crypto";

/** File name of the manifest, at the top of the output folder. */
export const manifestFileName = "scim-codegen.manifest.json";

/** The owned files: POSIX path relative to the output folder → `sha256:<hex>` of the bytes written. */
export type Manifest = ReadonlyMap<string, string>;

/** `sha256:<hex>` of some bytes. */
export function contentHash(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/** The manifest's text for the files of a run (which never include the manifest itself). */
export function manifestText(files: ReadonlyMap<string, Uint8Array>): string {
  const paths = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const entries = paths.map((path) => `    ${JSON.stringify(path)}: ${JSON.stringify(contentHash(files.get(path) as Uint8Array))}`);
  return `{
  "about": "The files scim-codegen wrote in this folder and the SHA-256 of each. It overwrites and deletes only these; any other file here is left alone. Generated: do not edit; commit it with the files.",
  "files": {
${entries.join(",\n")}
  }
}
`;
}

/** What reading a manifest gave. */
export interface ParsedManifest {
  readonly files: Manifest;
  /**
   * The text was not valid JSON (typically merge-conflict markers); `files` holds every entry line of
   * every side, so that nothing either side owned is forgotten.
   */
  readonly salvaged: boolean;
}

const entryLine = /^\s*("(?:[^"\\]|\\.)*")\s*:\s*"(sha256:[0-9a-f]{64})",?\s*$/;

/** Reads a manifest's text; `undefined` when it holds no entry at all (not a manifest). */
export function parseManifest(text: string): ParsedManifest | undefined {
  try {
    const data = JSON.parse(text) as { files?: unknown };
    if (typeof data === "object" && data !== null && typeof data.files === "object" && data.files !== null) {
      const files = new Map<string, string>();
      for (const [path, hash] of Object.entries(data.files as Record<string, unknown>)) {
        if (typeof hash === "string") files.set(path, hash);
      }
      return { files, salvaged: false };
    }
  } catch {
    // Not JSON: fall through to the line-by-line reading.
  }
  const files = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = entryLine.exec(line);
    if (match) files.set(JSON.parse(match[1] as string) as string, match[2] as string);
  }
  return files.size > 0 ? { files, salvaged: true } : undefined;
}
