// Reads a version of the definitions into a model: the current folder, another folder, or the same folder
// at a git ref. A git ref is read with git itself (`git ls-tree`, then every blob in one `git cat-file
// --batch`), written into a temp folder that is always removed, and loaded by the same loader, validation
// and model builder as the current version, so both sides get exactly the same rules (file names,
// symbolic links, size limits, defaults).
//
// Only the loader, validation and model are reached: nothing here loads an emitter, ts-morph, prettier or
// handlebars, so a diff costs about what reading the definitions costs.

import { spawn } from "node:child_process";
import { mkdir, mkdtemp, open, realpath, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { memoFrom, noCache, type TransformCache } from "../cache/transform-cache.js";
import { DiagnosticSink, hasErrors, printable, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseDefinitionSources, readDefinitionSources } from "../load/definition-files.js";
import { loaderLimits } from "../load/limits.js";
import { fileSystemError } from "../file-error.js";
import { buildModel } from "../model/build-model.js";
import { validateDefinitions } from "../validate/validate-definitions.js";
import { modelPositions, type ModelVersion } from "./model-positions.js";

/** A version read: its model, or the diagnostics that stop it, or (at a git ref) no definitions folder at all. */
export type VersionRead =
  | { readonly status: "ok"; readonly version: ModelVersion }
  | { readonly status: "invalid"; readonly diagnostics: readonly Diagnostic[] }
  | { readonly status: "absent" };

/** Why a diff cannot run at all (not a git repository, no such ref): one line, exit 2. */
export class DiffSetupError extends Error {
  override readonly name = "DiffSetupError";
}

/**
 * Loads, validates and models the definitions in `definitionsDir`; positions are shown relative to
 * `cwd`. Throws FileError when the file system fails (as `generate` does).
 */
export async function readFolderVersion(definitionsDir: string, cwd: string, cache: TransformCache = noCache): Promise<VersionRead> {
  const sink = new DiagnosticSink();
  const sources = await readDefinitionSources(definitionsDir, cwd, sink);
  const parsed = parseDefinitionSources(sources, sink, cache);
  const validated = validateDefinitions(parsed, sink, memoFrom(cache));
  if (hasErrors(sink.items)) return { status: "invalid", diagnostics: sortDiagnostics(sink.items) };
  return { status: "ok", version: { model: buildModel(validated), where: modelPositions(validated) } };
}

/**
 * The definitions folder `definitionsDir` as it was at git `ref` of the repository that holds it. Its
 * files are shown at the paths they have in the working tree (relative to `cwd`), so the old and the
 * current version of a file are named alike. `absent`: the ref has no such folder.
 */
export async function readGitVersion(ref: string, definitionsDir: string, cwd: string, cache: TransformCache = noCache): Promise<VersionRead> {
  const definitionsReal = await realpath(definitionsDir).catch(() => definitionsDir);
  const runIn = await stat(definitionsReal).then((s) => (s.isDirectory() ? definitionsReal : cwd), () => cwd);
  if (ref === "" || ref.startsWith("-")) throw new DiffSetupError(`"${printable(ref)}" is not a git ref`);
  // One git process finds the repository and the commit: the top level on the first line, the commit on
  // the second, or exit 1 without it when there is no such ref (128: not a repository).
  const found = await git(["rev-parse", "--show-toplevel", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], runIn);
  const [top, commit] = found.stdout.toString("utf8").split("\n").map((l) => l.trim());
  if (!top) {
    throw new DiffSetupError(`${printable(runIn)} is not in a git repository (${found.firstLine}); to compare with a folder, pass --against DIR`);
  }
  const root = await realpath(top);
  const inRepo = relative(root, definitionsReal);
  if (inRepo === ".." || inRepo.startsWith(`..${sep}`) || isAbsolute(inRepo)) {
    throw new DiffSetupError(`the definitions folder ${printable(definitionsDir)} is not inside the git repository at ${printable(root)}`);
  }
  if (found.code !== 0 || !commit) {
    throw new DiffSetupError(`no such git ref "${printable(ref)}"${ref.startsWith("origin/") ? " (in CI, fetch it first: actions/checkout with fetch-depth: 0)" : ""}`);
  }

  const posixPath = inRepo.split(sep).join("/");
  const entries = parseTree(await gitOutput(["--literal-pathspecs", "ls-tree", "-r", "-l", "-z", "--full-tree", commit, ...(posixPath === "" ? [] : ["--", posixPath])], root));
  if (entries.length === 0) return { status: "absent" };

  const temp = await mkdtemp(join(tmpdir(), "scim-codegen-diff-")).catch((err: unknown) => {
    throw fileSystemError(err, tmpdir(), "make a temp folder for the other version");
  });
  try {
    await materialise(entries, temp, root).catch((err: unknown) => {
      throw fileSystemError(err, temp, "write the other version into a temp folder");
    });
    // The working directory mirrored into the temp tree, so that `relative(cwd, file)` names each old file
    // as the current one is named.
    const cwdReal = await realpath(cwd).catch(() => cwd);
    return await readFolderVersion(join(temp, inRepo), join(temp, relative(root, cwdReal)), cache);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** An entry of `git ls-tree -r -l`: a blob, a symbolic link or a submodule. */
interface TreeEntry {
  readonly mode: string;
  readonly object: string;
  /** Bytes; undefined for a submodule. */
  readonly size: number | undefined;
  /** POSIX, from the repository root. */
  readonly path: string;
}

function parseTree(text: string): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (const record of text.split("\0")) {
    // `<mode> SP <type> SP <object> SP+ <size> TAB <path>` (git-ls-tree(1), --long)
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t([\s\S]+)$/.exec(record);
    if (!match) continue;
    out.push({ mode: match[1]!, object: match[3]!, size: match[4] === "-" ? undefined : Number(match[4]), path: match[5]! });
  }
  return out;
}

/** Writes the blobs and symbolic links of `entries` under `temp`, read with one `git cat-file --batch`. */
async function materialise(entries: readonly TreeEntry[], temp: string, root: string): Promise<void> {
  const usable = entries.filter((e) => e.path.split("/").every((s) => s !== "" && s !== "." && s !== ".."));
  // A file over the loader's size limit is not read (git would hand over every byte): a sparse file of its
  // size stands in, which the loader refuses unread exactly as it refuses the real one.
  const wanted = usable.filter((e) => (e.mode === "100644" || e.mode === "100755" || e.mode === "120000") && (e.size ?? 0) <= loaderLimits.maxFileBytes);
  const blobs = wanted.length === 0 ? new Map<string, Buffer>() : parseBatch(await gitBytes(["cat-file", "--batch"], root, wanted.map((e) => `${e.object}\n`).join("")));
  for (const e of usable) {
    const dest = join(temp, ...e.path.split("/"));
    await mkdir(dirname(dest), { recursive: true });
    if (e.mode === "120000") {
      const target = blobs.get(e.object);
      if (target) await symlink(target.toString("utf8"), dest);
    } else if (e.mode === "100644" || e.mode === "100755") {
      const bytes = blobs.get(e.object);
      if (bytes) await writeFile(dest, bytes);
      else {
        const handle = await open(dest, "w");
        await handle.truncate(e.size ?? 0).finally(() => handle.close());
      }
    }
  }
}

/** The objects of `git cat-file --batch` output: `<object> SP <type> SP <size> LF <contents> LF` each. */
function parseBatch(out: Buffer): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) break;
    const [object, type, size] = out.subarray(at, eol).toString("utf8").split(" ");
    if (type === "missing" || size === undefined || object === undefined) {
      at = eol + 1;
      continue;
    }
    const length = Number(size);
    blobs.set(object, out.subarray(eol + 1, eol + 1 + length));
    at = eol + 1 + length + 1;
  }
  return blobs;
}

/** What a git process printed, and its exit code. */
interface GitRun {
  readonly code: number;
  readonly stdout: Buffer;
  /** The first line git printed on stderr, or a line saying how it exited. */
  readonly firstLine: string;
}

/** Runs git and returns its stdout; a failure (which the steps before rule out) is a DiffSetupError. */
async function gitBytes(args: readonly string[], cwd: string, input?: string): Promise<Buffer> {
  const run = await git(args, cwd, input);
  if (run.code !== 0) throw new DiffSetupError(`git ${args.find((a) => !a.startsWith("-"))} failed: ${run.firstLine}`);
  return run.stdout;
}

async function gitOutput(args: readonly string[], cwd: string): Promise<string> {
  return (await gitBytes(args, cwd)).toString("utf8");
}

/** Runs git in `cwd` (with `input` on stdin). No shell: arguments pass as they are. */
function git(args: readonly string[], cwd: string, input?: string): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    // GIT_* variables a hook or an outer git may have set would point git at another repository.
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) {
      if (/^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|COMMON_DIR)$/.test(key)) delete env[key];
    }
    const child = spawn("git", args, { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e: NodeJS.ErrnoException) => {
      reject(e.code === "ENOENT" ? new DiffSetupError("git is not installed (or not on PATH); to compare with a folder, pass --against DIR") : e);
    });
    child.on("close", (code) => {
      const firstLine = printable(Buffer.concat(err).toString("utf8").split("\n")[0]?.trim() || `git exited with ${code}`);
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), firstLine });
    });
    // git may exit (a bad ref, a bad object) before it has read its input; its exit code reports that.
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
  });
}
