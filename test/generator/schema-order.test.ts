// One canonical /Schemas order, written out here by hand, in every artefact the generator makes from the
// repository's definitions: what the core package's runtime serves, the static JSON's ListResponse and
// per-schema files, and the OpenAPI document's /Schemas example (issue 14).
//
// Kills issue 14's planted bug "the model no longer sorts schemas": the loader reads the definition files by
// name (enterprise-user, group, user), which is not the order of their ids, so a model that keeps file
// order serves User after the EnterpriseUser extension. The order is the runtime's (generator/runtime/
// documents.ts): the resource schemas by id (code unit), then the three RFC 7643 §8.7.2 service-provider
// schemas by id; RFC 7644 §4 fixes no order, so the one rule is that every artefact agrees on this one.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { writeFiles } from "../../generator/output/write-files.js";
import type { DiscoveryDocuments, DiscoveryHandler, DiscoveryResponse } from "../../generator/runtime/index.js";
import { compileRepoDefinitions, repoRoot } from "../helpers/repo.js";

const canonicalSchemaOrder = [
  "urn:ietf:params:scim:schemas:core:2.0:Group",
  "urn:ietf:params:scim:schemas:core:2.0:User",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  "urn:ietf:params:scim:schemas:core:2.0:Schema",
  "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
];

let files: readonly GeneratedFile[];
let out: string;

beforeAll(async () => {
  const result = await compileRepoDefinitions();
  if (!result.files) throw new Error("the repository's definitions do not compile");
  files = result.files;
  // The in-memory output on disk, so that the core package runs as an app would import it.
  const work = await mkdtemp(join(tmpdir(), "scim-codegen-schema-order-"));
  out = join(work, "generated");
  await writeFiles(out, files, { definitionsDir: join(repoRoot, "definitions"), cwd: work });
});
afterAll(() => rm(join(out, ".."), { recursive: true, force: true }));

const contents = (path: string): string => {
  const file = files.find((f) => f.path === path);
  if (file === undefined) throw new Error(`no generated file ${path}`);
  return file.contents;
};
const ids = (list: { Resources: { id: string }[] }): string[] => list.Resources.map((r) => r.id);

describe("the /Schemas order", () => {
  it("of the core package's runtime, serving its own discoveryDocuments", async () => {
    const core = (await import(pathToFileURL(join(out, "packages/core/index.js")).href)) as { discoveryDocuments: DiscoveryDocuments };
    const runtime = (await import(pathToFileURL(join(out, "packages/core/runtime/index.js")).href)) as {
      createDiscoveryHandler: (documents: DiscoveryDocuments, options: { baseUrl: string }) => DiscoveryHandler;
    };
    const handle = runtime.createDiscoveryHandler(core.discoveryDocuments, { baseUrl: "https://scim.example/v2" });
    const response: DiscoveryResponse = await handle({ method: "GET", basePath: "/v2", path: "/Schemas", query: "", headers: {} });
    expect(response.status).toBe(200);
    expect(ids(JSON.parse(new TextDecoder().decode(response.body ?? new Uint8Array())))).toEqual(canonicalSchemaOrder);
  });

  it("of the static JSON ListResponse and its README's list", () => {
    expect(ids(JSON.parse(contents("json/Schemas.json")))).toEqual(canonicalSchemaOrder);
    const readme = contents("json/README.md");
    const positions = canonicalSchemaOrder.map((id) => readme.indexOf(id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("of the OpenAPI document's /Schemas example (openapi.yaml is the same content: openapi-document.test.ts)", () => {
    const document = JSON.parse(contents("openapi/openapi.json")) as {
      paths: { "/Schemas": { get: { responses: { 200: { content: { "application/scim+json": { examples: { schemas: { value: { Resources: { id: string }[] } } } } } } } } } };
    };
    const example = document.paths["/Schemas"].get.responses[200].content["application/scim+json"].examples.schemas.value;
    expect(ids(example)).toEqual(canonicalSchemaOrder);
  });
});
