import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from "yaml";
import { cacheKey, noCache, type TransformCache } from "../cache/transform-cache.js";
import { DiagnosticSink as Sink, type DiagnosticSink, type SourcePosition } from "../diagnostics/diagnostic.js";

/** A path into a parsed YAML value: mapping keys and sequence indexes. */
export type ValuePath = readonly (string | number)[];

/** A parsed YAML file: its plain value and a way back from any path to the source position. */
export interface YamlFile {
  /** Path shown in diagnostics (relative to the working directory). */
  readonly displayPath: string;
  /** The value as plain data; mappings are prototype-free objects. `undefined` when unparsable. */
  readonly value: unknown;
  /** Where the key (`part: "key"`) or the value at `path` starts; the nearest ancestor if absent. */
  locate(path: ValuePath, part?: "key" | "value"): SourcePosition;
}

// Keys that would reach Object.prototype if the value were ever spread or assigned into a plain
// object; they are never meaningful in a definition.
const forbiddenKeys = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Parses YAML text, reporting syntax errors, duplicate and forbidden keys into `sink`. The plain value
 * of a file that parsed cleanly is cached by its text (the yaml package parses about 1 MB/s); the
 * document with positions is then parsed only if a diagnostic needs a position.
 */
export function parseYamlFile(displayPath: string, text: string, sink: DiagnosticSink, cache: TransformCache = noCache): YamlFile {
  const key = cacheKey("yaml-parse", text);
  const hit = cache.get(key);
  if (hit !== undefined) {
    let parsed: YamlFile | undefined;
    return {
      displayPath,
      value: JSON.parse(hit, (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.assign(Object.create(null) as object, v) : v)),
      locate: (path, part) => (parsed ??= parseFully(displayPath, text, new Sink())).locate(path, part),
    };
  }
  const local = new Sink();
  const file = parseFully(displayPath, text, local);
  if (local.items.length === 0) cache.set(key, JSON.stringify(file.value));
  sink.items.push(...local.items);
  return file;
}

function parseFully(displayPath: string, text: string, sink: DiagnosticSink): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: displayPath, line, col };
  };

  let broken = false;
  for (const e of doc.errors) {
    const pos = at(e.pos[0]);
    if (e.code === "DUPLICATE_KEY") {
      const key = /^[^:\n]*/.exec(text.slice(e.pos[0]))?.[0].trim() ?? "";
      sink.error(pos, "duplicate-key", `The key "${key}" appears twice in one mapping; keep one of them.`);
    } else {
      broken = true;
      sink.error(pos, "yaml-syntax", `${firstLine(e.message)}.`);
    }
  }

  const value = broken ? undefined : toPlain(doc, doc.contents, at, sink);
  return {
    displayPath,
    value,
    locate: (path, part = "value") => locate(doc, path, part, at),
  };
}

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "").replace(/\.$/, "");
}

function toPlain(
  doc: Document,
  node: unknown,
  at: (offset: number) => SourcePosition,
  sink: DiagnosticSink,
): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return toPlain(doc, node.resolve(doc), at, sink);
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return node.items.map((item) => toPlain(doc, item, at, sink));
  if (isMap(node)) {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const key = isScalar(keyNode) ? keyNode.value : undefined;
      const pos = at(keyNode?.range?.[0] ?? 0);
      if (typeof key !== "string") {
        sink.error(pos, "non-string-key", `Mapping keys must be plain strings; got ${describeKey(key)}.`);
        continue;
      }
      if (forbiddenKeys.has(key)) {
        sink.error(pos, "forbidden-key", `The key "${key}" is not allowed in a definition; remove it.`);
        continue;
      }
      out[key] = toPlain(doc, pair.value, at, sink);
    }
    return out;
  }
  return null;
}

function describeKey(key: unknown): string {
  if (key === undefined) return "a complex key";
  return `${typeof key} ${JSON.stringify(key)}`;
}

function locate(
  doc: Document,
  path: ValuePath,
  part: "key" | "value",
  at: (offset: number) => SourcePosition,
): SourcePosition {
  let node: unknown = doc.contents;
  let offset = (doc.contents as YamlNode | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node) && typeof segment === "string") {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
      if (!pair) break;
      const keyStart = (pair.key as YamlNode).range?.[0];
      const valueStart = (pair.value as YamlNode | null)?.range?.[0];
      offset = last && part === "key" ? (keyStart ?? offset) : (valueStart ?? keyStart ?? offset);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return at(offset);
}
