import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { maxJsonDepth, measureJson, type Json } from "./json.js";

// node:http rather than the global fetch: fetch refuses "bad ports" such as 1 before connecting
// (so an unreachable service would read "bad port", not "connection refused"), strips the Host
// header the header-injection probe must send, and adds Accept/Sec-Fetch headers of its own.
// node:http follows no redirect, which is what the checker needs (a 3xx is a finding, RFC 7644 §4).

/** A request the checker sends; `path` is appended verbatim (already percent-encoded) to the base path. */
export interface HttpRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Send the configured bearer token (default true); false probes the unauthenticated answer. */
  readonly authenticate?: boolean;
}

/** Result of parsing a response body as JSON. */
export type JsonParseResult = { readonly ok: true; readonly value: Json } | { readonly ok: false; readonly error: string };

/** One HTTP response as received: status, lower-cased headers, raw body text and its JSON parse. */
export interface HttpResponse {
  readonly method: string;
  /** The request target as sent, relative to the base, e.g. `/Schemas/urn:…:User?count=1`. */
  readonly path: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  readonly json: JsonParseResult;
}

/** Why no HTTP response arrived: a connection problem, a timeout, a non-HTTP answer, TLS or other. */
export type TransportErrorKind = "connect" | "timeout" | "protocol" | "tls" | "other";

/** A response, or the one-line reason none arrived. */
export type HttpOutcome =
  | { readonly ok: true; readonly response: HttpResponse }
  | { readonly ok: false; readonly kind: TransportErrorKind; readonly error: string };

/** The base URL a run is pointed at, split once. */
export interface BaseUrl {
  /** Normalised, without trailing slash, e.g. `http://127.0.0.1:8080/scim/v2`. */
  readonly href: string;
  readonly origin: string;
  /** Path without trailing slash; empty for a service mounted at `/`. */
  readonly pathname: string;
  readonly url: URL;
}

/** Sends requests below one base URL, caching every distinct request for the rest of the run. */
export interface HttpClient {
  readonly base: BaseUrl;
  send(request: HttpRequest): Promise<HttpOutcome>;
  /** Number of requests that went over the network (cache hits excluded). */
  requestCount(): number;
  /** Releases kept-alive sockets. */
  close(): void;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  readonly base: BaseUrl;
  readonly token?: string;
  readonly timeoutMs: number;
  /** Called once per exchange that went over the network, e.g. to record or validate every response. */
  readonly onExchange?: (outcome: HttpOutcome) => void;
}

/** Largest response body read (a larger one is reported as such, not read). */
export const maxResponseBytes = 8 * 1024 * 1024;
// Every response is kept for the rest of the run (each request is sent once), so what bounds the
// checker's memory is the sum over the run, not one body: 8 MB of `[[],[],…]` costs JSON.parse
// ~100 MB, and the ~80 requests of a run killed it at 4.6 GB; a list of 20 000 ids made 60 000
// requests. A run against the default definitions (6 schemas, 2 resource types) sends 82 requests
// and reads 0.7 MB and 31 000 values (measureJson); these allow about 120, 95 and 65 times that.
/** What one run sends and reads at most, summed over all its requests. */
export const runLimits = { requests: 10_000, bodyBytes: 64 * 1024 * 1024, jsonValues: 2_000_000 } as const;
// RFC 8259 §8.1: JSON exchanged between systems MUST be UTF-8; `fatal` turns bad bytes into a finding.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Parses a user-supplied base URL; returns a one-line problem for anything but an http(s) URL. */
export function parseBaseUrl(text: string): BaseUrl | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `not a URL: ${JSON.stringify(text)}`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `not an http(s) URL: ${JSON.stringify(text)}`;
  if (url.search !== "" || url.hash !== "") return `the base URL must not have a query or fragment: ${JSON.stringify(text)}`;
  if (url.username !== "" || url.password !== "") return "the base URL must not carry credentials; use --token";
  const pathname = url.pathname.replace(/\/+$/, "");
  return { href: `${url.origin}${pathname}`, origin: url.origin, pathname, url };
}

/** Creates the run's HTTP client (one keep-alive agent, closed by {@link HttpClient.close}). */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { base } = options;
  const secure = base.url.protocol === "https:";
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const cache = new Map<string, Promise<HttpOutcome>>();
  const budget: RunBudget = { bytes: 0, values: 0 };
  let count = 0;

  function send(request: HttpRequest): Promise<HttpOutcome> {
    const method = request.method ?? "GET";
    const headers: Record<string, string> = {
      accept: "application/scim+json",
      "user-agent": "scim-codegen-check",
    };
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    if (options.token !== undefined && request.authenticate !== false && headers["authorization"] === undefined) {
      headers["authorization"] = `Bearer ${options.token}`;
    }
    const key = JSON.stringify([method, request.path, Object.entries(headers).sort(), request.body ?? null]);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    // Not cached: a refused request costs no memory, however many a hostile list asks for.
    const refused = budgetSpent(budget, count);
    if (refused !== undefined) return Promise.resolve({ ok: false, kind: "other", error: refused });
    count += 1;
    const pending = exchange(method, request.path, headers, request.body);
    cache.set(key, pending);
    if (options.onExchange) {
      const observe = options.onExchange;
      void pending.then(observe);
    }
    return pending;
  }

  function exchange(method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<HttpOutcome> {
    const outgoing: OutgoingHttpHeaders = { ...headers };
    const payload = body === undefined ? undefined : Buffer.from(body, "utf8");
    if (payload !== undefined) outgoing["content-length"] = String(payload.length);
    return new Promise<HttpOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: HttpOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const open = secure ? httpsRequest : httpRequest;
      const req = open(
        {
          protocol: base.url.protocol,
          hostname: base.url.hostname.replace(/^\[(.*)\]$/, "$1"),
          port: base.url.port === "" ? undefined : Number(base.url.port),
          method,
          path: `${base.pathname}${path}`,
          headers: outgoing,
          agent,
        },
        (res) => collect(res, method, path, budget, finish),
      );
      const timer = setTimeout(() => {
        finish({ ok: false, kind: "timeout", error: `no response within ${options.timeoutMs} ms` });
        req.destroy();
      }, options.timeoutMs);
      req.on("error", (error) => finish(describeTransportError(error)));
      req.end(payload);
    });
  }

  return {
    base,
    send,
    requestCount: () => count,
    close: () => agent.destroy(),
  };
}

/** What the responses of one run have cost so far: body bytes read, JSON values parsed (at most the limits). */
interface RunBudget {
  bytes: number;
  values: number;
}

/** Why no more responses are read in this run, or undefined while the budget lasts. */
function budgetSpent(budget: RunBudget, sent: number): string | undefined {
  if (sent >= runLimits.requests) return `not sent: this run has sent ${runLimits.requests} requests`;
  if (budget.bytes > runLimits.bodyBytes) return `not sent: the responses of this run passed ${runLimits.bodyBytes} bytes`;
  return undefined;
}

function collect(res: IncomingMessage, method: string, path: string, budget: RunBudget, finish: (outcome: HttpOutcome) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on("data", (chunk: Buffer) => {
    size += chunk.length;
    budget.bytes += chunk.length;
    const tooLarge =
      size > maxResponseBytes ? `response body larger than ${maxResponseBytes} bytes` : budget.bytes > runLimits.bodyBytes ? `the responses of this run passed ${runLimits.bodyBytes} bytes` : undefined;
    if (tooLarge !== undefined) {
      finish({ ok: false, kind: "other", error: tooLarge });
      res.destroy();
      return;
    }
    chunks.push(chunk);
  });
  res.on("error", (error) => finish(describeTransportError(error)));
  res.on("end", () => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const raw = Buffer.concat(chunks);
    let bodyText: string;
    let json: JsonParseResult;
    try {
      bodyText = utf8.decode(raw);
      json = parseJson(bodyText, budget);
    } catch {
      bodyText = raw.toString("latin1");
      json = { ok: false, error: "body is not valid UTF-8" };
    }
    finish({ ok: true, response: { method, path, status: res.statusCode ?? 0, headers, bodyText, json } });
  });
}

function parseJson(text: string, budget: RunBudget): JsonParseResult {
  if (text.trim() === "") return { ok: false, error: "empty body" };
  const measured = measureJson(text);
  if (measured.tooDeepAt !== undefined) return { ok: false, error: `arrays and objects nested deeper than ${maxJsonDepth} levels, at character ${measured.tooDeepAt}` };
  if (measured.values > runLimits.jsonValues) return { ok: false, error: `more than ${runLimits.jsonValues} JSON values` };
  // A body that would pass the budget is not parsed and costs nothing; a smaller one may still fit.
  if (budget.values + measured.values > runLimits.jsonValues) return { ok: false, error: `not parsed: the responses of this run would pass ${runLimits.jsonValues} JSON values` };
  budget.values += measured.values;
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Maps a Node socket/parser error to a one-line, human reason (never a stack trace). */
export function describeTransportError(error: unknown): HttpOutcome & { ok: false } {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case "ECONNREFUSED":
      return { ok: false, kind: "connect", error: "connection refused" };
    case "ENOTFOUND":
      return { ok: false, kind: "connect", error: "host not found" };
    case "EAI_AGAIN":
      return { ok: false, kind: "connect", error: "DNS lookup failed" };
    case "EHOSTUNREACH":
      return { ok: false, kind: "connect", error: "host unreachable" };
    case "ENETUNREACH":
      return { ok: false, kind: "connect", error: "network unreachable" };
    case "ETIMEDOUT":
      return { ok: false, kind: "timeout", error: "connection timed out" };
    case "ECONNRESET":
      return { ok: false, kind: "connect", error: message === "socket hang up" ? "connection closed without a response" : "connection reset by peer" };
    case "EPIPE":
      return { ok: false, kind: "connect", error: "connection closed while sending the request" };
  }
  if (code.startsWith("HPE_")) return { ok: false, kind: "protocol", error: `not an HTTP response (${message})` };
  if (code.startsWith("ERR_SSL") || code.startsWith("ERR_TLS") || /CERT|SELF_SIGNED|UNABLE_TO/.test(code)) {
    return { ok: false, kind: "tls", error: `TLS error: ${message}` };
  }
  return { ok: false, kind: "other", error: message.split("\n")[0] ?? message };
}
