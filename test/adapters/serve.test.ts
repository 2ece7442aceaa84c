// `npm run serve` (scripts/serve.ts) as a user runs it: when the adapter cannot start (here: a public URL whose
// host the runtime refuses, found only once the listener is open and the adapter is created), it closes the
// listener, says why on stderr and exits non-zero, rather than keeping the process alive with a server that
// answers nothing. Next.js: the options are checked before `next start`, so it never serves 500s instead.

import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../generator/package-root.js";

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the serve script; a process still running after `guardMs` is killed (the test then fails on its code). */
function runServe(args: readonly string[], guardMs = 25_000): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(packageRoot, "scripts", "serve.ts"), ...args], {
      cwd: packageRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const guard = setTimeout(() => child.kill("SIGKILL"), guardMs);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("npm run serve when the adapter cannot start", () => {
  it.each(["express", "fastify", "hono", "koa", "next", "node"])(
    "%s: closes the listener, prints why and exits 1",
    async (framework) => {
      const { code, stdout, stderr } = await runServe(["--framework", framework, "--port", "0", "--base-url", "http://a_b"]);
      expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
      expect(stderr).toMatch(new RegExp(`^serve: cannot start ${framework} on port 0: origin "http://a_b" is not an http\\(s\\) origin`));
    },
    30_000,
  );
});
