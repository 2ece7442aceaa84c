// The one place where a value from the definitions becomes text of an output file: one function per
// target (HOUSE-STYLE, "Safety by construction"). Every name, description, URN or endpoint reaches code,
// a comment, Markdown, a URL or a file name through exactly one of these, never through textual
// find-and-replace over emitted text. Where a value lands in a nested context (a code span in a table
// cell, a JavaScript string in a fenced block), the inner target's escaper runs first and the outer one
// takes Markdown it made (`markdownCell`, `markdownFence`), so each layer is escaped once, for itself.
// File names are built by output-path.ts from `fileNameSegment`, which lives in generator/names.ts
// (re-exported here) because validation measures the file names it makes.

import { percentEncode } from "../names.js";

export { fileNameSegment, windowsDeviceName } from "../names.js";

// Characters a value must not carry raw into code or comments:
// - C0 and C1 controls and DEL: invisible, and CR ends a `//` comment;
// - U+2028/U+2029: line terminators to JavaScript (they end a `//` comment, and parsers older than
//   ES2019 reject them in strings);
// - the Unicode bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069): they make
//   code display in another order than it runs ("Trojan Source", CVE-2021-42574);
// - U+FEFF, a byte order mark that tools strip or choke on when it is not first in a file.
const otherInvisible = "\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff";
const invisible = `\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f${otherInvisible}`;
const lineTerminators = "\\r\\n\\u2028\\u2029";

/** `\u2028`: the six-character JavaScript escape of one UTF-16 code unit. */
function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

// In JSON.stringify output these characters occur only inside strings (JSON's own syntax is ASCII
// punctuation, digits and letters), so escaping them there changes no value and no structure.
// (JSON.stringify has already escaped the C0 controls.)
const jsUnsafe = new RegExp(`[<\\u2028\\u2029${otherInvisible}]`, "g");

/**
 * A JavaScript/TypeScript expression for JSON data (a document, a rules table): `JSON.stringify`, which
 * escapes quotes, backslashes, C0 controls and lone surrogates, plus `<` (so `</script>` and `<!--`
 * cannot end or alter an inline script), U+2028/U+2029, DEL, C1 and bidirectional controls as `\uXXXX`.
 * The result parses to the same value in every JavaScript parser and in JSON, and holds no line
 * terminator inside a string. `indent` as for `JSON.stringify`.
 */
export function jsData(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  if (json === undefined) throw new Error(`scim-codegen: ${String(value)} has no JSON form`);
  return json.replace(jsUnsafe, unicodeEscape);
}

/** A JavaScript/TypeScript string literal of `value`, double-quoted (see `jsData`): for code, types and property names. */
export function jsString(value: string): string {
  return jsData(String(value));
}

// Comment text is for readers, so escapes there are visible text (`\u0000`), not decoded by anything.
const commentInvisible = new RegExp(`[${invisible}]`, "g");
const anyLineTerminator = new RegExp(`\\r\\n?|[${lineTerminators}]`, "g");

/**
 * Text for a JSDoc or block comment (`/** … *\/`; ts-morph's `docs`): `*\/` cannot end the comment (it
 * becomes `*\/`), every line break becomes `\n` (ts-morph starts each line with ` * `), and controls
 * and bidirectional marks are shown as `\uXXXX`. Lossy on purpose: a comment only has to read right.
 */
export function docComment(text: string): string {
  return String(text)
    .replace(anyLineTerminator, "\n")
    .replace(commentInvisible, unicodeEscape)
    .replace(/\*\//g, "*\\/");
}

/**
 * Text for one line of a comment, `//` or block (a generated file's header, a template's `jsdoc`
 * helper): as `docComment`, and no line terminator of any kind (CR, LF, U+2028, U+2029), so nothing
 * after it on the line or below can become code. Idempotent: escaping the result again changes nothing.
 */
export function lineComment(text: string): string {
  return String(text)
    .replace(anyLineTerminator, (t) => (t === "\r\n" ? "\\r\\n" : unicodeEscape(t)))
    .replace(commentInvisible, unicodeEscape)
    .replace(/\*\//g, "*\\/");
}

/**
 * Text inside an HTML comment (`<!-- … -->`, the first line of a generated Markdown file): no `--`
 * (which `-->` and `--!>` need), no `<` or `>`, one line.
 */
export function htmlCommentText(text: string): string {
  return lineComment(text)
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/--/g, "-&#45;");
}

// Markdown (CommonMark 0.31 with GitHub's extensions: tables, strikethrough, autolinks, math).

/** Markdown has no escape for a control character; show it as `\uXXXX`. CommonMark's line endings are CR and LF only. */
function markdownLine(text: string): string {
  return String(text)
    .replace(/\r\n?|\n|[\u2028\u2029]/g, " ")
    .replace(commentInvisible, unicodeEscape);
}

/**
 * Inline Markdown text that renders as exactly `text`: a heading, a sentence, a list item. Backslash
 * escapes (CommonMark §2.4) on every character that could start markup here — emphasis, strikethrough,
 * code, links and images, raw HTML and entities, table pipes, math, a closing `#` sequence — and on a
 * leading one that could start a block (`-`, `+`, `=`, `1.`); line breaks become spaces, so a value cannot
 * add a heading, a table row, a tag or a line of its own.
 */
export function markdownText(text: string): string {
  return markdownLine(text)
    .replace(/[\\`*_[\]<>#|~&$!]/g, "\\$&")
    .replace(/^(\s*)([-+=])/, "$1\\$2")
    .replace(/^(\s*)(\d+)([.)])/, "$1$2\\$3");
}

/**
 * An inline code span showing exactly `text` (CommonMark §6.1): delimited by a backtick run that occurs
 * nowhere inside, padded with a space where the text starts or ends with a backtick or with spaces
 * on both sides; line breaks become spaces (which a code span renders anyway), so the span cannot end
 * the paragraph. Inside a table, pass the cell through `markdownCell` as well. An empty text shows as one
 * space.
 */
export function markdownCode(text: string): string {
  const content = markdownLine(text);
  const runs = new Set((content.match(/`+/g) ?? []).map((r) => r.length));
  let n = 1;
  while (runs.has(n)) n++;
  const fence = "`".repeat(n);
  // CommonMark has no empty code span; a single space is the nearest.
  if (content === "") return "` `";
  const pad = content.startsWith("`") || content.endsWith("`") || /^ .*[^ ].* $/.test(content) ? " " : "";
  return `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * One GitHub table cell holding `markdown` (inline Markdown already made by `markdownText` or
 * `markdownCode`): every `|` ends up escaped, code spans included, and line breaks become spaces, so the
 * cell cannot add a column or a row. GFM (§4.10, cmark-gfm) splits a row before inline parsing, reading
 * `\` + any punctuation as one pair: a pipe after an odd run of backslashes is escaped, so a pipe after an
 * even run (none included) gets one more. GFM then drops the backslash before each pipe, which restores
 * `markdownText`'s text exactly; inside a code span a value's own `\|` shows as `|` (GFM has no way to keep
 * it), which changes how it reads, not the table.
 */
export function markdownCell(markdown: string): string {
  return markdownLine(markdown).replace(/(\\*)\|/g, (_, slashes: string) => (slashes.length % 2 === 0 ? `${slashes}\\|` : `${slashes}|`));
}

/**
 * A fenced code block (CommonMark §4.5) holding `code` as is: the fence is a backtick run longer than
 * any inside, so no line of `code` can close it. `info` is the language (`ts`, `sh`); values inside
 * `code` must already be escaped for that language (`jsString`, `lineComment`).
 */
export function markdownFence(code: string, info: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  if (/[`\r\n]/.test(info)) throw new Error(`scim-codegen: ${JSON.stringify(info)} is not a code block's info string`);
  return `${fence}${info}\n${code.replace(/\r\n?/g, "\n")}\n${fence}`;
}

/**
 * One URL path segment (RFC 3986 §3.3) naming `text`, for URLs shown in READMEs and comments: every
 * character but letters, digits, `-._~:@` percent-encoded. That is stricter than `pchar` on purpose:
 * the sub-delimiters (`$&'()*;` …) stay out, so the URL is also one safe word in a shell command, and the
 * result holds no backtick, `|`, space or line break for Markdown or a comment to trip on. Servers
 * decode it back to `text` (the discovery runtime accepts raw and encoded URIs).
 */
export function urlPathSegment(text: string): string {
  return percentEncode(text, /^[A-Za-z0-9\-._~:@]$/);
}

/**
 * The message of a GitHub Actions workflow command (`::error file=…::<message>`), as the runner's
 * toolkit escapes it (actions/toolkit `escapeData`): `%`, CR and LF percent-encoded, so a value cannot end
 * the command or start another one on a new line.
 */
export function githubAnnotationMessage(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/**
 * A property value of a GitHub Actions workflow command (`file=`, `title=`): as a message, plus `:` and
 * `,`, which end a property (actions/toolkit `escapeProperty`).
 */
export function githubAnnotationProperty(text: string): string {
  return githubAnnotationMessage(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// Python (3.10 and later) and the TOML of pyproject.toml.

// What must not stand raw in a Python string literal, beyond what JSON.stringify escapes: DEL, C1 (NEL,
// U+0085, is a line break to `str.splitlines` and to editors), U+2028/U+2029, the bidirectional controls
// ("Trojan Source", CVE-2021-42574) and U+FEFF. Python's `\uXXXX` means what JSON's does.
const pythonUnsafe = new RegExp(`[\\u2028\\u2029${otherInvisible}]`, "g");

/**
 * A Python expression for JSON data (a discovery document): `dict`, `list`, `str`, `int`/`float`, `True`,
 * `False`, `None`, built value by value (never by rewriting JSON text), so a string can only ever be a
 * string literal. Strings are `pyString`; keys keep their order (Python dicts do too). `indent` as for
 * `JSON.stringify`: the lines then match `JSON.stringify(value, null, indent)` line for line.
 */
export function pyData(value: unknown, indent = 0): string {
  return pythonValue(value, indent > 0 ? " ".repeat(indent) : "", "");
}

function pythonValue(value: unknown, step: string, current: string): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return pyString(value);
  if (typeof value === "number") {
    // JSON numbers are Python literals as JSON.stringify writes them (1, 1.5, 1e+21); NaN and Infinity have no JSON form.
    if (!Number.isFinite(value)) throw new Error(`scim-codegen: ${String(value)} has no JSON form`);
    return JSON.stringify(value);
  }
  const inner = current + step;
  const open = step === "" ? "" : `\n${inner}`;
  const close = step === "" ? "" : `\n${current}`;
  const comma = step === "" ? ", " : `,\n${inner}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[${open}${value.map((item) => pythonValue(item, step, inner)).join(comma)}${close}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{${open}${entries.map(([k, v]) => `${pyString(k)}: ${pythonValue(v, step, inner)}`).join(comma)}${close}}`;
  }
  throw new Error(`scim-codegen: a ${typeof value} has no JSON form`);
}

/**
 * A Python `str` literal of `value`, double-quoted: `JSON.stringify`'s escapes (`\"`, `\\`, `\n`, `\t`,
 * `\uXXXX` for controls and lone surrogates) mean the same in Python, and the characters in `pythonUnsafe`
 * are escaped as `\uXXXX` too, so the literal is one line of printable text that evaluates to exactly
 * `value`. No prefix (never an f-string, never raw), so `{`, `}` and `\N{…}` are plain text.
 */
export function pyString(value: string): string {
  return JSON.stringify(String(value)).replace(pythonUnsafe, unicodeEscape);
}

/**
 * Text for one `#` comment line in Python or TOML: as `lineComment` (no line terminator, no control
 * character, which TOML forbids in comments), and no PEP 263 encoding declaration: `coding:` or `coding=`
 * on the first two lines would make Python decode the file in another encoding, so the `:` or `=` after
 * `coding` is shown as `\u003a` / `\u003d`.
 */
export function hashComment(text: string): string {
  return lineComment(text).replace(/(coding)([:=])/gi, (_, word: string, sign: string) => `${word}${unicodeEscape(sign)}`);
}

/**
 * A TOML basic string (TOML 1.0 §String) of `value`: TOML's escapes `\"`, `\\`, `\b`, `\t`, `\n`, `\f`,
 * `\r` and `\uXXXX` are JSON's; DEL (which TOML forbids raw) and the characters `pyString` escapes are
 * escaped too. A lone surrogate has no TOML form: a generator bug (definitions cannot hold one).
 */
export function tomlString(value: string): string {
  if (/\p{Cs}/u.test(value)) throw new Error(`scim-codegen: ${JSON.stringify(value)} holds a lone surrogate, which TOML cannot hold`);
  return pyString(value);
}
