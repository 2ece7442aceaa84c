// The SCIM Error body (RFC 7644 §3.12) as the runtime writes it: exact bytes, key order included, `status` a
// string, `scimType` only when given. The literal URN is the RFC's, not the runtime's constant.

import { describe, expect, it } from "vitest";
import { scimErrorBody } from "../../generator/runtime/index.js";

describe("scimErrorBody", () => {
  it("without a scimType: schemas, status as a string, detail", () => {
    expect(scimErrorBody(404, "Schema not found.")).toBe(
      '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"Schema not found."}',
    );
  });

  it("with a scimType (RFC 7644 §3.12 Table 9): between status and detail", () => {
    expect(scimErrorBody(400, "Bad filter.", "invalidFilter")).toBe(
      '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","scimType":"invalidFilter","detail":"Bad filter."}',
    );
  });
});
