import { describe, expect, it } from "vitest";
import { visitAttributes } from "../../generator/conformance/checks/attributes.js";
import { challengeSchemes } from "../../generator/conformance/checks/authentication.js";
import { scimTypeStatuses } from "../../generator/conformance/checks/errors.js";
import { pathBelowBase } from "../../generator/conformance/checks/meta.js";
import { isUrn } from "../../generator/conformance/checks/resource-types.js";
import { caseVariant } from "../../generator/conformance/checks/routes.js";
import { isAbsoluteUri } from "../../generator/conformance/checks/service-provider-config.js";
import { describeTransportError, parseBaseUrl, type BaseUrl } from "../../generator/conformance/http-client.js";
import { firstDifference, jsonEqual, maxJsonDepth, measureJson, nonIntegerLiteral } from "../../generator/conformance/json.js";
import { exitCodeOf, formatTextReport, summaryLine } from "../../generator/conformance/report.js";
import type { ConformanceReport } from "../../generator/conformance/run-checks.js";

describe("nonIntegerLiteral: integers stay integers in the raw body", () => {
  it.each([
    ['{"maxResults": 200}', undefined],
    ['{"maxResults":200.0}', "200.0"],
    ['{"maxResults" : 2e2}', "2e2"],
    ['{"maxResults": -1}', undefined],
    ['{"other": 1.5, "maxResults": 3}', undefined],
    ['{"maxResults": "200"}', undefined], // a string is the type check's finding
  ])("%s → %s", (raw, want) => {
    expect(nonIntegerLiteral(raw, "maxResults")).toBe(want);
  });
});

describe("measureJson: brackets and commas outside strings only", () => {
  it.each([
    ["[[]]", 2, undefined],
    ["[[[]]]", 2, 2],
    ['{"a":{"b":1}}', 1, 5],
    ['["[[[[", "{{{{"]', 1, undefined],
    ['["\\\\", [[]]]', 2, 8], // the string is one backslash: `\\` does not escape the closing quote
    ['["\\"[[["]', 1, undefined], // `\"` does not end the string
    ["not json [[[ at all", 2, 11],
  ] as const)("%s with limit %i → %s", (text, limit, want) => {
    expect(measureJson(text, limit).tooDeepAt).toBe(want);
  });

  it("counts arrays, objects, commas and colons outside strings: about the values a parse builds", () => {
    expect(measureJson('{"a":[1,2],"b":"x,y:z[{"}').values).toBe(6);
    expect(measureJson("[[],[],[]]").values).toBe(6);
    expect(measureJson('"a string"').values).toBe(0);
  });

  it(`defaults to ${maxJsonDepth} levels`, () => {
    expect(measureJson("[".repeat(maxJsonDepth)).tooDeepAt).toBeUndefined();
    expect(measureJson("[".repeat(maxJsonDepth + 1)).tooDeepAt).toBe(maxJsonDepth);
  });
});

describe("jsonEqual / firstDifference", () => {
  it("ignore object key order but not array order", () => {
    expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: null })).toBe(false);
  });

  it("names the first differing path", () => {
    expect(firstDifference({ a: { b: [1, { c: "x" }] } }, { a: { b: [1, { c: "y" }] } })).toBe('a.b[1].c: "x" vs "y"');
    expect(firstDifference({ a: 1 }, { a: 1, z: 2 })).toBe("z: missing on one side");
    expect(firstDifference([1], [1, 2])).toBe("(root): 1 items vs 2");
    expect(firstDifference({ a: 1 }, { a: 1 })).toBeUndefined();
  });
});

describe("parseBaseUrl", () => {
  it.each([
    ["http://127.0.0.1:8080/scim/v2", "http://127.0.0.1:8080/scim/v2", "/scim/v2"],
    ["https://Example.COM/scim/v2/", "https://example.com/scim/v2", "/scim/v2"],
    ["http://example.com", "http://example.com", ""],
    ["http://example.com///", "http://example.com", ""],
    ["http://[::1]:9000/api/0/organizations/acme/scim/v2", "http://[::1]:9000/api/0/organizations/acme/scim/v2", "/api/0/organizations/acme/scim/v2"],
  ])("%s", (text, href, pathname) => {
    const base = parseBaseUrl(text) as BaseUrl;
    expect(base.href).toBe(href);
    expect(base.pathname).toBe(pathname);
  });

  it.each(["example.com/scim", "ftp://example.com", "http://example.com/scim#x", "http://u:p@example.com"])("rejects %s", (text) => {
    expect(typeof parseBaseUrl(text)).toBe("string");
  });
});

describe("describeTransportError: one line, never a stack", () => {
  const error = (code: string, message = "boom"): Error => Object.assign(new Error(message), { code });
  it.each([
    [error("ECONNREFUSED"), "connect", "connection refused"],
    [error("ENOTFOUND"), "connect", "host not found"],
    [error("ECONNRESET", "socket hang up"), "connect", "connection closed without a response"],
    [error("ECONNRESET", "read ECONNRESET"), "connect", "connection reset by peer"],
    [error("HPE_INVALID_CONSTANT", "Parse Error: Expected HTTP/"), "protocol", "not an HTTP response (Parse Error: Expected HTTP/)"],
    [error("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"), "tls", "TLS error: self-signed certificate"],
    [error("EWHATEVER", "first line\n    at stack"), "other", "first line"],
  ])("%s", (given, kind, text) => {
    expect(describeTransportError(given)).toEqual({ ok: false, kind, error: text });
  });
});

describe("small predicates", () => {
  it("challengeSchemes reads auth-scheme names (RFC 7235 §4.1)", () => {
    expect(challengeSchemes('Bearer realm="scim", error="invalid_token", Basic realm="x"')).toEqual(["Bearer", "Basic"]);
    expect(challengeSchemes("Negotiate")).toEqual(["Negotiate"]);
  });

  it("caseVariant changes the case, or says it cannot", () => {
    expect(caseVariant("User")).toBe("user");
    expect(caseVariant("user")).toBe("USER");
    expect(caseVariant("2.0")).toBeUndefined();
  });

  it("isUrn accepts any namespace (vendor extensions) and rejects non-URNs", () => {
    expect(isUrn("urn:ietf:params:scim:schemas:core:2.0:User")).toBe(true);
    expect(isUrn("urn:okta:custom:schemas:extension:1.0:User")).toBe(true);
    expect(isUrn("User")).toBe(false);
    expect(isUrn("urn:ietf")).toBe(false);
    expect(isUrn("https://example.com/schemas/User")).toBe(false);
  });

  it("isAbsoluteUri wants a scheme", () => {
    expect(isAbsoluteUri("http://www.rfc-editor.org/info/rfc6750")).toBe(true);
    expect(isAbsoluteUri("urn:ietf:rfc:6750")).toBe(true);
    expect(isAbsoluteUri("/help/oauth.html")).toBe(false);
    expect(isAbsoluteUri("www.example.com")).toBe(false);
  });

  it("pathBelowBase only lets locations inside the base be fetched", () => {
    const base = parseBaseUrl("http://127.0.0.1:9000/scim/v2") as BaseUrl;
    expect(pathBelowBase(base, "http://127.0.0.1:9000/scim/v2/Schemas/urn:x:y")).toBe("/Schemas/urn:x:y");
    expect(pathBelowBase(base, "http://127.0.0.1:9000/scim/v2/ResourceTypes/User?x=1")).toBe("/ResourceTypes/User?x=1");
    expect(pathBelowBase(base, "/scim/v2/ServiceProviderConfig")).toBe("/ServiceProviderConfig");
    expect(pathBelowBase(base, "/v2/Schemas/urn:x:y")).toBeUndefined();
    expect(pathBelowBase(base, "https://example.com/scim/v2/ServiceProviderConfig")).toBeUndefined();
    expect(pathBelowBase(base, "http://127.0.0.1:9000/scim/v2evil/ServiceProviderConfig")).toBeUndefined();
  });

  it("scimTypeStatuses holds exactly the ten RFC 7644 Table 9 keywords", () => {
    expect(Object.keys(scimTypeStatuses).sort()).toEqual(
      ["invalidFilter", "invalidPath", "invalidSyntax", "invalidValue", "invalidVers", "mutability", "noTarget", "sensitive", "tooMany", "uniqueness"],
    );
  });

  it("visitAttributes walks sub-attributes with RFC 7644 §3.10 paths and reports non-objects", () => {
    const { visits, malformed } = visitAttributes({
      id: "urn:x:S",
      attributes: [{ name: "emails", type: "complex", subAttributes: [{ name: "value" }, 7] }, "oops"],
    });
    expect(visits.map((visit) => [visit.path, visit.depth])).toEqual([
      ["urn:x:S:emails", 0],
      ["urn:x:S:emails.value", 1],
    ]);
    expect(malformed).toEqual(["urn:x:S:emails[1] is 7", "urn:x:S:attributes[1] is \"oops\""]);
  });
});

describe("the text report", () => {
  const report = (skipped: number): ConformanceReport => ({
    baseUrl: "http://127.0.0.1:9000/scim/v2",
    ok: false,
    requestCount: 3,
    summary: { passed: 1, failed: 2, skipped, requiredFailed: 1, recommendedFailed: 1 },
    results: [
      { id: "spc.features.bulk", title: "bulk states supported, maxOperations and maxPayloadSize", rfc: "RFC 7643 §5", level: "required", status: "pass" },
      { id: "errors.status-string", title: 'error "status" is a JSON string', rfc: "RFC 7644 §3.12", level: "required", status: "fail", detail: "GET /x → 404: status 404\nis a number" },
      { id: "list.filter-forbidden", title: "a filter answers 403", rfc: "RFC 7644 §4", level: "recommended", status: "fail", detail: "answered 200" },
      ...(skipped > 0 ? [{ id: "auth.error-body", title: "401 is a SCIM Error", rfc: "RFC 7644 §3.12", level: "required" as const, status: "skip" as const, detail: "no --token given" }] : []),
    ],
  });

  it("is one line per check and the summary alone on the last line", () => {
    expect(formatTextReport(report(1))).toBe(
      [
        "PASS  spc.features.bulk  RFC 7643 §5  bulk states supported, maxOperations and maxPayloadSize",
        'FAIL  errors.status-string  RFC 7644 §3.12  error "status" is a JSON string — GET /x → 404: status 404 is a number',
        "FAIL  list.filter-forbidden  RFC 7644 §4  a filter answers 403 (recommended) — answered 200",
        "SKIP  auth.error-body  RFC 7644 §3.12  401 is a SCIM Error — no --token given",
        "1 passed, 2 failed, 1 skipped",
        "",
      ].join("\n"),
    );
  });

  it("leaves out the skipped count when nothing was skipped", () => {
    expect(summaryLine(report(0))).toBe("1 passed, 2 failed");
  });

  it("exit code follows required failures only", () => {
    expect(exitCodeOf(report(0))).toBe(1);
    expect(exitCodeOf({ ...report(0), ok: true })).toBe(0);
  });
});
