// The Python runtime's own tests (unittest), run once from the vitest suite in the tests' pinned virtual
// environment (test/helpers/python-env.ts), so the Django and FastAPI adapter tests in the same folder run
// with the frameworks installed. The runtime itself needs only the standard library: SCIM_PYTHON=python3
// runs the suite on a bare interpreter, where the adapter tests skip themselves, saying why.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

import { pythonEnv } from "../helpers/python-env.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

let python = process.env["SCIM_PYTHON"];
let env: NodeJS.ProcessEnv = process.env;
beforeAll(async () => {
  if (python !== undefined) return;
  const venv = await pythonEnv();
  python = venv.python;
  env = { ...process.env, PYTHONUNBUFFERED: "1" };
}, 900_000);

describe("the Python discovery runtime", () => {
  it("passes its unittest suite (python3 -m unittest discover test/runtime-python)", () => {
    const run = spawnSync(python as string, ["-m", "unittest", "discover", "-s", "test/runtime-python", "-t", "test/runtime-python", "-p", "test_*.py"], {
      cwd: ROOT,
      encoding: "utf8",
      // No __pycache__ next to the runtime's sources (they are shipped verbatim).
      env: { ...env, PYTHONDONTWRITEBYTECODE: "1" },
      timeout: 300_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.error, output).toBeUndefined();
    expect(run.status, output).toBe(0);
    const ran = /^Ran (\d+) tests?/m.exec(output);
    expect(Number(ran?.[1] ?? 0), output).toBeGreaterThan(100);
    // In the venv every adapter test runs: a skip there means a framework failed to import.
    if (process.env["SCIM_PYTHON"] === undefined) expect(output).not.toMatch(/skipped=/);
  }, 300_000);
});
