// The output step's writer and checker (generator/output/manifest.ts, output-folder.ts, write-files.ts,
// check-files.ts) on small hand-made file lists, each case in a folder of its own. The expected trees,
// summaries, messages and manifests are literals: never the summary of the run under test. These run in
// milliseconds, so `npm run mutate -- output` can run them for every mutant (issue 14); the suites that
// compile real definitions (output-on-disk, output-crash, output-ownership) stay the end-to-end proof.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { lstat, mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { FileError } from "../../generator/file-error.js";
import { checkFiles, shortDiff } from "../../generator/output/check-files.js";
import { contentHash, manifestFileName, manifestText, parseManifest } from "../../generator/output/manifest.js";
import {
  blockedComponent,
  checkOutputLocation,
  checkProjectRoot,
  isContainedPath,
  isLockFamilyName,
  isTransientName,
  owns,
  scanOutputFolder,
  within,
  type OutputFolderState,
} from "../../generator/output/output-folder.js";
import { outputLocation, planWrite, prepareOutputFolder, producedBytes, writeFiles, type OutputOptions } from "../../generator/output/write-files.js";
import { faultyFileSystem, type Call } from "../helpers/faulty-file-system.js";
import { snapshotTree } from "../helpers/tree.js";

const hashOf = {
  x: "sha256:2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881",
  y: "sha256:a1fce4363854ff888cff4b8e7875d600c2682390412a8cf79b37d0b11148b0fa",
  empty: "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
};
const about =
  "The files scim-codegen wrote in this folder and the SHA-256 of each. It overwrites and deletes only these; any other file here is left alone. Generated: do not edit; commit it with the files.";

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const files = (record: Readonly<Record<string, string>>): GeneratedFile[] =>
  Object.entries(record).map(([path, contents]) => ({ path, contents, language: "text" }));
const bytesOf = (record: Readonly<Record<string, string>>): Map<string, Uint8Array> => new Map(Object.entries(record).map(([p, c]) => [p, encode(c)]));

/** The calls that change the disk. */
const mutating = new Set<Call["method"]>(["writeDurably", "rename", "link", "removeFile", "removeTree", "makeDirectory", "removeEmptyDirectory"]);

/** A read-only file system: every call that would change the disk fails with `code` (mkdir of an existing folder succeeds, as on Linux). */
const readOnlyFileSystem = (code: string) =>
  faultyFileSystem((call) => (mutating.has(call.method) && !(call.method === "makeDirectory" && existsSync(call.path)) ? code : undefined)).fs;

let work: string;
let cases = 0;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "scim-codegen-writer-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** A case of its own: a project folder with a definitions folder, and an output folder `out` (absent). */
async function project(): Promise<{ root: string; out: string; options: OutputOptions }> {
  const root = join(work, `case-${cases++}`);
  await mkdir(join(root, "definitions"), { recursive: true });
  return { root, out: join(root, "out"), options: { definitionsDir: join(root, "definitions"), cwd: root, lockWaitMs: 0 } };
}

/** Writes the user's files (not the generator's) into a folder. */
async function place(dir: string, record: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, contents] of Object.entries(record)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), contents);
  }
}

/** The files of a folder as text (the manifest included), and its folders, for literal comparison. */
async function contentsOf(dir: string): Promise<{ files: Record<string, string>; folders: string[] }> {
  const lines = await snapshotTree(dir);
  const result: Record<string, string> = {};
  for (const line of lines.filter((l) => !l.endsWith("/"))) {
    const path = line.slice(0, line.indexOf(" "));
    result[path] = await readFile(join(dir, path), "utf8");
  }
  return { files: result, folders: lines.filter((l) => l.endsWith("/")) };
}

const refusal = async (promise: Promise<unknown>): Promise<FileError> => {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FileError);
  return err as FileError;
};

describe("the manifest", () => {
  it("lists each file with the SHA-256 of its bytes, in code-unit order, one entry per line", () => {
    expect(contentHash(encode("x"))).toBe(hashOf.x);
    expect(manifestText(bytesOf({ "b/x.txt": "x", "a.txt": "", "B.txt": "y" }))).toBe(
      `{\n  "about": ${JSON.stringify(about)},\n  "files": {\n` +
        `    "B.txt": "${hashOf.y}",\n    "a.txt": "${hashOf.empty}",\n    "b/x.txt": "${hashOf.x}"\n  }\n}\n`,
    );
  });

  it("reads back what it wrote, keeping only string hashes", () => {
    expect(parseManifest(manifestText(bytesOf({ "a.txt": "x", "b/c.txt": "y" })))).toEqual({
      files: new Map([["a.txt", hashOf.x], ["b/c.txt", hashOf.y]]),
      salvaged: false,
    });
    expect(parseManifest(JSON.stringify({ files: { "a.txt": hashOf.x, "n.txt": 5, "o.txt": null } }))).toEqual({ files: new Map([["a.txt", hashOf.x]]), salvaged: false });
    // An empty manifest is still a manifest (valid JSON with a files object).
    expect(parseManifest('{"files": {}}')).toEqual({ files: new Map(), salvaged: false });
  });

  it("with merge-conflict markers still names every file either side listed", () => {
    const conflicted = [
      "{",
      `  "about": ${JSON.stringify(about)},`,
      '  "files": {',
      "<<<<<<< HEAD",
      `    "a.txt": "${hashOf.x}",`,
      `    "q \\"quoted\\".txt":"${hashOf.y}"  `,
      "=======",
      `    "b/c.txt": "${hashOf.empty}"`,
      ">>>>>>> theirs",
      `    "bad.txt": "sha256:${"0".repeat(63)}",`,
      `    "upper.txt": "sha256:${"A".repeat(64)}",`,
      `    "other.txt": "md5:${"0".repeat(64)}"`,
      "  }",
      "}",
    ].join("\n");
    expect(parseManifest(conflicted)).toEqual({
      files: new Map([["a.txt", hashOf.x], ['q "quoted".txt', hashOf.y], ["b/c.txt", hashOf.empty]]),
      salvaged: true,
    });
  });

  it("is not a manifest without a single entry", () => {
    for (const text of ["", "<<<<<<< HEAD\n=======\n>>>>>>> theirs\n", '{"files": null}', '{"about": "x"}', "[1, 2]", "null", '"files"'])
      expect(parseManifest(text), text).toBeUndefined();
  });
});

describe("paths and names", () => {
  it("a contained path has no empty, `.` or `..` segment, no backslash or NUL, and no leading slash", () => {
    const table: [string, boolean][] = [
      ["a", true], ["a/b.txt", true], ["..a", true], ["a/..b", true], ["a/b..", true], [".a/b", true],
      ["", false], ["/a", false], ["a/../b", false], ["..", false], [".", false], ["./a", false], ["a/.", false],
      ["a//b", false], ["a/", false], ["a\\b", false], ["a\u0000b", false], ["\u0000", false],
    ];
    for (const [path, contained] of table) expect(isContainedPath(path), JSON.stringify(path)).toBe(contained);
  });

  it("the transient names are the lock's family, the journal and the staging folder, exactly", () => {
    const table: [string, boolean, boolean][] = [
      // name, transient, lock family
      [".scim-codegen.lock", true, true],
      [".scim-codegen.lock.break-0123", true, true],
      [".scim-codegen.lock.new-uuid", true, true],
      [".scim-codegen.lockx", false, false],
      [".scim-codegen.journal.json", true, false],
      [".scim-codegen.journal.json.bak", false, false],
      [".scim-codegen.staging", true, false],
      [".scim-codegen.staging2", false, false],
      ["scim-codegen.manifest.json", false, false],
    ];
    for (const [name, transient, lockFamily] of table) {
      expect(isTransientName(name), name).toBe(transient);
      expect(isLockFamilyName(name), name).toBe(lockFamily);
    }
  });

  it("within: the folder itself and what is below it, a name starting with `..` included", () => {
    const table: [string, string, boolean][] = [
      ["/p/a", "/p/a", true], ["/p/a/b", "/p/a", true], ["/p/a/..gen", "/p/a", true],
      ["/p/ab", "/p/a", false], ["/p", "/p/a", false], ["/q/a", "/p/a", false], ["/p/a/../b", "/p/a", false],
    ];
    for (const [inner, outer, expected] of table) expect(within(inner, outer), `${inner} in ${outer}`).toBe(expected);
  });

  it("the run's files as bytes; a path that could leave the folder or collide with the generator's own names is a bug", () => {
    expect(producedBytes(files({ "a.txt": "x", "sub/.scim-codegen.lock": "y", "sub/scim-codegen.manifest.json": "" }))).toEqual(
      bytesOf({ "a.txt": "x", "sub/.scim-codegen.lock": "y", "sub/scim-codegen.manifest.json": "" }),
    );
    for (const path of ["../a.txt", "a//b", "/a", manifestFileName, ".scim-codegen.lock", ".scim-codegen.lock.x/a", ".scim-codegen.staging/new/0", ".scim-codegen.journal.json"]) {
      expect(() => producedBytes(files({ "ok.txt": "x", [path]: "y" })), path).toThrow(`an emitter produced the path ${JSON.stringify(path)}, which the output step refuses`);
    }
  });
});

describe("blockedComponent", () => {
  const state: OutputFolderState = {
    files: new Set(["f", "m/x"]),
    contents: new Map(),
    symlinks: new Set(["l", "d/l"]),
    directories: new Set(["d", "m"]),
    others: new Set(["p"]),
    manifest: undefined,
    manifestBytes: undefined,
    legacyTemps: [],
    repositories: [],
  };
  it("is the first component that is a symbolic link, or not a folder where one is needed, or not a file at the end", () => {
    const table: [string, ReturnType<typeof blockedComponent>][] = [
      ["l", { at: "l", why: "symlink" }],
      ["l/x", { at: "l", why: "symlink" }],
      ["d/l/x", { at: "d/l", why: "symlink" }],
      ["f/x", { at: "f", why: "not-a-folder" }],
      ["m/x/y", { at: "m/x", why: "not-a-folder" }],
      ["p/x", { at: "p", why: "not-a-folder" }],
      [`${manifestFileName}/x`, { at: manifestFileName, why: "not-a-folder" }],
      ["d", { at: "d", why: "not-a-file" }],
      ["p", { at: "p", why: "not-a-file" }],
      ["f", undefined],
      ["d/x", undefined],
      ["m/y", undefined],
      ["new/a/b", undefined],
    ];
    for (const [path, expected] of table) expect(blockedComponent(state, path), path).toEqual(expected);
  });
});

describe("the output location", () => {
  const check = (out: string, options: OutputOptions) => checkOutputLocation(outputLocation(out, options));

  it("a NUL in either path is an invalid path, shown with \\0", async () => {
    const { root, options } = await project();
    const err = await refusal(check(join(root, "o\u0000ut"), options));
    expect([err.code, err.path]).toEqual(["invalid-path", join(root, "o\\0ut")]);
    const err2 = await refusal(check(join(root, "out"), { ...options, definitionsDir: join(root, "d\u0000") }));
    expect([err2.code, err2.path]).toEqual(["invalid-path", join(root, "d\\0")]);
  });

  it("the output folder may not be, hold or sit inside the definitions, however it is spelled", async () => {
    const { root, options } = await project();
    await symlink(join(root, "definitions"), join(root, "defs-link"));
    const table: [string, string][] = [
      [join(root, "definitions"), "is"],
      [join(root, "x", "..", "definitions"), "is"],
      [join(root, "defs-link"), "is"],
      [join(root, "definitions", "generated"), "is inside"],
      [join(root, "defs-link", "new", "deeper"), "is inside"],
      [root, "holds"],
    ];
    for (const [out, how] of table) {
      const err = await refusal(check(out, options));
      expect([err.code, err.path, err.reason], out).toEqual([
        "output-overlaps-definitions",
        out,
        `the output folder ${how} the definitions folder definitions, which the generator must never write. Choose a folder beside it, e.g. --out generated`,
      ]);
    }
    // Beside it is fine, and so is a name that merely starts like it.
    await check(join(root, "generated"), options);
    await check(join(root, "definitions-out"), options);
  });

  it("a folder inside .git or node_modules, by name or through a link, is refused", async () => {
    const { root, options } = await project();
    await mkdir(join(root, ".git", "x"), { recursive: true });
    await mkdir(join(root, "node_modules", "x"), { recursive: true });
    await symlink(join(root, ".git", "x"), join(root, "to-git"));
    await symlink(join(root, "node_modules", "x"), join(root, "to-modules"));
    for (const out of [join(root, ".git", "out"), join(root, "to-git", "out")]) {
      const err = await refusal(check(out, options));
      expect([err.code, err.reason]).toEqual(["repository", "is inside a .git folder, which belongs to Git; choose a folder outside it"]);
    }
    for (const out of [join(root, "node_modules", "out"), join(root, "to-modules", "out")]) {
      expect((await refusal(check(out, options))).code).toBe("package-manager-folder");
    }
    // Names that only contain those words are fine.
    await check(join(root, ".github", "out"), options);
    await check(join(root, "my_node_modules"), options);
  });

  it("a symbolic link at the folder or on the way to it from the working directory's line is refused; above that line it is not", async () => {
    const { root, options } = await project();
    await mkdir(join(root, "real", "app"), { recursive: true });
    await symlink(join(root, "real"), join(root, "link"));
    const err = await refusal(check(join(root, "link"), options));
    expect([err.code, err.path]).toEqual(["symlink", join(root, "link")]);
    const err2 = await refusal(check(join(root, "link", "app", "out"), options));
    expect([err2.code, err2.path, err2.reason]).toEqual([
      "symlink",
      join(root, "link"),
      "is a symbolic link on the output path; the generator never writes through one. Point --out at the real folder",
    ]);
    // Working inside the linked folder: the link is the working directory's own road, not the output's.
    await check(join(root, "link", "app", "out"), { ...options, cwd: join(root, "link", "app") });
    await check(join(root, "link", "app"), { ...options, cwd: join(root, "link", "app") });
    // An output folder outside the working directory: the links from where the two part are checked.
    const err3 = await refusal(check(join(root, "link", "app", "out"), { ...options, cwd: join(root, "real") }));
    expect(err3.path).toBe(join(root, "link"));
  });

  it("a file as the folder, or on the way to it, is not a folder; an absent folder is fine", async () => {
    const { root, options } = await project();
    await place(root, { file: "x" });
    const err = await refusal(check(join(root, "file"), options));
    expect([err.code, err.path, err.reason]).toEqual(["not-a-folder", join(root, "file"), "is a file, not a folder; --out must name a folder the generator can own"]);
    expect((await refusal(check(join(root, "file", "out"), options))).path).toBe(join(root, "file"));
    await check(join(root, "absent", "deeper", "out"), options);
  });
});

describe("reading the output folder", () => {
  const scan = async (out: string, options: OutputOptions, produced: Readonly<Record<string, string>> = {}) =>
    scanOutputFolder(outputLocation(out, options), bytesOf(produced));

  it("an absent folder, or a file, reads as empty", async () => {
    const { root, out, options } = await project();
    const empty = { files: new Set(), contents: new Map(), symlinks: new Set(), directories: new Set(), others: new Set(), manifest: undefined, manifestBytes: undefined, legacyTemps: [], repositories: [] };
    expect(await scan(out, options)).toEqual(empty);
    await place(root, { out: "x" });
    expect(await scan(out, options)).toEqual(empty);
  });

  it("sorts what it finds; reads only the files the run produces or the manifest lists", async () => {
    const { out, options } = await project();
    await place(out, {
      [manifestFileName]: manifestText(bytesOf({ "listed.txt": "x", "gone.txt": "y" })),
      "listed.txt": "changed",
      "produced.txt": "p",
      "user.txt": "u",
      "sub/user.txt": "u",
      "sub/.scim-codegen.lock": "nested: a file like any other",
      [`sub/${manifestFileName}`]: "nested: a file like any other",
      ".scim-codegen.lock": "{}",
      ".scim-codegen.lock.break-1": "{}",
      ".scim-codegen.journal.json": "{}",
      ".scim-codegen.staging/new/0": "staged",
      ".scim-codegen.staging2": "not transient",
      "node_modules/pkg/index.js": "",
      "deep/.next/cache.txt": "",
      ".turbo/log": "",
      "deep/repo/.git/HEAD": "ref",
      ".git": "gitdir: elsewhere",
      "listed.txt.scim-codegen-12.tmp": "legacy beside a listed file",
      "produced.txt.scim-codegen-3.tmp": "legacy beside a produced file",
      "user.txt.scim-codegen-4.tmp": "beside a user's file: the user's",
      "listed.txt.scim-codegen-x.tmp": "not the legacy pattern",
    });
    await symlink("sub", join(out, "link-dir"));
    await symlink("listed.txt", join(out, "sub", "link-file"));
    expect(spawnSync("mkfifo", [join(out, "sub", "fifo")]).status).toBe(0);
    const state = await scan(out, options, { "produced.txt": "p", "absent.txt": "a" });
    expect({ ...state, files: [...state.files].sort(), directories: [...state.directories].sort(), symlinks: [...state.symlinks].sort(), others: [...state.others] }).toEqual({
      // `.git` is a repository wherever it is, and a file at the top is listed as a file too.
      files: [".git", ".scim-codegen.staging2", "listed.txt", "listed.txt.scim-codegen-x.tmp", "produced.txt", "sub/.scim-codegen.lock", `sub/${manifestFileName}`, "sub/user.txt", "user.txt", "user.txt.scim-codegen-4.tmp"],
      contents: new Map([["listed.txt", Buffer.from("changed")], ["produced.txt", Buffer.from("p")]]),
      symlinks: ["link-dir", "sub/link-file"],
      directories: ["deep", "deep/repo", "sub"],
      others: ["sub/fifo"],
      manifest: { files: new Map([["gone.txt", hashOf.y], ["listed.txt", hashOf.x]]), salvaged: false },
      manifestBytes: Buffer.from(manifestText(bytesOf({ "listed.txt": "x", "gone.txt": "y" }))),
      legacyTemps: ["listed.txt.scim-codegen-12.tmp", "produced.txt.scim-codegen-3.tmp"],
      repositories: [".git", "deep/repo/.git"],
    });
  });

  it("a manifest that is not one, lists a path outside the folder, or is far too large is refused", async () => {
    const { out, options } = await project();
    await place(out, { [manifestFileName]: "hello" });
    const err = await refusal(scan(out, options));
    expect([err.code, err.path, err.reason]).toEqual([
      "invalid-manifest",
      join(out, manifestFileName),
      "is not a scim-codegen manifest (no file entries in it); restore it from version control, or move the folder aside and generate into an empty one",
    ]);
    await place(out, { [manifestFileName]: JSON.stringify({ files: { "a.txt": hashOf.x, "../b.txt": hashOf.y } }) });
    const err2 = await refusal(scan(out, options));
    expect([err2.code, err2.reason]).toEqual(["invalid-manifest", 'lists "../b.txt", which is outside the output folder; the manifest was edited by hand. Restore it from version control']);
    // 16 MiB is the limit: one byte more is refused unread; at the limit it is read (and is no manifest).
    await writeFile(join(out, manifestFileName), "");
    await truncate(join(out, manifestFileName), 16 * 1024 * 1024 + 1);
    const err3 = await refusal(scan(out, options));
    expect([err3.code, err3.reason]).toEqual(["invalid-manifest", "is far too large to be a scim-codegen manifest; restore it from version control"]);
    await truncate(join(out, manifestFileName), 16 * 1024 * 1024);
    expect((await refusal(scan(out, options))).reason).toMatch(/^is not a scim-codegen manifest/);
  });

  it("a folder named like the manifest is not one: it is walked like any folder", async () => {
    const { out, options } = await project();
    await place(out, { [`${manifestFileName}/inner.txt`]: "x" });
    const state = await scan(out, options);
    expect([state.manifest, state.manifestBytes, [...state.directories], [...state.files]]).toEqual([undefined, undefined, [manifestFileName], [`${manifestFileName}/inner.txt`]]);
  });
});

describe("ownership and project roots", () => {
  const stateOf = async (out: string, options: OutputOptions, produced: Readonly<Record<string, string>>) =>
    scanOutputFolder(outputLocation(out, options), bytesOf(produced));

  it("with a manifest the generator owns what it lists; without one, only files holding exactly its bytes", async () => {
    const { out, options } = await project();
    await place(out, { "same.txt": "x", "other.txt": "y" });
    let state = await stateOf(out, options, { "same.txt": "x", "other.txt": "x" });
    expect([owns(state, "same.txt", encode("x")), owns(state, "other.txt", encode("x")), owns(state, "same.txt"), owns(state, "absent.txt", encode("x"))]).toEqual([true, false, false, false]);
    await place(out, { [manifestFileName]: manifestText(bytesOf({ "other.txt": "q" })) });
    state = await stateOf(out, options, { "same.txt": "x", "other.txt": "x" });
    expect([owns(state, "same.txt", encode("x")), owns(state, "other.txt", encode("x")), owns(state, "other.txt")]).toEqual([false, true, true]);
  });

  it("a repository anywhere in the folder, or a package.json it did not write (the shallowest named), is refused", async () => {
    const { root, out, options } = await project();
    await place(out, { "deep/repo/.git/HEAD": "x", "a/.git": "gitdir: x" });
    const err = await refusal(stateOf(out, options, {}).then((s) => checkProjectRoot(outputLocation(out, options), s, new Map())));
    expect([err.code, err.path, err.reason]).toEqual([
      "repository",
      join(out, "a/.git"),
      "is a Git repository inside the output folder out; the generator never writes a folder that holds one. Choose a folder the generator can own, e.g. --out out/generated",
    ]);
    await rm(out, { recursive: true });
    await place(out, { "z/package.json": "{}", "b/c/package.json": "{}", "a/package.json": "{}", "package.json": "{}" });
    const roots = async (produced: Record<string, string>, cwd = root) => {
      const state = await stateOf(out, options, produced);
      return refusal(Promise.resolve().then(() => checkProjectRoot(outputLocation(out, { ...options, cwd }), state, bytesOf(produced))));
    };
    const err2 = await roots({});
    expect([err2.code, err2.path, err2.reason]).toEqual([
      "project-root",
      join(out, "package.json"),
      `was not written by scim-codegen (${manifestFileName} does not list it), so out looks like a project; the generator never writes into one. Choose a folder the generator can own, e.g. --out out/generated`,
    ]);
    // The top one is the run's own (same bytes): the next, by depth then name.
    expect((await roots({ "package.json": "{}" })).path).toBe(join(out, "a/package.json"));
    expect((await roots({ "package.json": "{}", "a/package.json": "{}", "z/package.json": "{}" })).path).toBe(join(out, "b/c/package.json"));
    // Run from inside the folder, the suggestion is a folder below it.
    expect((await roots({}, out)).reason).toMatch(/so \. looks like a project; .* e\.g\. --out generated$/);
    // All its own: no refusal.
    const all = { "z/package.json": "{}", "b/c/package.json": "{}", "a/package.json": "{}", "package.json": "{}" };
    checkProjectRoot(outputLocation(out, options), await stateOf(out, options, all), bytesOf(all));
  });
});

describe("writing", () => {
  const v1 = { "a.txt": "a1", "b/old.txt": "old", "b/c/deep.txt": "deep", "d/e/keep.txt": "keep" };
  const v2 = { "a.txt": "a2", "d/e/keep.txt": "keep", "n/m/new.txt": "new" };

  it("into an absent folder: every file and the manifest, folders made as needed", async () => {
    const { out, options } = await project();
    expect(await writeFiles(out, files(v1), options)).toEqual({
      written: ["a.txt", "b/c/deep.txt", "b/old.txt", "d/e/keep.txt", manifestFileName],
      unchanged: [],
      removed: [],
      recovered: 0,
      editedByHand: [],
    });
    expect(await contentsOf(out)).toEqual({ files: { ...v1, [manifestFileName]: manifestText(bytesOf(v1)) }, folders: ["b/", "b/c/", "d/", "d/e/"] });
  });

  it("again with the same files: nothing is written, not even touched", async () => {
    const { out, options } = await project();
    await writeFiles(out, files(v1), options);
    const inode = async (path: string) => (await lstat(join(out, path))).ino;
    const before = await Promise.all(["a.txt", manifestFileName].map(inode));
    expect(await writeFiles(out, files(v1), options)).toEqual({
      written: [],
      unchanged: ["a.txt", "b/c/deep.txt", "b/old.txt", "d/e/keep.txt", manifestFileName],
      removed: [],
      recovered: 0,
      editedByHand: [],
    });
    expect(await Promise.all(["a.txt", manifestFileName].map(inode))).toEqual(before);
  });

  it("a new version: changed and new files written, old ones removed with the folders they leave empty; the user's files and their folders stay", async () => {
    const { out, options } = await project();
    await writeFiles(out, files(v1), options);
    await place(out, { "d/user.txt": "mine", "user.txt": "mine" });
    expect(await writeFiles(out, files(v2), options)).toEqual({
      written: ["a.txt", "n/m/new.txt", manifestFileName],
      unchanged: ["d/e/keep.txt"],
      removed: ["b/c/deep.txt", "b/old.txt"],
      recovered: 0,
      editedByHand: [],
    });
    expect(await contentsOf(out)).toEqual({
      files: { ...v2, "d/user.txt": "mine", "user.txt": "mine", [manifestFileName]: manifestText(bytesOf(v2)) },
      folders: ["d/", "d/e/", "n/", "n/m/"],
    });
    // Removing the rest of a folder the user also uses leaves the folder.
    expect((await writeFiles(out, files({ "a.txt": "a2" }), options)).removed).toEqual(["d/e/keep.txt", "n/m/new.txt"]);
    expect((await contentsOf(out)).folders).toEqual(["d/"]);
  });

  it("names the files it replaces or removes that were edited since it wrote them", async () => {
    const { out, options } = await project();
    await writeFiles(out, files(v1), options);
    await place(out, { "a.txt": "edited", "b/old.txt": "edited", "d/e/keep.txt": "edited" });
    const summary = await writeFiles(out, files(v2), options);
    // keep.txt is written back (it was edited, the run's bytes differ), so it is named too.
    expect([summary.written, summary.editedByHand]).toEqual([["a.txt", "d/e/keep.txt", "n/m/new.txt", manifestFileName], ["a.txt", "b/old.txt", "d/e/keep.txt"]]);
    expect((await contentsOf(out)).files["d/e/keep.txt"]).toBe("keep");
  });

  it("adopts a folder without a manifest where its files hold exactly its bytes, and removes an older version's temporary files", async () => {
    const { out, options } = await project();
    await place(out, { "a.txt": "a1", "b/old.txt": "old", "a.txt.scim-codegen-77.tmp": "half" });
    expect(await writeFiles(out, files(v1), options)).toEqual({
      written: ["b/c/deep.txt", "d/e/keep.txt", manifestFileName],
      unchanged: ["a.txt", "b/old.txt"],
      removed: ["a.txt.scim-codegen-77.tmp"],
      recovered: 0,
      editedByHand: [],
    });
    expect(Object.keys((await contentsOf(out)).files).sort()).toEqual(["a.txt", "b/c/deep.txt", "b/old.txt", "d/e/keep.txt", manifestFileName]);
  });

  it("refuses files it did not write where its own must go, naming the first and counting the rest; nothing is written", async () => {
    const { out, options } = await project();
    await place(out, { "a.txt": "theirs", "b/old.txt": "theirs" });
    const before = await snapshotTree(out);
    const err = await refusal(writeFiles(out, files(v1), options));
    expect([err.code, err.path, err.reason]).toEqual([
      "foreign-file",
      join(out, "a.txt"),
      `is in the way of a generated file (and 1 more: b/old.txt), and scim-codegen did not write it (${manifestFileName} does not list it); nothing was written. Move it away, or choose another --out for out`,
    ]);
    expect(await snapshotTree(out)).toEqual(before);
    const six = { f1: "g", f2: "g", f3: "g", f4: "g", f5: "g", f6: "g" };
    await place(out, Object.fromEntries(Object.keys(six).map((p) => [p, "theirs"])));
    expect((await refusal(writeFiles(out, files(six), options))).reason).toMatch(/^is in the way of a generated file \(and 5 more: f2, f3, f4, …\), /);
    await rm(out, { recursive: true });
    await place(out, { f1: "theirs" });
    expect((await refusal(writeFiles(out, files(six), options))).reason).toMatch(/^is in the way of a generated file, and scim-codegen did not write it/);
    // With a manifest, a file it does not list is refused unless it holds exactly the bytes it would write.
    await rm(out, { recursive: true });
    await writeFiles(out, files({ "a.txt": "a1" }), options);
    await place(out, { "b/old.txt": "old", "b/c/deep.txt": "theirs" });
    expect((await refusal(writeFiles(out, files(v1), options))).path).toBe(join(out, "b/c/deep.txt"));
    await place(out, { "b/c/deep.txt": "deep" });
    expect(await writeFiles(out, files(v1), options)).toMatchObject({ written: ["d/e/keep.txt", manifestFileName], unchanged: ["a.txt", "b/c/deep.txt", "b/old.txt"] });
  });

  it("refuses a symbolic link, a file where it needs a folder, or a folder where it needs a file", async () => {
    const { root, out, options } = await project();
    await place(root, { "elsewhere/x.txt": "x" });
    await place(out, { "user.txt": "u" });
    await symlink(join(root, "elsewhere"), join(out, "b"));
    const before = await snapshotTree(out);
    const err = await refusal(writeFiles(out, files(v1), options));
    expect([err.code, err.path, err.reason]).toEqual([
      "symlink",
      join(out, "b"),
      "is a symbolic link on the path of the generated file b/old.txt; the generator never writes through one. Replace it with a real folder, or remove it",
    ]);
    await rm(join(out, "b"));
    await place(out, { b: "a user's file" });
    const err2 = await refusal(writeFiles(out, files(v1), options));
    expect([err2.code, err2.path, err2.reason]).toEqual([
      "foreign-file",
      join(out, "b"),
      "is a file where the generator needs a folder for b/old.txt, and scim-codegen did not write it; nothing was written. Move it away, or choose another --out",
    ]);
    await rm(join(out, "b"));
    await mkdir(join(out, "a.txt"));
    const err3 = await refusal(writeFiles(out, files(v1), options));
    expect([err3.path, err3.reason]).toEqual([
      join(out, "a.txt"),
      "is a folder or special file where the generator needs a file for a.txt, and scim-codegen did not write it; nothing was written. Move it away, or choose another --out",
    ]);
    await rm(join(out, "a.txt"), { recursive: true });
    expect(await snapshotTree(out)).toEqual(before.filter((line) => !line.startsWith("b ")));
    // A folder named like the manifest is in the manifest's way.
    await mkdir(join(out, manifestFileName));
    expect((await refusal(writeFiles(out, files(v1), options))).path).toBe(join(out, manifestFileName));
  });

  it("replaces its own file by a folder, and its own folder by a file (check calls them missing, not foreign)", async () => {
    const { out, options } = await project();
    await writeFiles(out, files({ x: "file", "y/z.txt": "z", "w/v/u.txt": "u" }), options);
    expect((await checkFiles(out, files({ "x/inner.txt": "i", y: "file", w: "w" }), options)).drift).toEqual([
      { kind: "changed", path: manifestFileName, diff: expect.any(String) as string },
      { kind: "missing", path: "w" },
      { kind: "orphan", path: "w/v/u.txt" },
      { kind: "orphan", path: "x" },
      { kind: "missing", path: "x/inner.txt" },
      { kind: "missing", path: "y" },
      { kind: "orphan", path: "y/z.txt" },
    ]);
    // Not when the folder holds anything else: a user's file, a link, or a file the run still writes.
    await place(out, { "w/v/user.txt": "mine" });
    expect((await refusal(writeFiles(out, files({ y: "file", w: "w" }), options))).path).toBe(join(out, "w"));
    await rm(join(out, "w/v/user.txt"));
    await symlink("u.txt", join(out, "w/v/link"));
    expect((await refusal(writeFiles(out, files({ y: "file", w: "w" }), options))).path).toBe(join(out, "w"));
    await rm(join(out, "w/v/link"));
    await mkdir(join(out, "w/v/empty"));
    expect((await refusal(writeFiles(out, files({ y: "file", w: "w" }), options))).path).toBe(join(out, "w"));
    await rm(join(out, "w"), { recursive: true });
    expect((await refusal(writeFiles(out, files({ y: "file", "y/z.txt": "z" }), options))).path).toBe(join(out, "y"));
    expect(await writeFiles(out, files({ "x/inner.txt": "i", y: "file" }), options)).toMatchObject({ written: [manifestFileName, "x/inner.txt", "y"], removed: ["x", "y/z.txt"] });
    expect(await contentsOf(out)).toEqual({ files: { "x/inner.txt": "i", y: "file", [manifestFileName]: manifestText(bytesOf({ "x/inner.txt": "i", y: "file" })) }, folders: ["x/"] });
  });

  it("plans the folders it must create, parents first, and the manifest last", async () => {
    const { out, options } = await project();
    await place(out, { "d/x": "user" });
    const location = outputLocation(out, options);
    const produced = bytesOf({ "z.txt": "z", "d/e/f/g.txt": "g", "d/h.txt": "h", "n/m.txt": "m" });
    const { plan } = planWrite(location, await scanOutputFolder(location, produced), produced);
    expect(plan.createdDirectories).toEqual(["d/e", "d/e/f", "n"]);
    expect(plan.writes.map((w) => [w.path, w.replaces])).toEqual([["z.txt", false], ["d/e/f/g.txt", false], ["d/h.txt", false], ["n/m.txt", false], [manifestFileName, false]]);
    expect(plan.removals).toEqual([]);
  });

  it("a failure in a folder it created removes that folder again; in one that existed, leaves it as it was", async () => {
    const { out, options } = await project();
    const full = faultyFileSystem((call) => (call.method === "writeDurably" && call.path.includes(".scim-codegen.staging") ? "ENOSPC" : undefined));
    const err = await refusal(writeFiles(join(out, "new"), files(v1), { ...options, fs: full.fs }));
    expect([err.code, err.path]).toEqual(["ENOSPC", join(out, "new", ".scim-codegen.staging", "new", "0")]);
    expect(await snapshotTree(out)).toEqual([]);
    await writeFiles(out, files(v1), options);
    const before = await snapshotTree(out);
    expect((await refusal(writeFiles(out, files(v2), { ...options, fs: faultyFileSystem((call) => (call.method === "writeDurably" && call.path.includes(".scim-codegen.staging") ? "ENOSPC" : undefined)).fs }))).code).toBe("ENOSPC");
    expect(await snapshotTree(out)).toEqual(before);
  });

  it("a read-only folder that is up to date is fine; one that must change is one error, nothing touched; so is one holding a stopped run's leftovers", async () => {
    const { out, options } = await project();
    await writeFiles(out, files(v1), options);
    const readOnly = () => ({ ...options, fs: readOnlyFileSystem("EROFS") });
    expect(await writeFiles(out, files(v1), readOnly())).toMatchObject({ written: [], removed: [] });
    const before = await snapshotTree(out);
    const err = await refusal(writeFiles(out, files(v2), readOnly()));
    expect([err.code, err.path]).toEqual(["EROFS", join(out, ".scim-codegen.lock")]);
    expect(await snapshotTree(out)).toEqual(before);
    await place(out, { ".scim-codegen.staging/new/0": "half" });
    const err2 = await refusal(writeFiles(out, files(v1), readOnly()));
    expect([err2.code, err2.path]).toEqual(["EROFS", out]);
    expect(err2.reason).toMatch(/^holds what a stopped run left \(a journal, staged files or its lock\), which cannot be completed or tidied here: cannot writeDurably: EROFS \(injected\)\. Run generate where the folder is writable$/);
    // Writable again: the leftovers go, nothing else changes.
    expect(await writeFiles(out, files(v1), options)).toMatchObject({ written: [], recovered: 0 });
    expect(await snapshotTree(out)).toEqual(before);
  });

  it("prepareOutputFolder refuses a bad folder first, and has nothing to recover in a clean one", async () => {
    const { out, options } = await project();
    expect(await prepareOutputFolder(out, options)).toBe(0);
    await writeFiles(out, files(v1), options);
    expect(await prepareOutputFolder(out, options)).toBe(0);
    expect((await refusal(prepareOutputFolder(options.definitionsDir, options))).code).toBe("output-overlaps-definitions");
  });
});

describe("checking", () => {
  const v1 = { "a.txt": "1\n2\n3\n4\n5\n", "b/old.txt": "old", "c.txt": "c\n" };

  it("an absent folder: everything missing, nothing created", async () => {
    const { out, options } = await project();
    expect(await checkFiles(out, files(v1), options)).toEqual({
      drift: [{ kind: "missing", path: "a.txt" }, { kind: "missing", path: "b/old.txt" }, { kind: "missing", path: "c.txt" }, { kind: "missing", path: manifestFileName }],
      foreign: [],
      recovered: 0,
    });
    expect(await snapshotTree(out)).toEqual([]);
  });

  it("an up-to-date folder: no drift; the user's files are listed apart, sorted", async () => {
    const { out, options } = await project();
    await writeFiles(out, files(v1), options);
    await place(out, { "z.txt": "u", "b/a.txt": "u", "B.txt": "u" });
    expect(await checkFiles(out, files(v1), options)).toEqual({ drift: [], foreign: ["B.txt", "b/a.txt", "z.txt"], recovered: 0 });
  });

  it("tells each kind of drift apart, in path order, and changes nothing", async () => {
    const { out, options } = await project();
    await writeFiles(out, files({ ...v1, "gone.txt": "g" }), options);
    await place(out, {
      "a.txt": "1\n2\nthree\n4\n5\n", // changed
      "c.txt": "c\r\n", // line endings only
      "gone.txt.scim-codegen-5.tmp": "x", // an older version's temporary file
      "user.txt": "u",
    });
    await rm(join(out, "b/old.txt"));
    await mkdir(join(out, "new.txt"));
    const want = { ...v1, "new.txt": "n", "theirs.txt": "t" };
    await place(out, { "theirs.txt": "not the generator's" });
    const before = await snapshotTree(out);
    const report = await checkFiles(out, files(want), options);
    expect(report).toEqual({
      drift: [
        { kind: "changed", path: "a.txt", diff: "@@ line 3 @@\n  1\n  2\n- three\n+ 3" },
        { kind: "missing", path: "b/old.txt" },
        { kind: "line-endings", path: "c.txt" },
        { kind: "orphan", path: "gone.txt" },
        { kind: "orphan", path: "gone.txt.scim-codegen-5.tmp" },
        { kind: "foreign", path: "new.txt" },
        { kind: "changed", path: manifestFileName, diff: shortDiff(manifestText(bytesOf({ ...v1, "gone.txt": "g" })), manifestText(bytesOf(want))) },
        { kind: "foreign", path: "theirs.txt" },
      ],
      foreign: ["user.txt"],
      recovered: 0,
    });
    expect(await snapshotTree(out)).toEqual(before);
  });

  it("a read-only folder with a stopped run's leftovers cannot be checked; a writable one is tidied first", async () => {
    const { out, options } = await project();
    await writeFiles(out, files(v1), options);
    await place(out, { ".scim-codegen.staging/new/0": "half" });
    const readOnly = { ...options, fs: readOnlyFileSystem("EACCES") };
    const err = await refusal(checkFiles(out, files(v1), readOnly));
    expect([err.code, err.path]).toEqual(["EACCES", out]);
    expect(await checkFiles(out, files(v1), options)).toEqual({ drift: [], foreign: [], recovered: 0 });
    expect((await snapshotTree(out)).some((line) => line.startsWith(".scim-codegen"))).toBe(false);
    // A read-only folder without leftovers is checked as usual.
    expect(await checkFiles(out, files(v1), readOnly)).toEqual({ drift: [], foreign: [], recovered: 0 });
  });

  it("refuses what generate would refuse: a bad location, a project root", async () => {
    const { out, options } = await project();
    expect((await refusal(checkFiles(options.definitionsDir, files(v1), options))).code).toBe("output-overlaps-definitions");
    await place(out, { "package.json": "{}" });
    expect((await refusal(checkFiles(out, files(v1), options))).code).toBe("project-root");
  });

  it("shortDiff: the changed lines with two lines of context, at most `limit` a side", () => {
    expect(shortDiff("a\nb\nc\nd\ne", "a\nb\nX\nd\ne")).toBe("@@ line 3 @@\n  a\n  b\n- c\n+ X");
    expect(shortDiff("a\nb\nc\nd", "a\nb\nc\nD")).toBe("@@ line 4 @@\n  b\n  c\n- d\n+ D");
    expect(shortDiff("x\ny", "z\ny")).toBe("@@ line 1 @@\n- x\n+ z");
    expect(shortDiff("a\nb", "a\nb\nc")).toBe("@@ line 3 @@\n  a\n  b\n+ c");
    expect(shortDiff("a\nb\nc", "a\nc")).toBe("@@ line 2 @@\n  a\n- b");
    expect(shortDiff("s\n1\n2\n3\ne", "s\n4\n5\n6\ne", 2)).toBe("@@ line 2 @@\n  s\n- 1\n- 2\n- … 1 more lines\n+ 4\n+ 5\n+ … 1 more lines");
    expect(shortDiff("1\n2", "3\n4", 2)).toBe("@@ line 1 @@\n- 1\n- 2\n+ 3\n+ 4");
  });
});
