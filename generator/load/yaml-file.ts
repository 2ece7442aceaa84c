import {
  Composer,
  CST,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  visit,
  type Alias,
  type Document,
  type Node as YamlNode,
  type YAMLError,
} from "yaml";
import { cacheKey, noCache, type TransformCache } from "../cache/transform-cache.js";
import { DiagnosticSink as Sink, type DiagnosticSink, type SourcePosition } from "../diagnostics/diagnostic.js";
import { fileTooLargeMessage, loaderLimits } from "./limits.js";

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

// With the `u` flag a class of surrogates matches only a lone one: a pair is one code point.
const loneSurrogate = /[\uD800-\uDFFF]/u;

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
  const unparsable: YamlFile = { displayPath, value: undefined, locate: () => ({ file: displayPath, line: 1, col: 1 }) };
  // The loader normally refuses a large file before reading it; text handed in directly is checked here.
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > loaderLimits.maxFileBytes) {
    sink.error({ file: displayPath, line: 1, col: 1 }, "yaml-limit", fileTooLargeMessage(bytes));
    return unparsable;
  }
  const lineCounter = new LineCounter();
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: displayPath, line, col };
  };
  // parseDocument in its two steps. The composer recurses once per nesting level, and a thousand-fold
  // `[[[[` or `- - - -` (two bytes a level) overflowed its stack; the parser builds the syntax tree
  // without recursion, so nesting is measured on the tree before composing. Parsing 60,000 `[` (even
  // with the closing brackets hidden in strings) takes the parser most of a second, so the lexer, which
  // stops at the first level too deep, looks first: about a tenth of the parse time.
  const cheap = cheapNesting(text);
  if (cheap !== undefined) {
    sink.error({ file: displayPath, ...positionOf(text, cheap) }, "yaml-limit", tooDeepMessage);
    return unparsable;
  }
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const tooDeep = deepestCollection(tokens);
  if (tooDeep !== undefined) {
    sink.error(at(tooDeep), "yaml-limit", tooDeepMessage);
    return unparsable;
  }
  // No duplicate-key check in the composer: it is quadratic in the keys of a mapping (10,000 keys took
  // a second); toPlain finds duplicates with a Set instead.
  const composer = new Composer({ uniqueKeys: false });
  let doc: Document.Parsed | undefined;
  let secondDocument: number | undefined;
  for (const d of composer.compose(tokens, true, text.length)) {
    if (doc) {
      secondDocument = d.range[0];
      break;
    }
    doc = d;
  }
  if (!doc) return unparsable; // compose(…, forceDoc) always yields one; kept for the type checker

  let broken = false;
  for (const e of positionedErrors(doc)) {
    broken = true;
    sink.error(at(e.offset), "yaml-syntax", e.message);
  }
  if (secondDocument !== undefined) {
    broken = true;
    sink.error(at(secondDocument), "yaml-syntax", "A definition file holds one YAML document; remove this second document (and the --- before it), or move it into a file of its own.");
  }
  if (broken) return { displayPath, value: undefined, locate: (path, part = "value") => locate(doc, path, part, at) };

  let value: unknown;
  const ctx: PlainContext = { doc, at, sink, aliasValues: 0, unusable: false, aliases: new Map() };
  try {
    value = toPlain(ctx, doc.contents, 0, undefined);
  } catch (err) {
    if (!(err instanceof LimitExceeded)) throw err;
    value = undefined;
  }
  // A value no output can carry (a lone surrogate, .inf) is reported once, here, not again by the format check.
  if (ctx.unusable) value = undefined;
  return { displayPath, value, locate: (path, part = "value") => locate(doc, path, part, at) };
}

const tooDeepMessage = `Mappings and sequences nest deeper than ${loaderLimits.maxDepth} levels here; definitions nest about 6 deep. The limit keeps a hostile file from exhausting the loader.`;

/**
 * The offset where flow collections, or block indicators on one line, first pass the depth limit, as
 * the yaml package's lexer reads the text (linear, no recursion, and it stops there); undefined if
 * nowhere. What it does not see, the parser's tree does (deepestCollection).
 */
function cheapNesting(text: string): number | undefined {
  let offset = 0;
  let flow = 0;
  let indicators = 0;
  let atScalar = false;
  // Offsets advance exactly as the yaml Parser advances them: a scalar marker and the document and
  // flow-error markers are not source text; the token after a scalar marker is, whatever it contains.
  for (const token of new Lexer().lex(text)) {
    if (atScalar) {
      atScalar = false;
      offset += token.length;
      continue;
    }
    const type = CST.tokenType(token);
    if (type === "scalar") {
      atScalar = true;
      continue;
    }
    if (type === "doc-mode" || type === "flow-error-end") continue;
    if (type === "flow-map-start" || type === "flow-seq-start") {
      if (++flow > loaderLimits.maxDepth) return offset;
    } else if (type === "flow-map-end" || type === "flow-seq-end") {
      if (flow > 0) flow--;
    } else if (type === "newline") {
      indicators = 0;
    } else if ((type === "seq-item-ind" || type === "explicit-key-ind" || type === "map-value-ind") && flow === 0) {
      if (++indicators > loaderLimits.maxDepth) return offset;
    }
    offset += token.length;
  }
  return undefined;
}

/** Line and column (1-based, UTF-16 units as the yaml package counts) of an offset, before parsing. */
function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/**
 * The offset of the first collection nested deeper than the depth limit in the parser's syntax tree,
 * or undefined. Walked with an explicit stack: the tree may be as deep as the file is long.
 */
function deepestCollection(tokens: readonly CST.Token[]): number | undefined {
  const stack: [CST.Token | undefined, number][] = tokens.map((t) => [t, 0]);
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [token, depth] = entry;
    if (!token) continue;
    if (token.type === "document") {
      stack.push([token.value, depth]);
    } else if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      if (depth + 1 > loaderLimits.maxDepth) return token.offset;
      for (const item of token.items) {
        if ("key" in item) stack.push([item.key ?? undefined, depth + 1]);
        stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

/**
 * The yaml package's errors, with the ones it reports at the end of the input moved to where the
 * mistake is: an unterminated quoted string or flow collection at its opening character, not at the
 * end of the file. Errors inside an unterminated string are its consequences and are dropped.
 */
function positionedErrors(doc: Document.Parsed): { offset: number; message: string }[] {
  const errors = doc.errors;
  if (errors.length === 0) return [];
  const quoted: { start: number; end: number; double: boolean }[] = [];
  const flows: { start: number; end: number; seq: boolean }[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if ((node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && node.range) {
        quoted.push({ start: node.range[0], end: node.range[1], double: node.type === "QUOTE_DOUBLE" });
      }
    },
    Seq(_key, node) {
      if (node.flow && node.range) flows.push({ start: node.range[0], end: node.range[1], seq: true });
    },
    Map(_key, node) {
      if (node.flow && node.range) flows.push({ start: node.range[0], end: node.range[1], seq: false });
    },
  });

  const unterminated: { start: number; end: number }[] = [];
  const out: { offset: number; message: string; error?: YAMLError }[] = [];
  const usedFlows = new Set<number>();
  for (const e of errors) {
    const pos = e.pos[0];
    const quote = /^Missing closing (["'])quote/.exec(e.message);
    if (e.code === "MISSING_CHAR" && quote) {
      const double = quote[1] === '"';
      const scalar = quoted.find((q) => q.end === pos && q.double === double);
      if (scalar) {
        unterminated.push(scalar);
        out.push({ offset: scalar.start, message: `This ${double ? "double" : "single"}-quoted string is never closed; add the closing ${double ? '"' : "'"} where it should end.` });
        continue;
      }
    }
    const flow = /^Flow (sequence|map)\b/.exec(e.message);
    if ((e.code === "BAD_INDENT" || e.code === "MISSING_CHAR") && flow && / end with a [\]}]/.test(e.message)) {
      const seq = flow[1] === "sequence";
      // Inner collections report first; take the innermost unclaimed one that ends here.
      const candidates = flows.filter((f, i) => f.end === pos && f.seq === seq && !usedFlows.has(i));
      const innermost = candidates.sort((a, b) => b.start - a.start)[0];
      if (innermost) {
        usedFlows.add(flows.indexOf(innermost));
        const [open, close] = seq ? ["[", "]"] : ["{", "}"];
        out.push({ offset: innermost.start, message: `This flow ${flow[1]} opens with "${open}" but never ends with "${close}" (or a line inside it is not indented more than its key); close it.`, error: e });
        continue;
      }
    }
    out.push({ offset: pos, message: `${firstLine(e.message)}.`, error: e });
  }
  // An unterminated string swallows the text after it: what the parser then says about that text
  // (a missing "]", a multi-line key) follows from the quote and would only mislead.
  return out.filter((o) => !o.error || !unterminated.some((u) => o.error!.pos[0] >= u.start && o.error!.pos[0] <= u.end));
}

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "").replace(/\.$/, "");
}

/** Thrown inside toPlain when a budget is exhausted; the diagnostic is already reported. */
class LimitExceeded extends Error {}

interface PlainContext {
  readonly doc: Document.Parsed;
  readonly at: (offset: number) => SourcePosition;
  readonly sink: DiagnosticSink;
  /** Values produced so far while expanding aliases. */
  aliasValues: number;
  /** A scalar was reported that no output can carry; the file's value is not used. */
  unusable: boolean;
  /** Each alias's target: the yaml package walks the whole document on every resolve. */
  readonly aliases: Map<unknown, unknown>;
}

function resolveAlias(ctx: PlainContext, alias: Alias): unknown {
  if (!ctx.aliases.has(alias)) ctx.aliases.set(alias, alias.resolve(ctx.doc));
  return ctx.aliases.get(alias);
}

/**
 * The plain value of a node: prototype-free mappings with string keys, arrays, JSON scalars. Aliases
 * are expanded within the alias budget; `alias` is the offset of the outermost alias being expanded.
 */
function toPlain(ctx: PlainContext, node: unknown, depth: number, alias: number | undefined): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    const target = resolveAlias(ctx, node);
    return target === undefined ? null : toPlain(ctx, target, depth, alias ?? node.range?.[0] ?? 0);
  }
  const start = (node as YamlNode).range?.[0] ?? 0;
  if (alias !== undefined && ++ctx.aliasValues > loaderLimits.maxAliasValues) {
    ctx.sink.error(ctx.at(alias), "yaml-limit",
      `Aliases in this file expand to more than ${loaderLimits.maxAliasValues.toLocaleString("en-US")} values (an alias bomb); definitions need a few hundred at most. Write the repeated part out, or nest aliases less.`);
    throw new LimitExceeded();
  }
  if (isScalar(node)) return scalarValue(ctx, node.value, start);
  if ((isSeq(node) || isMap(node)) && depth + 1 > loaderLimits.maxDepth) {
    ctx.sink.error(ctx.at(alias ?? start), "yaml-limit",
      alias !== undefined
        ? `This alias nests its value deeper than ${loaderLimits.maxDepth} levels (or contains itself); definitions nest about 6 deep.`
        : tooDeepMessage);
    throw new LimitExceeded();
  }
  if (isSeq(node)) return node.items.map((item) => toPlain(ctx, item, depth + 1, alias));
  if (isMap(node)) {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const seen = new Set<string>();
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const resolvedKey = isAlias(keyNode) ? resolveAlias(ctx, keyNode) : keyNode;
      const key = isScalar(resolvedKey) ? resolvedKey.value : undefined;
      const pos = ctx.at(alias ?? keyNode?.range?.[0] ?? start);
      if (typeof key !== "string") {
        ctx.sink.error(pos, "non-string-key", `Mapping keys must be plain strings; got ${describeKey(key)}.`);
        continue;
      }
      if (forbiddenKeys.has(key)) {
        ctx.sink.error(pos, "forbidden-key", `The key "${key}" is not allowed in a definition; remove it.`);
        continue;
      }
      if (loneSurrogate.test(key)) {
        ctx.sink.error(pos, "invalid-encoding", loneSurrogateMessage);
        ctx.unusable = true;
        continue;
      }
      if (seen.has(key)) {
        ctx.sink.error(pos, "duplicate-key", `The key "${key}" appears twice in one mapping; keep one of them.`);
        continue;
      }
      seen.add(key);
      out[key] = toPlain(ctx, pair.value, depth + 1, alias);
    }
    return out;
  }
  return null;
}

const loneSurrogateMessage =
  "A YAML escape here makes a lone UTF-16 surrogate (\\uD800–\\uDFFF), which has no UTF-8 form: every output would carry U+FFFD instead. Write the character itself, or both halves of its surrogate pair.";

function scalarValue(ctx: PlainContext, value: unknown, offset: number): unknown {
  if (typeof value === "string" && loneSurrogate.test(value)) {
    ctx.sink.error(ctx.at(offset), "invalid-encoding", loneSurrogateMessage);
    ctx.unusable = true;
  } else if (typeof value === "number" && !Number.isFinite(value)) {
    // YAML's .inf and .nan; JSON (and so every output) has no such number.
    ctx.sink.error(ctx.at(offset), "invalid-value", `${String(value)} (YAML ${Number.isNaN(value) ? ".nan" : ".inf"}) has no JSON form, since JSON numbers are finite; write a finite number.`);
    ctx.unusable = true;
  }
  return value;
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
