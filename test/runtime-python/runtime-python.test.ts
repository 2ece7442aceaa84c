// The Python runtime's own tests (unittest, standard library only), run once from the vitest suite: the
// runtime needs no virtual environment. The adapter tests in the same folder skip themselves, saying why, where
// Django or FastAPI is not importable; the py-package test venv runs them with the frameworks installed.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PYTHON = process.env["SCIM_PYTHON"] ?? "python3";

describe("the Python discovery runtime", () => {
  it("passes its unittest suite (python3 -m unittest discover test/runtime-python)", () => {
    const run = spawnSync(PYTHON, ["-m", "unittest", "discover", "-s", "test/runtime-python", "-t", "test/runtime-python", "-p", "test_*.py"], {
      cwd: ROOT,
      encoding: "utf8",
      // No __pycache__ next to the runtime's sources (they are shipped verbatim).
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
      timeout: 300_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.error, output).toBeUndefined();
    expect(run.status, output).toBe(0);
    const ran = /^Ran (\d+) tests?/m.exec(output);
    expect(Number(ran?.[1] ?? 0), output).toBeGreaterThan(100);
  }, 300_000);
});
