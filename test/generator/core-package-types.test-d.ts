// Type-level tests of the generated core package as an app imports it (`@scim-discovery/core`, the
// workspace package of generated/), run by vitest's typecheck. The expectations are written by hand from
// RFC 7643 (§4.1 User, §4.2 Group, §3.1 common attributes) and the repository's definitions; the same
// consumer compiled under a strict tsconfig is test/fixtures/core-consumer (core-package.test.ts).

import { describe, expectTypeOf, it } from "vitest";
import {
  findResourceType,
  findSchema,
  ResourceTypeName,
  SchemaUrn,
  serviceProviderConfig,
  userSchema,
  type Group,
  type SchemaAttribute,
  type User,
} from "@scim-discovery/core";

describe("the core package's types", () => {
  it("name every schema URN and resource type as literals", () => {
    expectTypeOf(SchemaUrn.User).toEqualTypeOf<"urn:ietf:params:scim:schemas:core:2.0:User">();
    expectTypeOf(SchemaUrn.Group).toEqualTypeOf<"urn:ietf:params:scim:schemas:core:2.0:Group">();
    expectTypeOf(SchemaUrn.EnterpriseUser).toEqualTypeOf<"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User">();
    expectTypeOf(ResourceTypeName.Group).toEqualTypeOf<"Group">();
    expectTypeOf(ResourceTypeName.User).toEqualTypeOf<"User">();
  });

  it("type the documents readonly, and the lookups as maybe-undefined", () => {
    expectTypeOf(serviceProviderConfig.filter.maxResults).toEqualTypeOf<number>();
    expectTypeOf(userSchema.attributes).toExtend<readonly SchemaAttribute[]>();
    expectTypeOf(findResourceType("user")).toExtend<{ readonly endpoint: string } | undefined>();
    expectTypeOf(findSchema).returns.toExtend<{ readonly id: string } | undefined>();
    // @ts-expect-error the documents are readonly
    serviceProviderConfig.filter.maxResults = 5;
  });

  it("type a User and a Group as RFC 7643 §4 says", () => {
    expectTypeOf<User["userName"]>().toEqualTypeOf<string>();
    expectTypeOf<User>().toHaveProperty("active");
    expectTypeOf<NonNullable<User["active"]>>().toEqualTypeOf<boolean>();
    expectTypeOf<Group["displayName"]>().toEqualTypeOf<string>();
    // @ts-expect-error userName is required (RFC 7643 §4.1.1)
    const noUserName: User = { schemas: [SchemaUrn.User] };
    // @ts-expect-error active is a boolean
    const badActive: User = { schemas: [], userName: "x", active: "yes" };
    const user: User = { schemas: [SchemaUrn.User], userName: "bjensen" };
    // @ts-expect-error id is readOnly (RFC 7643 §3.1)
    user.id = "changed";
    // @ts-expect-error groups is readOnly: the service provider manages membership
    user.groups = [];
    expectTypeOf(noUserName).toEqualTypeOf(badActive);
  });
});
