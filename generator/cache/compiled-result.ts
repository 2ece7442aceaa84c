// The stored compile of a definitions folder: when a run's inputs are exactly those of the last compile
// that succeeded, the run takes its files and diagnostics from here instead of compiling, so an unchanged
// `generate` or `generate --check` never loads the YAML parser, ajv, ts-morph, prettier or Handlebars.
//
// What makes this safe:
// - The key is a hash of everything compiling depends on: every definition source as read (its bytes
//   decoded as strict UTF-8, its kind, the path diagnostics show, which depends on the working directory,
//   and the name generated headers show, which depends on the project root) and the generator's
//   fingerprint (its code, data, templates and dependency pins: transform-cache.ts). A touched file with
//   the same bytes is the same input; a changed comment is another input (it is compiled again).
// - Only the compile is stored, never a verdict about the output folder: the files are written or checked
//   against the tree on disk by the very code a compiling run uses (run-generate.ts), so a stale or edited
//   tree is reported the same with or without this file.
// - The record carries a digest of its own body, checked on every read: a truncated or hand-edited record
//   is ignored, never served. (Like the transform cache, the record is trusted as much as node_modules is:
//   see the README's Safety section.)

import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import type { DefinitionSource } from "../load/definition-sources.js";
import { cacheKey, generatorFingerprint } from "./transform-cache.js";

/** What compiling gave: the diagnostics (warnings only, since it succeeded) and the formatted files. */
export interface CompiledResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly files: readonly GeneratedFile[];
}

const recordVersion = 1;

/** The key of a compile: every input of `compileDefinitions`, and the generator that compiles them. */
export function compiledResultKey(sources: readonly DefinitionSource[], fingerprint: string = generatorFingerprint()): string {
  const parts = ["compiled-result", String(recordVersion), fingerprint];
  for (const s of sources) {
    parts.push(s.kind, s.displayPath, s.sourceName, s.builtin ? "builtin" : "user", s.refused ? "refused" : "read", s.text);
  }
  return cacheKey(...parts);
}

/** The record file of one definitions folder under `cacheDir` (one per folder: the latest compile). */
export function compiledResultFile(cacheDir: string, definitionsDir: string): string {
  return join(cacheDir, `${cacheKey(definitionsDir).slice(0, 16)}.compiled.json`);
}

// The record is one header line, JSON `{ version, key, digest }`, then the body, the JSON of a
// CompiledResult: a record of other inputs is turned away after reading the header, and the body is
// parsed once.
interface RecordHeader {
  readonly version: number;
  readonly key: string;
  /** SHA-256 of the body, as stored. */
  readonly digest: string;
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * The stored compile of these sources, or undefined: none stored, stored for other inputs or by another
 * generator, unreadable, or not intact. Never throws: a cache only ever costs speed.
 */
export async function readCompiledResult(
  cacheDir: string,
  definitionsDir: string,
  sources: readonly DefinitionSource[],
  fingerprint?: string,
): Promise<CompiledResult | undefined> {
  try {
    const text = await readFile(compiledResultFile(cacheDir, definitionsDir), "utf8");
    const newline = text.indexOf("\n");
    if (newline < 0) return undefined;
    const header = JSON.parse(text.slice(0, newline)) as Partial<RecordHeader>;
    if (header.version !== recordVersion || header.key !== compiledResultKey(sources, fingerprint)) return undefined;
    const bodyText = text.slice(newline + 1);
    if (header.digest !== sha256(bodyText)) return undefined;
    const body = JSON.parse(bodyText) as CompiledResult;
    return Array.isArray(body.diagnostics) && Array.isArray(body.files) ? body : undefined;
  } catch {
    return undefined;
  }
}

/** Stores the compile of these sources, replacing the folder's previous one. Never throws. */
export async function writeCompiledResult(
  cacheDir: string,
  definitionsDir: string,
  sources: readonly DefinitionSource[],
  result: CompiledResult,
  fingerprint?: string,
): Promise<void> {
  const file = compiledResultFile(cacheDir, definitionsDir);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    // Only what the output step reads: path, bytes and language (no data constants, no format hints).
    const files = result.files.map(({ path, contents, language }) => ({ path, contents, language }));
    const body = JSON.stringify({ diagnostics: result.diagnostics, files });
    const header: RecordHeader = { version: recordVersion, key: compiledResultKey(sources, fingerprint), digest: sha256(body) };
    await mkdir(cacheDir, { recursive: true });
    await writeFile(tmp, `${JSON.stringify(header)}\n${body}`);
    await rename(tmp, file);
  } catch {
    // a read-only or full disk only costs speed next time
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}
