import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A throw-away project folder: `definitions/…` files written from a map, removed by `dispose`. */
export interface TempProject {
  readonly root: string;
  readonly definitionsDir: string;
  readonly outDir: string;
  dispose(): Promise<void>;
}

/**
 * Writes `files` (paths relative to the project root; `null` skips a file; bytes are written as they
 * are, text as UTF-8) into a new temp folder.
 */
export async function tempProject(files: Readonly<Record<string, string | Uint8Array | null>>): Promise<TempProject> {
  const root = await mkdtemp(join(tmpdir(), "scim-codegen-test-"));
  for (const [path, text] of Object.entries(files)) {
    if (text === null) continue;
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return {
    root,
    definitionsDir: join(root, "definitions"),
    outDir: join(root, "generated"),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** The repository's own definitions, as a file map to start variations from. */
export async function defaultDefinitionFiles(repoRoot: string): Promise<Record<string, string>> {
  const names = [
    "definitions/scim-codegen.yaml",
    "definitions/service-provider-config.yaml",
    "definitions/schemas/user.yaml",
    "definitions/schemas/group.yaml",
    "definitions/schemas/enterprise-user.yaml",
    "definitions/resource-types/user.yaml",
    "definitions/resource-types/group.yaml",
  ];
  const out: Record<string, string> = {};
  for (const n of names) out[n] = await readFile(join(repoRoot, n), "utf8");
  return out;
}
