// The raw-target entry point's memo of plans per target (target-handler.ts, PLAN_MEMO_SIZE 1024) when more
// targets arrive than it holds. A file of its own: its 4,500 requests take seconds, and under the mutation
// run's coverage counters over a minute, so vitest.stryker.config.ts leaves this file out (lru-cache.test.ts
// covers the overflow of the memo there).

import { describe, expect, it } from "vitest";
import { createTargetHandler } from "../../generator/runtime/index.js";
import type { FetchHandlerOptions } from "../../generator/runtime/index.js";
import { json, rfcDocuments } from "./fixtures.js";

describe("createTargetHandler, past its memo of targets", () => {
  it("keeps each tenant's locations after the remembered targets overflow and start afresh", async () => {
    const handle = createTargetHandler(rfcDocuments(), { origin: "https://scim.example", basePath: "/orgs/:org/scim/v2" } as FetchHandlerOptions);
    // More tenants than the memo holds (1024), each asked twice, interleaved with a busy one.
    for (let tenant = 0; tenant < 1500; tenant++) {
      for (const org of [`t${tenant}`, "busy", `t${tenant}`]) {
        const response = await handle("GET", `/orgs/${org}/scim/v2/ResourceTypes/Group`, []);
        if (response === null) throw new Error("outside the mount");
        const location = (json(response)["meta"] as { location: string }).location;
        expect(location).toBe(`https://scim.example/orgs/${org}/scim/v2/ResourceTypes/Group`);
      }
    }
  });
});
