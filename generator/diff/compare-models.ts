// Compares two models of the definitions, never their files: what a client sees is the model (the
// discovery documents and the OpenAPI are built from it), so moving an attribute within a file, renaming
// or reordering files, reformatting YAML or editing comments is no change. Parts are matched by the
// identity clients use: schemas by id, resource types by id, attributes by name within their parent, all
// case-insensitively (RFC 7644 §3.10, RFC 7643 §2.1); authentication schemes by type; lists that are sets
// to a client (extensions, operations, canonical values, reference types) as sets.

import type { SourcePosition } from "../diagnostics/diagnostic.js";
import type { CanonicalValue, Mutability, Returned, Uniqueness } from "../model/definition-types.js";
import type { Attribute, ResourceType, Schema, ServiceProviderConfig } from "../model/model.js";
import { diffCodes, type DiffCode, type DiffSeverity } from "./diff-codes.js";
import type { ModelPositions, ModelVersion } from "./model-positions.js";

/** One change between two versions. */
export interface Change {
  readonly code: DiffCode;
  readonly severity: DiffSeverity;
  /**
   * What changed, as an allow-list entry names it: a schema URN, an attribute as RFC 7644 §3.10 writes it
   * (`urn:…:User:name.givenName`), `ResourceType:User`, `ResourceType:User:<extension URN>`,
   * `ServiceProviderConfig:patch`. For a rename, the old name.
   */
  readonly subject: string;
  /** What changed, specifically (the report adds who it affects, from the code table). */
  readonly what: string;
  /** Where: in the current version, or in the old one (`side: "old"`) for a removal. */
  readonly at: SourcePosition;
  readonly side: "old" | "current";
}

const lower = (s: string): string => s.toLowerCase();
const quote = (s: string): string => JSON.stringify(s);
const list = (values: readonly string[]): string => values.map(quote).join(", ");

/** The changes from `old` to `current`, in no particular order (the report sorts them). */
export function compareModels(old: ModelVersion, current: ModelVersion): Change[] {
  const changes: Change[] = [];
  const add = (code: DiffCode, subject: string, what: string, at: SourcePosition, side: "old" | "current" = "current"): void => {
    changes.push({ code, severity: diffCodes[code].severity, subject, what, at, side });
  };
  const now = current.where;
  const was = old.where;

  // Resource types by id first: their slots tell which schema a renamed schema was.
  const rtPairs = matchBy(old.model.resourceTypes, current.model.resourceTypes, (r) => lower(r.id));
  const schemaPairs = matchBy(old.model.schemas, current.model.schemas, (s) => lower(s.id));
  pairSchemaRenames(schemaPairs, rtPairs.matched);
  const renamedTo = new Map<string, string>(); // old schema id (lower case) -> current id
  for (const [o, c] of schemaPairs.matched) renamedTo.set(lower(o.id), c.id);
  const mapped = (oldId: string): string => renamedTo.get(lower(oldId)) ?? oldId;
  // A resource type whose name changed but whose base schema did not is the same resource type renamed.
  pairUnmatched(rtPairs, (o, c) => lower(mapped(o.schema.id)) === lower(c.schema.id));

  // Schemas.
  for (const s of schemaPairs.removed) {
    add("schema-removed", s.id, `schema ${quote(s.id)} (${s.name}) was removed`, was.schema(s.id), "old");
  }
  for (const s of schemaPairs.added) add("schema-added", s.id, `schema ${quote(s.id)} (${s.name}) was added`, now.schema(s.id));
  for (const [o, c] of schemaPairs.matched) {
    if (o.id !== c.id && lower(o.id) !== lower(c.id)) {
      add("schema-renamed", o.id, `schema ${quote(o.id)} is now ${quote(c.id)}`, now.schema(c.id));
    }
    if (o.name !== c.name) add("schema-name-changed", o.id, `the name of schema ${quote(c.id)} changed from ${quote(o.name)} to ${quote(c.name)}`, now.schema(c.id, "name"));
    if (o.description !== c.description) add("description-changed", o.id, `the description of schema ${quote(c.id)} changed`, now.schema(c.id, "description"));
    compareAttributeLists(o.attributes, c.attributes, { schemaOld: o.id, schemaNow: c.id, path: [], oldPath: [], now, was, add });
  }

  // Resource types.
  for (const r of rtPairs.removed) {
    add("resource-type-removed", `ResourceType:${r.id}`, `resource type ${quote(r.id)} (${r.endpoint}) was removed`, was.resourceType(r.id), "old");
  }
  for (const r of rtPairs.added) {
    add("resource-type-added", `ResourceType:${r.id}`, `resource type ${quote(r.id)} (${r.endpoint}) was added`, now.resourceType(r.id));
  }
  for (const [o, c] of rtPairs.matched) compareResourceTypes(o, c, { mapped, removedSchemas: new Set(schemaPairs.removed.map((s) => lower(s.id))), now, was, add });

  compareServiceProviderConfigs(old.model.serviceProviderConfig, current.model.serviceProviderConfig, was, now, add);
  return changes;
}

type Add = (code: DiffCode, subject: string, what: string, at: SourcePosition, side?: "old" | "current") => void;

/** The parts of two lists matched by a key; unmatched ones are removed or added. */
interface Pairs<T> {
  matched: [T, T][];
  removed: T[];
  added: T[];
}

function matchBy<T>(old: readonly T[], current: readonly T[], key: (item: T) => string): Pairs<T> {
  const byKey = new Map(current.map((c) => [key(c), c]));
  const matched: [T, T][] = [];
  const removed: T[] = [];
  for (const o of old) {
    const c = byKey.get(key(o));
    if (c === undefined) removed.push(o);
    else {
      matched.push([o, c]);
      byKey.delete(key(o));
    }
  }
  return { matched, removed, added: current.filter((c) => byKey.has(key(c))) };
}

/**
 * Pairs removed with added parts that `alike` says are one part renamed, where exactly one candidate
 * fits each side (an ambiguous guess would hide a removal behind a rename).
 */
function pairUnmatched<T>(pairs: Pairs<T>, alike: (old: T, current: T) => boolean): void {
  for (const o of [...pairs.removed]) {
    const candidates = pairs.added.filter((c) => alike(o, c));
    if (candidates.length !== 1) continue;
    const c = candidates[0]!;
    if (pairs.removed.filter((other) => alike(other, c)).length !== 1) continue;
    pairs.matched.push([o, c]);
    pairs.removed.splice(pairs.removed.indexOf(o), 1);
    pairs.added.splice(pairs.added.indexOf(c), 1);
  }
}

/**
 * A schema whose id changed is found in the slot it fills: the base, or the one extension that changed,
 * of a resource type that is still there; failing that, the definition file it is written in.
 */
function pairSchemaRenames(schemas: Pairs<Schema>, resourceTypes: readonly [ResourceType, ResourceType][]): void {
  const removed = new Set(schemas.removed.map((s) => s.id));
  const added = new Set(schemas.added.map((s) => s.id));
  const slotPairs = new Set<string>();
  for (const [ro, rc] of resourceTypes) {
    if (removed.has(ro.schema.id) && added.has(rc.schema.id)) slotPairs.add(`${ro.schema.id}\u0000${rc.schema.id}`);
    const gone = ro.schemaExtensions.filter((e) => removed.has(e.schema.id));
    const come = rc.schemaExtensions.filter((e) => added.has(e.schema.id));
    if (gone.length === 1 && come.length === 1) slotPairs.add(`${gone[0]!.schema.id}\u0000${come[0]!.schema.id}`);
  }
  pairUnmatched(schemas, (o, c) => slotPairs.has(`${o.id}\u0000${c.id}`));
  pairUnmatched(schemas, (o, c) => o.sourceName === c.sourceName);
}

interface AttributeContext {
  readonly schemaOld: string;
  readonly schemaNow: string;
  /** Names from the top level, current spelling, and the old spelling (for subjects and old positions). */
  readonly path: readonly string[];
  readonly oldPath: readonly string[];
  readonly now: ModelPositions;
  readonly was: ModelPositions;
  readonly add: Add;
}

function compareAttributeLists(old: readonly Attribute[], current: readonly Attribute[], ctx: AttributeContext): void {
  const pairs = matchBy(old, current, (a) => lower(a.name));
  pairUnmatched(pairs, (o, c) => sameShape(o, c));
  const subjectOf = (names: readonly string[]): string => `${ctx.schemaOld}:${names.join(".")}`;
  const kind = ctx.path.length === 0 ? "attribute" : "sub-attribute";
  for (const a of pairs.removed) {
    const oldPath = [...ctx.oldPath, a.name];
    ctx.add("attribute-removed", subjectOf(oldPath), `${kind} ${oldPath.join(".")} of ${ctx.schemaOld} was removed`, ctx.was.attribute(ctx.schemaOld, oldPath), "old");
  }
  for (const a of pairs.added) {
    const path = [...ctx.path, a.name];
    // RFC 7643 §2.2: a required attribute the client may write must be in its creates; a readOnly one
    // is the service's to fill.
    const mustSend = a.required && a.mutability !== "readOnly";
    ctx.add(mustSend ? "required-attribute-added" : "attribute-added", `${ctx.schemaNow}:${path.join(".")}`,
      `${mustSend ? "required " : ""}${kind} ${path.join(".")} was added to ${ctx.schemaNow}`, ctx.now.attribute(ctx.schemaNow, path));
  }
  for (const [o, c] of pairs.matched) {
    const path = [...ctx.path, c.name];
    const oldPath = [...ctx.oldPath, o.name];
    const subject = subjectOf(oldPath);
    const name = path.join(".");
    const at = (key?: string): SourcePosition => ctx.now.attribute(ctx.schemaNow, path, key);
    if (lower(o.name) !== lower(c.name)) {
      ctx.add("attribute-renamed", subject, `${kind} ${oldPath.join(".")} of ${ctx.schemaOld} is now ${name}`, at());
    } else if (o.name !== c.name) {
      ctx.add("attribute-name-case-changed", subject, `${kind} ${oldPath.join(".")} is now spelled ${name}`, at());
    }
    compareAttributes(o, c, { ...ctx, path, oldPath }, subject, name, at);
  }
}

/** Alike in everything a client relies on: every characteristic but the name and the description. */
function sameShape(a: Attribute, b: Attribute): boolean {
  const strip = (x: Attribute): unknown => ({ ...x, name: undefined, description: undefined, subAttributes: x.subAttributes?.map(strip) });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

// RFC 7643 §2.2 mutability, as what a client may do with the attribute. readOnly: read it; immutable: read
// it and set it once (create, or a replace before it has a value); writeOnly: set and change it, never
// read it back; readWrite: all. A change that takes away any of these breaks the client that did it,
// whatever it adds (writeOnly → immutable loses "change later" and gains "read").
const capabilities: Record<Mutability, readonly string[]> = {
  readWrite: ["read it back", "set it on create", "change it later"],
  immutable: ["read it back", "set it on create"],
  writeOnly: ["set it on create", "change it later"],
  readOnly: ["read it back"],
};
// RFC 7643 §2.2 returned, by the responses the attribute is in: always ⊃ default ⊃ request ⊃ never.
const returnedRank: Record<Returned, number> = { never: 0, request: 1, default: 2, always: 3 };
// RFC 7643 §2.2 uniqueness: none < server < global.
const uniquenessRank: Record<Uniqueness, number> = { none: 0, server: 1, global: 2 };

function compareAttributes(o: Attribute, c: Attribute, ctx: AttributeContext, subject: string, name: string, at: (key?: string) => SourcePosition): void {
  const add = ctx.add;
  const typeChanged = o.type !== c.type;
  if (typeChanged) add("type-changed", subject, `the type of ${name} changed from ${o.type} to ${c.type}`, at("type"));
  if (o.multiValued !== c.multiValued) {
    add("multi-valued-changed", subject, `${name} is now ${c.multiValued ? "multi-valued" : "single-valued"}`, at("multiValued"));
  }
  if (!typeChanged && o.caseExact !== undefined && c.caseExact !== undefined && o.caseExact !== c.caseExact) {
    add("case-exact-changed", subject, `${name} is now case-${c.caseExact ? "exact" : "insensitive"} (caseExact ${o.caseExact} → ${c.caseExact})`, at("caseExact"));
  }
  if (o.required !== c.required) {
    add(c.required ? "attribute-made-required" : "attribute-made-optional", subject, `${name} is now ${c.required ? "required" : "optional"}`, at("required"));
  }
  if (o.mutability !== c.mutability) {
    const lost = capabilities[o.mutability].filter((x) => !capabilities[c.mutability].includes(x));
    add(lost.length > 0 ? "mutability-narrowed" : "mutability-widened", subject,
      `the mutability of ${name} changed from ${o.mutability} to ${c.mutability}${lost.length > 0 ? ` (clients can no longer ${lost.join(" or ")})` : ""}`, at("mutability"));
  }
  if (o.returned !== c.returned) {
    add(returnedRank[c.returned] < returnedRank[o.returned] ? "returned-narrowed" : "returned-widened", subject,
      `the returned of ${name} changed from ${o.returned} to ${c.returned}`, at("returned"));
  }
  if (o.uniqueness !== undefined && c.uniqueness !== undefined && o.uniqueness !== c.uniqueness) {
    add(uniquenessRank[c.uniqueness] > uniquenessRank[o.uniqueness] ? "uniqueness-tightened" : "uniqueness-relaxed", subject,
      `the uniqueness of ${name} changed from ${o.uniqueness} to ${c.uniqueness}`, at("uniqueness"));
  }
  if (o.description !== c.description) add("description-changed", subject, `the description of ${name} changed`, at("description"));
  if (typeChanged) return; // canonical values, reference types and sub-attributes of another type do not compare
  compareCanonicalValues(o, c, subject, name, at, add);
  const oldRefs = new Set((o.referenceTypes ?? []).map(lower));
  const nowRefs = new Set((c.referenceTypes ?? []).map(lower));
  const droppedRefs = (o.referenceTypes ?? []).filter((r) => !nowRefs.has(lower(r)));
  const addedRefs = (c.referenceTypes ?? []).filter((r) => !oldRefs.has(lower(r)));
  if (droppedRefs.length > 0) add("reference-types-narrowed", subject, `${name} no longer references ${list(droppedRefs)}`, at("referenceTypes"));
  if (addedRefs.length > 0) add("reference-types-widened", subject, `${name} now also references ${list(addedRefs)}`, at("referenceTypes"));
  if (o.subAttributes && c.subAttributes) compareAttributeLists(o.subAttributes, c.subAttributes, ctx);
}

/**
 * A closed list (`codegen.closedCanonicalValues`) is the set of values the service accepts; an open one is
 * a suggestion, and every value is accepted (RFC 7643 §2.2 canonicalValues). Breaking when a value
 * accepted before is not now.
 */
function compareCanonicalValues(o: Attribute, c: Attribute, subject: string, name: string, at: (key?: string) => SourcePosition, add: Add): void {
  // A value of an attribute that is not caseExact matches in any case (RFC 7643 §2.2 caseExact).
  const key = (v: CanonicalValue): string => JSON.stringify(typeof v === "string" && c.caseExact !== true ? v.toLowerCase() : v);
  const oldValues = o.canonicalValues ?? [];
  const nowValues = c.canonicalValues ?? [];
  const nowKeys = new Set(nowValues.map(key));
  const oldKeys = new Set(oldValues.map(key));
  const oldClosed = o.closedCanonicalValues && oldValues.length > 0;
  const nowClosed = c.closedCanonicalValues && nowValues.length > 0;
  const show = (vs: readonly CanonicalValue[]): string => vs.map((v) => JSON.stringify(v)).join(", ");
  if (nowClosed) {
    if (!oldClosed) {
      add("canonical-values-narrowed", subject, `the canonical values of ${name} are now a closed list (${show(nowValues)}); other values are rejected`,
        at(c.closedCanonicalValues ? "codegen.closedCanonicalValues" : "canonicalValues"));
      return;
    }
    const dropped = oldValues.filter((v) => !nowKeys.has(key(v)));
    if (dropped.length > 0) {
      add("canonical-values-narrowed", subject, `the closed canonical values of ${name} no longer include ${show(dropped)}`, at("canonicalValues"));
      return;
    }
  }
  const changed = oldClosed !== nowClosed || oldValues.length !== nowValues.length || oldValues.some((v) => !nowKeys.has(key(v))) || nowValues.some((v) => !oldKeys.has(key(v)));
  if (changed) {
    add("canonical-values-changed", subject,
      oldClosed && !nowClosed ? `the canonical values of ${name} are no longer a closed list` : `the canonical values of ${name} changed from [${show(oldValues)}] to [${show(nowValues)}]`,
      at("canonicalValues"));
  }
}

interface ResourceTypeContext {
  /** The current id of a schema, given its old id (the same unless the schema was renamed). */
  readonly mapped: (oldId: string) => string;
  /** Lower-case ids of schemas removed altogether (their extension links are not reported again). */
  readonly removedSchemas: ReadonlySet<string>;
  readonly now: ModelPositions;
  readonly was: ModelPositions;
  readonly add: Add;
}

function compareResourceTypes(o: ResourceType, c: ResourceType, ctx: ResourceTypeContext): void {
  const { add, now, was } = ctx;
  const subject = `ResourceType:${o.id}`;
  if (o.id !== c.id) add("resource-type-renamed", subject, `resource type ${quote(o.id)} is now ${quote(c.id)}`, now.resourceType(c.id));
  if (o.endpoint !== c.endpoint) add("endpoint-changed", subject, `the endpoint of ${c.id} changed from ${o.endpoint} to ${c.endpoint}`, now.resourceType(c.id, "endpoint"));
  if (lower(ctx.mapped(o.schema.id)) !== lower(c.schema.id)) {
    add("resource-type-schema-changed", subject, `the base schema of ${c.id} changed from ${quote(o.schema.id)} to ${quote(c.schema.id)}`, now.resourceType(c.id, "schema"));
  }
  if ((o.description ?? "") !== (c.description ?? "")) add("description-changed", subject, `the description of resource type ${c.id} changed`, now.resourceType(c.id, "description"));

  const extensions = matchBy(o.schemaExtensions, c.schemaExtensions, (e) => lower(ctx.mapped(e.schema.id)));
  for (const e of extensions.removed) {
    if (ctx.removedSchemas.has(lower(e.schema.id))) continue; // reported as schema-removed
    add("extension-removed", `${subject}:${e.schema.id}`, `resource type ${c.id} no longer lists the extension ${quote(e.schema.id)}`, was.extension(o.id, e.schema.id), "old");
  }
  for (const e of extensions.added) {
    add(e.required ? "required-extension-added" : "extension-added", `${subject}:${e.schema.id}`,
      `resource type ${c.id} now lists the ${e.required ? "required" : "optional"} extension ${quote(e.schema.id)}`, now.extension(c.id, e.schema.id));
  }
  for (const [eo, ec] of extensions.matched) {
    if (eo.required === ec.required) continue;
    add(ec.required ? "extension-made-required" : "extension-made-optional", `${subject}:${eo.schema.id}`,
      `the extension ${quote(ec.schema.id)} of ${c.id} is now ${ec.required ? "required" : "optional"}`, now.extension(c.id, ec.schema.id, "required"));
  }

  const dropped = o.operations.filter((op) => !c.operations.includes(op));
  const added = c.operations.filter((op) => !o.operations.includes(op));
  if (dropped.length > 0) add("operations-reduced", subject, `resource type ${c.id} no longer has the operations ${dropped.join(", ")}`, now.resourceType(c.id, "codegen.operations"));
  if (added.length > 0) add("operations-added", subject, `resource type ${c.id} now has the operations ${added.join(", ")}`, now.resourceType(c.id, "codegen.operations"));
}

const features = ["patch", "bulk", "filter", "changePassword", "sort", "etag"] as const;
const limits = [["filter", "maxResults"], ["bulk", "maxOperations"], ["bulk", "maxPayloadSize"]] as const;

function compareServiceProviderConfigs(o: ServiceProviderConfig, c: ServiceProviderConfig, was: ModelPositions, now: ModelPositions, add: Add): void {
  const subject = (key: string): string => `ServiceProviderConfig:${key}`;
  for (const f of features) {
    if (o[f].supported === c[f].supported) continue;
    add(c[f].supported ? "feature-turned-on" : "feature-turned-off", subject(f), `${f} is ${c[f].supported ? "now" : "no longer"} supported`, now.serviceProviderConfig(`${f}.supported`));
  }
  // A limit of a feature that is off on either side is not a limit anyone relies on (RFC 7643 §5: 0 then).
  for (const [f, limit] of limits) {
    const before = (o[f] as Record<string, number | boolean>)[limit] as number;
    const after = (c[f] as Record<string, number | boolean>)[limit] as number;
    if (!o[f].supported || !c[f].supported || before === after) continue;
    add(after < before ? "limit-lowered" : "limit-raised", subject(`${f}.${limit}`), `${f}.${limit} changed from ${before} to ${after}`, now.serviceProviderConfig(`${f}.${limit}`));
  }
  if (o.filter.supported && c.filter.supported) {
    const nowOps = new Set(c.filterOperators.map(lower));
    const oldOps = new Set(o.filterOperators.map(lower));
    const dropped = o.filterOperators.filter((op) => !nowOps.has(lower(op)));
    const added = c.filterOperators.filter((op) => !oldOps.has(lower(op)));
    if (dropped.length > 0) add("filter-operators-reduced", subject("filterOperators"), `the filter no longer evaluates ${dropped.join(", ")}`, now.serviceProviderConfig("codegen.filterOperators"));
    if (added.length > 0) add("filter-operators-added", subject("filterOperators"), `the filter now also evaluates ${added.join(", ")}`, now.serviceProviderConfig("codegen.filterOperators"));
  }
  if ((o.documentationUri ?? "") !== (c.documentationUri ?? "")) {
    add("documentation-uri-changed", subject("documentationUri"), `the ServiceProviderConfig documentationUri changed`, now.serviceProviderConfig("documentationUri"));
  }

  // Schemes by type (what a client is configured with), then by name within a type.
  const indexed = <T>(xs: readonly T[]): { s: T; i: number }[] => xs.map((s, i) => ({ s, i }));
  const schemes = matchBy(indexed(o.authenticationSchemes), indexed(c.authenticationSchemes), ({ s }) => `${s.type}\u0000${lower(s.name)}`);
  pairUnmatched(schemes, (x, y) => x.s.type === y.s.type);
  // Left over within one type (two schemes of a type, one renamed): pair in declared order.
  for (const x of [...schemes.removed]) {
    const y = schemes.added.find((a) => a.s.type === x.s.type);
    if (!y) continue;
    schemes.matched.push([x, y]);
    schemes.removed.splice(schemes.removed.indexOf(x), 1);
    schemes.added.splice(schemes.added.indexOf(y), 1);
  }
  const schemeSubject = (type: string, name: string): string => subject(`authenticationSchemes:${type}:${name}`);
  for (const { s, i } of schemes.removed) {
    add("authentication-scheme-removed", schemeSubject(s.type, s.name), `authentication scheme ${quote(s.name)} (${s.type}) was removed`, was.authenticationScheme(i), "old");
  }
  for (const { s, i } of schemes.added) {
    add("authentication-scheme-added", schemeSubject(s.type, s.name), `authentication scheme ${quote(s.name)} (${s.type}) was added`, now.authenticationScheme(i));
  }
  for (const [{ s: x }, { s: y, i }] of schemes.matched) {
    const subj = schemeSubject(x.type, x.name);
    if (x.name !== y.name) add("authentication-scheme-changed", subj, `authentication scheme ${quote(x.name)} (${y.type}) is now named ${quote(y.name)}`, now.authenticationScheme(i, "name"));
    if ((x.primary ?? false) !== (y.primary ?? false)) {
      add("authentication-scheme-changed", subj, `authentication scheme ${quote(y.name)} is ${y.primary ? "now" : "no longer"} primary`, now.authenticationScheme(i, "primary"));
    }
    if (x.description !== y.description) add("description-changed", subj, `the description of authentication scheme ${quote(y.name)} changed`, now.authenticationScheme(i, "description"));
    for (const key of ["specUri", "documentationUri"] as const) {
      if ((x[key] ?? "") !== (y[key] ?? "")) add("documentation-uri-changed", subj, `the ${key} of authentication scheme ${quote(y.name)} changed`, now.authenticationScheme(i, key));
    }
  }
}
