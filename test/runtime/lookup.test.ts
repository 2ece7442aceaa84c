// findById, the lookup the generated core package's findResourceType and findSchema use (RFC 7644 §3.10:
// schema URIs and resource type names compare case-insensitively, unless the caller asks for exact case).

import { describe, expect, it } from "vitest";
import { findById } from "../../generator/runtime/lookup.js";

const items = [
  { id: "urn:ietf:params:scim:schemas:core:2.0:User", n: 1 },
  { id: "Group", n: 2 },
  { id: "GROUP", n: 3 },
];

describe("findById", () => {
  it.each<[string, { caseExact?: boolean } | undefined, number | undefined]>([
    ["Group", undefined, 2],
    ["GROUP", undefined, 3], // the exact spelling first, though an earlier item matches case-insensitively
    ["group", undefined, 2], // no exact spelling: the first case-insensitive match
    ["URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER", undefined, 1],
    ["urn:ietf:params:scim:schemas:core:2.0:user", {}, 1],
    ["urn:ietf:params:scim:schemas:core:2.0:user", { caseExact: false }, 1],
    ["urn:ietf:params:scim:schemas:core:2.0:User", { caseExact: true }, 1],
    ["urn:ietf:params:scim:schemas:core:2.0:user", { caseExact: true }, undefined],
    ["group", { caseExact: true }, undefined],
    ["Groups", undefined, undefined],
    ["", undefined, undefined],
  ])("%j %j → item %j", (id, options, want) => {
    expect(findById(items, id, options)?.n).toBe(want);
  });

  it("finds nothing in an empty list", () => {
    expect(findById([], "User")).toBeUndefined();
  });
});
