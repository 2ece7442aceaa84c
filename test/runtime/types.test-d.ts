// Type-level tests of the discovery runtime, run by vitest's typecheck (vitest.config.ts): a broken
// `expectTypeOf`, or a `@ts-expect-error` line that no longer errors, fails `npx vitest run` on its own.
// Moved here from types.test.ts and mount-params.test.ts, where only a separate `tsc` run checked them.

import { describe, expectTypeOf, it } from "vitest";
import { createDiscoveryHandler, createFetchHandler, createTargetHandler } from "../../generator/runtime/index.js";
import type {
  BasePathParams,
  DiscoveryDocuments,
  DiscoveryHandler,
  DiscoveryResponse,
  FetchHandlerOptions,
  MountParams,
} from "../../generator/runtime/index.js";

declare const documents: DiscoveryDocuments;

describe("option types", () => {
  it("accept exactly one base URL source", () => {
    expectTypeOf(createDiscoveryHandler).parameter(1).toExtend<object>();
    // @ts-expect-error no base URL source
    createDiscoveryHandler(documents, {});
    // @ts-expect-error two base URL sources
    createDiscoveryHandler(documents, { baseUrl: "https://a.example", origin: "https://a.example" });
    // @ts-expect-error trustHost must be the literal true
    createDiscoveryHandler(documents, { trustHost: false });
    // @ts-expect-error unknown filter policy
    createDiscoveryHandler(documents, { baseUrl: "https://a.example", serviceProviderConfigFilter: "drop" });
    // @ts-expect-error authenticate returns a boolean or a Promise of one
    createDiscoveryHandler(documents, { baseUrl: "https://a.example", authenticate: () => "yes" });
  });

  it("type the handlers", () => {
    expectTypeOf(createDiscoveryHandler).returns.toEqualTypeOf<DiscoveryHandler>();
    expectTypeOf<ReturnType<DiscoveryHandler>>().toEqualTypeOf<DiscoveryResponse | Promise<DiscoveryResponse>>();
    expectTypeOf(createFetchHandler).returns.toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf<FetchHandlerOptions>().toHaveProperty("basePath");
    // The body is a valid Fetch BodyInit as is.
    expectTypeOf<NonNullable<DiscoveryResponse["body"]>>().toExtend<BodyInit>();
  });
});

describe("request.params types (BasePathParams)", () => {
  it("are typed from a literal basePath, else a record of strings", () => {
    expectTypeOf<BasePathParams<"/api/0/organizations/:org/scim/v2">>().toEqualTypeOf<{ readonly org: string }>();
    expectTypeOf<BasePathParams<"/t/{team}/o/:org">>().toEqualTypeOf<{ readonly team: string; readonly org: string }>();
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    expectTypeOf<BasePathParams<"/scim/v2">>().toEqualTypeOf<{}>();
    expectTypeOf<BasePathParams<string>>().toEqualTypeOf<MountParams>();
    expectTypeOf<BasePathParams<RegExp>>().toEqualTypeOf<MountParams>();
  });

  it("reach authenticate typed, and reject a parameter the basePath does not have", () => {
    createTargetHandler(documents, {
      basePath: "/api/0/organizations/:org/scim/v2",
      origin: "https://scim.example",
      authenticate: ({ params }) => {
        expectTypeOf(params).toEqualTypeOf<{ readonly org: string }>();
        return params.org !== "";
      },
    });
    createTargetHandler(documents, {
      basePath: "/orgs/:org/scim/v2",
      origin: "https://a.example",
      // @ts-expect-error no parameter `team` in this basePath
      authenticate: ({ params }) => params.team === "x",
    });
    // Options typed for one basePath are still options of the runtime.
    expectTypeOf<FetchHandlerOptions<"/orgs/:org/scim/v2">>().toExtend<FetchHandlerOptions>();
  });
});
