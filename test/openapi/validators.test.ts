// Payload tests of the core package's resource validators: the generated, ajv-compiled code itself,
// imported from generated/packages/core/validators like a service would.

import { execFile } from "node:child_process";
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emitValidators } from "../../generator/emit/validators/emit-validators.js";
import { compileTypeScriptModule } from "../../generator/format/compile-typescript.js";
import { noCache } from "../../generator/cache/transform-cache.js";
import {
  validateGroupCreateRequest,
  validateGroupReplaceRequest,
  validateGroupResponse,
  validateUserCreateRequest,
  validateUserReplaceRequest,
  validateUserResponse,
  type RequestValidator,
  type ValidationIssue,
  type ValidationResult,
} from "../../generated/packages/core/validators/index.js";
import { loadModel } from "../helpers/load-model.js";
import { repoRoot } from "../helpers/repo.js";
import { readJsonFile } from "../helpers/json.js";

type Json = Record<string, unknown>;
const fixture = async (name: string): Promise<Json> => await readJsonFile(`${repoRoot}test/openapi/fixtures/${name}`) as Json;
const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const groupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
const enterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

function issues<T>(result: ValidationResult<T>): ValidationIssue[] {
  return result.valid ? [] : [...result.issues];
}

let user: Json;
let group: Json;
beforeAll(async () => {
  user = await fixture("rfc7643-8.2-user-full.json");
  group = await fixture("rfc7643-8.4-group-full.json");
});

describe("the RFC 7643 §8 example resources", () => {
  it.each([
    ["create", validateUserCreateRequest],
    ["replace", validateUserReplaceRequest],
  ] as const)("§8.2 full User is a valid %s request; id, meta and groups (readOnly) are ignored", (_kind, validate) => {
    const result = validate(user);
    expect(issues(result)).toEqual([]);
    expect(result.ignored).toEqual(["id", "groups", "meta"]);
    if (!result.valid) return;
    expect(result.value).not.toHaveProperty("id");
    expect(result.value).not.toHaveProperty("groups");
    expect(result.value.userName).toBe("bjensen@example.com");
    expect(result.value).toHaveProperty("password", "t1meMa$heen");
  });

  it("§8.2 full User is a valid response once its password (returned: never) is gone, and names it otherwise", () => {
    const { password: _password, ...withoutPassword } = user;
    expect(issues(validateUserResponse(withoutPassword))).toEqual([]);
    expect(issues(validateUserResponse(user))).toEqual([
      { attribute: "password", location: "password", message: "must never be returned (RFC 7643 §2.2)", scimType: "invalidValue" },
    ]);
  });

  it.each([
    ["create", validateGroupCreateRequest, ["id", "members[0].display", "members[1].display", "meta"]],
    ["replace", validateGroupReplaceRequest, ["id", "members[0].display", "members[1].display", "meta"]],
    ["response", validateGroupResponse, []],
  ] as const)("§8.4 Group is valid as a %s", (_kind, validate, ignored) => {
    const result = validate(group);
    expect(issues(result)).toEqual([]);
    expect(result.ignored).toEqual(ignored);
  });
});

describe("precise errors naming the attribute path (RFC 7644 §3.10, §3.12)", () => {
  const base = { schemas: [userUrn], userName: "bjensen" };

  it.each([
    ["wrong type, top level", { ...base, userName: 42 }, { attribute: "userName", location: "userName", message: "must be a string", scimType: "invalidValue" }],
    ["wrong type, sub-attribute of a multi-valued complex", { ...base, emails: [{ value: "b@example.com" }, { value: "c@example.com", primary: "yes" }] },
      { attribute: "emails.primary", location: "emails[1].primary", message: "must be a boolean", scimType: "invalidValue" }],
    ["single value for a multi-valued attribute", { ...base, emails: { value: "b@example.com" } },
      { attribute: "emails", location: "emails", message: "must be a list (multi-valued attribute)", scimType: "invalidValue" }],
    ["wrong type in an extension", { ...base, schemas: [userUrn, enterpriseUrn], [enterpriseUrn]: { manager: { value: 7 } } },
      { attribute: `${enterpriseUrn}:manager.value`, location: `${enterpriseUrn}:manager.value`, message: "must be a string", scimType: "invalidValue" }],
    ["missing required attribute", { schemas: [userUrn], displayName: "Babs" },
      { attribute: "userName", location: "userName", message: "is required", scimType: "invalidValue" }],
    ["missing schemas", { userName: "bjensen" }, { attribute: "schemas", location: "schemas", message: "is required", scimType: "invalidValue" }],
    ["an extension without its URN in schemas (RFC 7643 §3)", { ...base, [enterpriseUrn]: { employeeNumber: "701984" } },
      { attribute: "schemas", location: "schemas", message: `must include "${enterpriseUrn}"`, scimType: "invalidValue" }],
    ["unknown attribute", { ...base, shoeSize: 42 },
      { attribute: "shoeSize", location: "shoeSize", message: "is not an attribute of this resource type", scimType: "invalidSyntax" }],
  ])("%s", (_what, body, want) => {
    const result = validateUserCreateRequest(body);
    expect(issues(result)).toEqual([want]);
    expect(result.valid ? undefined : result.error).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "400",
      scimType: want.scimType,
      detail: `${want.location}: ${want.message}`,
    });
  });

  it("a dateTime that is not one (in a response: meta is readOnly, so requests drop it)", () => {
    const body = { schemas: [groupUrn], id: "1", displayName: "x", meta: { created: "yesterday" } };
    expect(issues(validateGroupResponse(body))).toEqual([
      { attribute: "meta.created", location: "meta.created", message: "must be a dateTime such as 2008-01-23T04:56:22Z (RFC 3339)", scimType: "invalidValue" },
    ]);
  });

  it("references may be relative or urn: (RFC 7643 §2.3.7), but must be URI references", () => {
    const members = (...refs: string[]): Json => ({ schemas: [groupUrn], displayName: "x", members: refs.map((r, i) => ({ value: String(i), $ref: r })) });
    expect(issues(validateGroupCreateRequest(members("../Users/2819c223", "urn:example:user:1", "https://example.com/v2/Users/1")))).toEqual([]);
    expect(issues(validateGroupCreateRequest(members("https://exa mple.com/Users/1")))).toEqual([
      { attribute: "members.$ref", location: "members[0].$ref", message: "must be a URI or relative reference", scimType: "invalidValue" },
    ]);
  });

  it("every problem is reported, not only the first", () => {
    const result = validateUserCreateRequest({ schemas: [userUrn], active: "true", emails: [{ value: 1 }] });
    expect(issues(result).map((i) => i.location)).toEqual(["userName", "active", "emails[0].value"]);
  });

  it("a body that is not an object", () => {
    expect(issues(validateUserCreateRequest([base]))).toEqual([
      { attribute: "(body)", location: "(body)", message: "must be a JSON object (a User resource)", scimType: "invalidSyntax" },
    ]);
  });

  it("unknown attributes can be ignored instead", () => {
    const result = validateUserCreateRequest({ ...base, shoeSize: 42 }, { unknownAttributes: "ignore" });
    expect(result).toEqual({ valid: true, value: base, ignored: ["shoeSize"] });
  });
});

describe("RFC 7644 §3.3: readOnly attributes in a create request are ignored, not rejected", () => {
  it("top-level, complex and sub-attribute readOnly values are dropped, the rest kept", () => {
    const body = {
      schemas: [userUrn, enterpriseUrn],
      id: "client-chosen",
      meta: { resourceType: "User", created: "not even a date" },
      userName: "bjensen",
      groups: [{ value: "g1", display: "Tour Guides" }],
      [enterpriseUrn]: { manager: { value: "m1", displayName: "John Smith" } },
    };
    const result = validateUserCreateRequest(body);
    expect(result).toEqual({
      valid: true,
      value: { schemas: [userUrn, enterpriseUrn], userName: "bjensen", [enterpriseUrn]: { manager: { value: "m1" } } },
      ignored: ["id", "meta", "groups", `${enterpriseUrn}:manager.displayName`],
    });
  });

  it("null is unassigned (RFC 7643 §2.5): dropped, and a required attribute set to null is missing", () => {
    expect(validateUserCreateRequest({ schemas: [userUrn], userName: "b", nickName: null })).toEqual({
      valid: true,
      value: { schemas: [userUrn], userName: "b" },
      ignored: ["nickName"],
    });
    expect(issues(validateUserCreateRequest({ schemas: [userUrn], userName: null })).map((i) => i.message)).toEqual(["is required"]);
  });
});

describe("RFC 7643 §2.1: attribute names match case-insensitively", () => {
  it("names, sub-attribute names, schema URIs and extension keys are rewritten as /Schemas spells them", () => {
    const result = validateUserCreateRequest({
      SCHEMAS: ["URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER", enterpriseUrn.toLowerCase()],
      USERNAME: "bjensen",
      Name: { GivenName: "Barbara" },
      emails: [{ VALUE: "b@example.com", Primary: true }],
      [enterpriseUrn.toUpperCase()]: { EmployeeNumber: "701984" },
    });
    expect(result).toEqual({
      valid: true,
      value: {
        schemas: [userUrn, enterpriseUrn],
        userName: "bjensen",
        name: { givenName: "Barbara" },
        emails: [{ value: "b@example.com", primary: true }],
        [enterpriseUrn]: { employeeNumber: "701984" },
      },
      ignored: [],
    });
  });

  it("one attribute given twice in different case is an error", () => {
    expect(issues(validateUserCreateRequest({ schemas: [userUrn], userName: "a", USERNAME: "b" }))).toEqual([
      { attribute: "userName", location: "USERNAME", message: "is given more than once (attribute names are case-insensitive, RFC 7643 §2.1)", scimType: "invalidSyntax" },
    ]);
  });
});

describe("a value outside a closed canonical list", () => {
  let dir: string;
  let validateGroupCreate: RequestValidator<Json>;

  beforeAll(async () => {
    // The default definitions close no list; close Group's members.type (RFC 7643 §4.2: "User" or "Group").
    const model = await loadModel({
      "definitions/schemas/group.yaml": (t) =>
        t.replace(
          "        canonicalValues:\n          - User\n          - Group\n",
          "        canonicalValues:\n          - User\n          - Group\n        codegen:\n          closedCanonicalValues: true\n",
        ),
    });
    dir = await mkdtemp(join(tmpdir(), "scim-codegen-validators-"));
    const files = emitValidators(model).flatMap((f) => (f.language === "typescript-module" ? compileTypeScriptModule(f, noCache) : [f]));
    for (const f of files) {
      await mkdir(dirname(join(dir, f.path)), { recursive: true });
      await writeFile(join(dir, f.path), f.contents);
    }
    const module = (await import(pathToFileURL(join(dir, "packages/core/validators/group.js")).href)) as { validateGroupCreateRequest: RequestValidator<Json> };
    validateGroupCreate = module.validateGroupCreateRequest;
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("is an invalidValue error naming the attribute and the allowed values", () => {
    const result = validateGroupCreate({ schemas: [groupUrn], displayName: "x", members: [{ value: "1", type: "User" }, { value: "2", type: "Robot" }] });
    expect(issues(result)).toEqual([
      { attribute: "members.type", location: "members[1].type", message: 'must be one of "User", "Group"', scimType: "invalidValue" },
    ]);
  });

  it("is matched case-insensitively when the attribute is not caseExact (RFC 7643 §2.3.1), and canonicalised", () => {
    const result = validateGroupCreate({ schemas: [groupUrn], displayName: "x", members: [{ value: "1", type: "group" }] });
    expect(result).toEqual({ valid: true, value: { schemas: [groupUrn], displayName: "x", members: [{ value: "1", type: "Group" }] }, ignored: [] });
  });
});

describe("the compiled validators stand alone", () => {
  it("import and run in plain Node ESM, with no build step, loader or ajv", async () => {
    const index = pathToFileURL(`${repoRoot}generated/packages/core/validators/index.js`).href;
    const script = `const v = await import(${JSON.stringify(index)}); const r = v.validateGroupCreateRequest({ schemas: ["${groupUrn}"], displayName: 42 }); console.log(JSON.stringify(r.issues));`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: tmpdir() });
    expect(JSON.parse(stdout)).toEqual([{ attribute: "displayName", location: "displayName", message: "must be a string", scimType: "invalidValue" }]);
  });

  it("no generated validator module imports or requires ajv, or anything outside the package", async () => {
    const root = `${repoRoot}generated/packages/core/validators`;
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith(".js"));
    expect(files.length).toBeGreaterThan(6);
    for (const file of files) {
      const text = await readFile(join(root, file), "utf8");
      expect(text, file).not.toMatch(/require\(/);
      for (const m of text.matchAll(/\bfrom\s+["']([^"']+)["']/g)) expect(m[1], file).toMatch(/^\.\.?\//);
    }
  });
});
