// The runtime's bounded memo of values computed from their key alone.
import { describe, expect, it } from "vitest";
import { memoizeNewestFirst } from "../../generator/runtime/lru-cache.js";

describe("memoizeNewestFirst", () => {
  it("computes a key once, answers the newest key first, and empties itself when full", () => {
    const computed: string[] = [];
    const lookup = memoizeNewestFirst((key) => {
      computed.push(key);
      return key === "none" ? null : key.toUpperCase();
    }, 3);
    expect([lookup("a"), lookup("a"), lookup("b"), lookup("a"), lookup("none"), lookup("none")]).toEqual(["A", "A", "B", "A", null, null]);
    expect(computed).toEqual(["a", "b", "none"]);
    lookup("c"); // the fourth key: the memo is emptied first, then holds c
    lookup("a");
    expect(computed).toEqual(["a", "b", "none", "c", "a"]);
  });
});
