// A closed-loop HTTP/1.1 load generator that measures several targets of one server interleaved in time,
// for the HTTP bench (scripts/bench-http.ts).
//
// Why not measure each target for a few seconds in turn (as autocannon or wrk would): on a shared VM the
// speed of the server's CPU changes by a factor of up to 2 within seconds (measured here: the same route at
// 35 µs and at 63 µs of server CPU per request, 1 s apart), so two targets measured seconds apart differ by
// ±10–20 % even when they run the same code; an A/A test of twenty 1 s wrk runs gave 0.95 for a route
// against itself. Here every connection asks for the same target during a short time slot (100 ms or so)
// and the targets take turns slot by slot, so a change in machine speed hits all of them alike.
//
// The order of the targets is rotated from one round to the next (round r serves target (i + r) mod n in
// its i-th slot, a Latin square), so every target spends as many slots in every position and after every
// other target: a fixed order gave the target in second place a 5 % edge over the first in an A/A test.
//
// Each connection has one request in flight (no pipelining, like browsers and SCIM clients) and sends the
// next request when the previous response is complete. A response is counted for a slot when it answers the
// slot's own target and completes after the first `settleMs` of the slot (by then the requests still in
// flight from the previous slot, for another target, have come back). The client is cheap — prebuilt
// request bytes, responses framed by Content-Length or chunked encoding, no parsing of bodies — so that
// the server, not the client, is the bottleneck; the bench reports the server's CPU use to show it.

import { connect, type Socket } from "node:net";
import { performance } from "node:perf_hooks";

/** What to measure and for how long. */
export interface InterleavedLoadOptions {
  /** `http://host:port` of the server. */
  readonly origin: string;
  /** The targets' paths, in the order they take turns; the first is the baseline. A path may repeat. */
  readonly paths: readonly string[];
  /** Concurrent connections, each with one request in flight. */
  readonly connections: number;
  /** Length of the measurement in seconds (whole cycles of `paths.length` rounds: at least this long). */
  readonly seconds: number;
  /** Length of one slot in milliseconds. */
  readonly slotMs: number;
  /** Start of each slot not counted, in milliseconds (must be less than `slotMs`). */
  readonly settleMs: number;
}

/** Counted responses and latencies, round by round. */
export interface InterleavedLoadResult {
  /** `rounds[r][t]`: responses counted for `paths[t]` in round `r` (each round gives every target one slot). */
  readonly rounds: readonly (readonly number[])[];
  /** Counted milliseconds per slot (`slotMs - settleMs`). */
  readonly countedMsPerSlot: number;
  /** Latencies in ms of the counted responses, per position in `paths`. */
  readonly latenciesMs: readonly (readonly number[])[];
  /** Every response received, counted or not. */
  readonly totalResponses: number;
}

/** Number of bytes of the complete HTTP/1.1 response at the start of `data`, or -1 while incomplete. */
export function completeResponseLength(data: Buffer): number {
  const headerEnd = data.indexOf("\r\n\r\n");
  if (headerEnd === -1) return -1;
  const head = data.toString("latin1", 0, headerEnd);
  const bodyStart = headerEnd + 4;
  const contentLength = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
  if (contentLength !== null) {
    const end = bodyStart + Number(contentLength[1]);
    return data.length >= end ? end : -1;
  }
  if (/\r\ntransfer-encoding:[^\r\n]*chunked/i.test(head)) {
    // RFC 9112 §7.1: chunk-size (hex) [extensions] CRLF data CRLF ... last-chunk "0" CRLF, no trailers here.
    let position = bodyStart;
    for (;;) {
      const lineEnd = data.indexOf("\r\n", position);
      if (lineEnd === -1) return -1;
      const size = Number.parseInt(data.toString("latin1", position, lineEnd), 16);
      if (Number.isNaN(size)) throw new Error(`malformed chunk size in a response: ${JSON.stringify(head.slice(0, 200))}`);
      if (size === 0) {
        const end = lineEnd + 4;
        return data.length >= end ? end : -1;
      }
      position = lineEnd + 2 + size + 2;
      if (position > data.length) return -1;
    }
  }
  // No body framing: a response without a body (the bench only asks for 200s with bodies, so rare).
  return bodyStart;
}

function statusOf(data: Buffer): number {
  // "HTTP/1.1 200 OK"
  return Number(data.toString("latin1", 9, 12));
}

/** The target measured in a slot: round r = ⌊slot / n⌋ serves target (i + r) mod n in its i-th slot. */
export function targetOfSlot(slot: number, targets: number): number {
  return ((slot % targets) + Math.floor(slot / targets)) % targets;
}

/** Runs the interleaved load and resolves with the slot counts; rejects on any non-200 answer or socket error. */
export function runInterleavedLoad(options: InterleavedLoadOptions): Promise<InterleavedLoadResult> {
  const { origin, paths, connections, slotMs, settleMs } = options;
  if (paths.length < 2) throw new Error("want at least two paths to interleave");
  if (!(settleMs >= 0 && settleMs < slotMs)) throw new Error("settleMs must be at least 0 and less than slotMs");
  const url = new URL(origin);
  const port = Number(url.port);
  const requests = paths.map((path) => Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`, "latin1"));
  const n = paths.length;
  const rounds = Math.max(n, Math.ceil((options.seconds * 1000) / (slotMs * n) / n) * n);
  const totalSlots = rounds * n;
  const slotCounts = new Array<number>(totalSlots).fill(0);
  const latenciesMs = paths.map(() => [] as number[]);
  let totalResponses = 0;

  return new Promise((resolve, reject) => {
    const sockets: Socket[] = [];
    // Each connection's first send, run once every connection is up.
    const firstSends: (() => void)[] = [];
    let start = 0;
    let finished = false;
    let open = 0;

    const finish = (error?: Error): void => {
      if (finished) return;
      finished = true;
      for (const socket of sockets) socket.destroy();
      if (error !== undefined) reject(error);
      else {
        const perRound = Array.from({ length: rounds }, () => new Array<number>(n).fill(0));
        slotCounts.forEach((count, slot) => {
          (perRound[Math.floor(slot / n)] as number[])[targetOfSlot(slot, n)] = count;
        });
        resolve({ rounds: perRound, countedMsPerSlot: slotMs - settleMs, latenciesMs, totalResponses });
      }
    };

    const startConnection = (): void => {
      const socket = connect({ host: url.hostname, port, noDelay: true });
      sockets.push(socket);
      let pending: Buffer | null = null;
      let sentAt = 0;
      let sentTarget = 0;
      let ending = false;
      const send = (now: number): void => {
        const slot = Math.floor((now - start) / slotMs);
        if (slot >= totalSlots) {
          ending = true;
          socket.end();
          return;
        }
        sentTarget = targetOfSlot(slot, n);
        sentAt = now;
        socket.write(requests[sentTarget] as Buffer);
      };
      socket.on("data", (chunk: Buffer) => {
        let data = pending === null ? chunk : Buffer.concat([pending, chunk]);
        for (;;) {
          const length = completeResponseLength(data);
          if (length === -1) break;
          const status = statusOf(data);
          if (status !== 200) {
            finish(new Error(`${origin}${paths[sentTarget]} answered ${status} under load: ${JSON.stringify(data.toString("latin1", 0, Math.min(length, 300)))}`));
            return;
          }
          const now = performance.now();
          totalResponses++;
          const elapsed = now - start;
          const slot = Math.floor(elapsed / slotMs);
          if (slot < totalSlots && targetOfSlot(slot, n) === sentTarget && elapsed - slot * slotMs >= settleMs) {
            slotCounts[slot] = (slotCounts[slot] as number) + 1;
            (latenciesMs[sentTarget] as number[]).push(now - sentAt);
          }
          data = data.subarray(length);
          send(now);
        }
        pending = data.length === 0 ? null : data;
      });
      socket.on("error", (error) => finish(new Error(`${origin}: ${error.message}`)));
      socket.on("close", () => {
        if (!ending && !finished) {
          finish(new Error(`${origin} closed a connection during the measurement`));
          return;
        }
        open--;
        if (open === 0) finish();
      });
      firstSends.push(() => send(start));
      socket.once("connect", () => {
        if (++open === connections) {
          // Every connection is up: start the clock and the first slot on all of them at once.
          start = performance.now();
          for (const first of firstSends) first();
        }
      });
    };

    for (let i = 0; i < connections; i++) startConnection();
  });
}
