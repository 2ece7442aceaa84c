import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/repo.js";

const run = promisify(execFile);

describe("the generated core package", () => {
  it("imports in plain Node ESM, with no build step and no TypeScript loader", async () => {
    const script = `
      import * as core from "@scim-discovery/core";
      import { createDiscoveryHandler } from "@scim-discovery/core/runtime";
      console.log(JSON.stringify({
        urn: core.SchemaUrn.User,
        types: core.resourceTypes.map((r) => r.id),
        schemas: core.schemas.length + core.serviceProviderSchemas.length,
        found: core.findSchema("URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER")?.id,
        exact: core.findSchema("URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER", { caseExact: true }) ?? null,
        rt: core.findResourceType("group")?.meta.location,
        handler: typeof createDiscoveryHandler,
      }));`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
      cwd: repoRoot,
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    expect(JSON.parse(stdout)).toEqual({
      urn: "urn:ietf:params:scim:schemas:core:2.0:User",
      types: ["Group", "User"],
      schemas: 6,
      found: "urn:ietf:params:scim:schemas:core:2.0:User",
      exact: null,
      rt: "/ResourceTypes/Group",
      handler: "function",
    });
  });

  it("typechecks in a strict TypeScript consumer, and its types are tight", async () => {
    const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", join(repoRoot, "test/fixtures/core-consumer/tsconfig.json")], { cwd: repoRoot }).then(
      () => ({ code: 0, out: "" }),
      (err: { code: number; stdout: string }) => ({ code: err.code, out: err.stdout }),
    );
    expect(result.out).toBe("");
    expect(result.code).toBe(0);
  });
});
