import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import { main } from "../../generator/cli.js";

/** Runs the CLI in-process as if started in `cwd`, with npm's script variables from `env` only. */
export async function cli(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}) {
  let stdout = "";
  let stderr = "";
  const spy = vi.spyOn(process, "cwd").mockReturnValue(cwd);
  try {
    const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env });
    return { code, stdout, stderr };
  } finally {
    spy.mockRestore();
  }
}

/** A new app folder in the temp dir with this package.json text; removed by `dispose`. */
export async function tempApp(packageJson: string | null): Promise<{ root: string; dispose: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), "scim-codegen-app-"));
  if (packageJson !== null) await writeFile(join(root, "package.json"), packageJson);
  return { root, dispose: () => rm(root, { recursive: true, force: true }) };
}
