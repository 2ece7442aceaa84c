// The HTTP bench's own machinery (scripts/interleaved-load.ts, scripts/bench-http.ts): response framing,
// the rotated slot order, the ratio and its interval, and one short real run against a node:http server.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { compareRounds } from "../../scripts/bench-http.js";
import { completeResponseLength, runInterleavedLoad, targetOfSlot } from "../../scripts/interleaved-load.js";

const bytes = (text: string): Buffer => Buffer.from(text, "latin1");

describe("completeResponseLength", () => {
  const head = "HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\n";

  it("frames a body by Content-Length, in any case, and waits for all of it", () => {
    const whole = `${head}content-length: 5\r\n\r\nhello`;
    expect(completeResponseLength(bytes(whole))).toBe(whole.length);
    expect(completeResponseLength(bytes(whole.slice(0, -1)))).toBe(-1);
    expect(completeResponseLength(bytes(whole.replace("content-length", "Content-Length")))).toBe(whole.length);
    // A second (pipelined) response after the first is not part of it.
    expect(completeResponseLength(bytes(whole + whole))).toBe(whole.length);
  });

  it("frames a chunked body up to the last chunk", () => {
    const whole = `${head}Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\na\r\n0123456789\r\n0\r\n\r\n`;
    expect(completeResponseLength(bytes(whole))).toBe(whole.length);
    for (const cut of [1, 3, 5, 12, 20]) expect(completeResponseLength(bytes(whole.slice(0, -cut)))).toBe(-1);
  });

  it("waits for the end of the header block", () => {
    expect(completeResponseLength(bytes(`${head}Content-Length: 0\r\n`))).toBe(-1);
  });
});

describe("targetOfSlot", () => {
  it("gives every target each position once per cycle of rounds (a Latin square)", () => {
    for (const n of [2, 3, 4]) {
      for (let round = 0; round < n; round++) {
        const order = Array.from({ length: n }, (_, i) => targetOfSlot(round * n + i, n));
        expect([...order].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
      }
      for (let position = 0; position < n; position++) {
        const held = Array.from({ length: n }, (_, round) => targetOfSlot(round * n + position, n));
        expect([...held].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
      }
    }
  });
});

describe("compareRounds", () => {
  it("divides the summed counts and brackets the ratio with its interval", () => {
    const rounds = [
      [100, 90],
      [200, 190],
      [100, 95],
    ];
    const { ratio, interval } = compareRounds(rounds, 1);
    expect(ratio).toBeCloseTo(375 / 400, 12);
    expect(interval[0]).toBeLessThanOrEqual(ratio);
    expect(interval[1]).toBeGreaterThanOrEqual(ratio);
    expect(interval[0]).toBeGreaterThanOrEqual(0.9);
    expect(interval[1]).toBeLessThanOrEqual(0.95);
    // Seeded: the same counts give the same interval.
    expect(compareRounds(rounds, 1).interval).toEqual(interval);
  });

  it("compares against another target when told which (the adapter against the mounted plain route)", () => {
    const rounds = [
      [100, 90, 80],
      [200, 180, 200],
    ];
    expect(compareRounds(rounds, 1, 2).ratio).toBeCloseTo(270 / 280, 12);
    expect(compareRounds(rounds, 2).ratio).toBeCloseTo(280 / 300, 12);
  });
});

describe("runInterleavedLoad", () => {
  it("asks for each target in its own slots and counts only that target's answers there", async () => {
    const served = new Map<string, number>();
    const server = createServer((req, res) => {
      served.set(req.url ?? "", (served.get(req.url ?? "") ?? 0) + 1);
      if (req.url === "/chunked") res.writeHead(200, { "content-type": "text/plain" }).end("chunked body");
      else res.writeHead(200, { "content-type": "text/plain", "content-length": "2" }).end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await runInterleavedLoad({ origin, paths: ["/a", "/chunked", "/b"], connections: 4, seconds: 0.6, slotMs: 50, settleMs: 5 });
      expect(result.rounds.length % 3).toBe(0);
      expect(result.rounds.length).toBeGreaterThanOrEqual(3);
      // Every target answered in its slots. Not every slot: on a loaded machine a 50 ms slot can pass with
      // no answer at all, which is the machine, not the load generator.
      for (const t of [0, 1, 2]) expect(result.rounds.reduce((a, r) => a + (r[t] as number), 0)).toBeGreaterThan(0);
      const counted = result.rounds.flat().reduce((a, b) => a + b, 0);
      expect(counted).toBeLessThanOrEqual(result.totalResponses);
      expect([...served.keys()].sort()).toEqual(["/a", "/b", "/chunked"]);
      expect(result.latenciesMs.map((l) => l.length)).toEqual([0, 1, 2].map((t) => result.rounds.reduce((a, r) => a + (r[t] as number), 0)));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("fails with the path and status when a target does not answer 200", async () => {
    const server = createServer((req, res) => {
      res.writeHead(req.url === "/missing" ? 404 : 200, { "content-length": "0" }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await expect(runInterleavedLoad({ origin, paths: ["/ok", "/missing"], connections: 2, seconds: 0.3, slotMs: 50, settleMs: 5 })).rejects.toThrow(
        /\/missing answered 404/,
      );
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
