import { stringify, type Scalar, type ScalarTag, type Tags } from "yaml";

// openapi.yaml is read by YAML 1.1 parsers too: PyYAML, and SnakeYAML inside openapi-generator. The
// yaml package writes YAML 1.2, where the two disagree:
//  - YAML 1.1 §5.4 also breaks lines at U+0085, U+2028 and U+2029, inside quoted scalars too: written
//    raw, such a character ends a plain scalar ("could not find expected ':'") or folds to a space. A
//    tab ends a plain scalar in PyYAML. C0/C1 controls, DEL, U+FEFF, U+FFFE and U+FFFF are not
//    printable (§5.1) and stop the reader. The yaml package leaves all of these raw (it escapes what
//    JSON.stringify escapes), so a string holding one is written here, double-quoted, with every such
//    character escaped (§5.7); a string with `\n` alone keeps the package's block style.
//  - Plain `yes`, `off`, `1:20`, `0b101`, `1_000`, `2001-12-14` … are booleans, numbers and dates in
//    YAML 1.1 (§10.3 types repository): `compat: "yaml-1.1"` makes the package quote them. Plain `=` is
//    the YAML 1.1 value key, which PyYAML cannot construct: it is quoted too.
// Lone surrogates cannot occur: the loader refuses them.

/** The characters a YAML 1.1 reader would break a line at, or refuse, or (tab) end a plain scalar at. */
const notPortable = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

// YAML 1.1 §5.7 escapes; the rest of notPortable is written as \xXX or \uXXXX.
const namedEscapes: Readonly<Record<string, string>> = {
  "\u0000": "\\0",
  "\u0007": "\\a",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\u000b": "\\v",
  "\f": "\\f",
  "\r": "\\r",
  "\u001b": "\\e",
  '"': '\\"',
  "\\": "\\\\",
  "\u0085": "\\N",
  "\u2028": "\\L",
  "\u2029": "\\P",
};

/** `value` as one double-quoted YAML scalar that reads the same in YAML 1.1 and 1.2, on one line. */
export function portableDoubleQuoted(value: string): string {
  let text = '"';
  for (const character of value) {
    const named = namedEscapes[character];
    if (named !== undefined) text += named;
    else if (!notPortable.test(character)) text += character;
    else {
      const code = character.charCodeAt(0);
      text += code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${code.toString(16).toUpperCase()}`;
    }
  }
  return `${text}"`;
}

const stringTagName = "tag:yaml.org,2002:str";

function portableStrings(tags: Tags): Tags {
  return tags.map((tag) => {
    if (typeof tag === "string" || tag.tag !== stringTagName || !("stringify" in tag) || tag.stringify === undefined) return tag;
    const stringifyString = tag.stringify;
    const portable: ScalarTag = {
      ...(tag as ScalarTag),
      stringify(item: Scalar, ctx, onComment, onChompKeep) {
        const value = String(item.value);
        if (notPortable.test(value) || value === "=") return portableDoubleQuoted(value);
        return stringifyString(item, ctx, onComment, onChompKeep);
      },
    };
    return portable;
  });
}

/** Serialises a JSON-shaped value as YAML that YAML 1.1 and YAML 1.2 parsers read as the same value. */
export function portableYaml(value: unknown): string {
  return isNonEmptyMap(value) ? blockMapText(value, piecesDepth) : wholeYaml(value);
}

// The yaml package builds a node for every pair and scalar before it writes any text: for the OpenAPI of a
// large definition set (8.7 MB of JSON) that tree and its garbage were 200 MB of heap. A block map is
// therefore written entry by entry, and a nested non-empty map under its key two spaces in, each piece by
// the package itself: with `lineWidth: 0` nothing the package writes depends on the column it starts at
// (no folding), no anchors are made (`aliasDuplicateObjects: false`) and no pair's text depends on its
// siblings, so the pieces joined are the whole document's text, byte for byte
// (test/generator/yaml-pieces.test.ts compares them on awkward values and on the OpenAPI documents).
const options = { lineWidth: 0, aliasDuplicateObjects: false, compat: "yaml-1.1", customTags: portableStrings } as const;

/** `portableYaml` written by the package in one piece: what the pieces must equal (tests compare them). */
export function wholeYaml(value: unknown): string {
  return stringify(value, options);
}

function isNonEmptyMap(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && Object.keys(value).length > 0;
}

// Pieces down to this many levels of maps (the OpenAPI's `paths`, then each path; `components`, `schemas`,
// then each schema): small enough for memory, few enough that the package's set-up per piece costs nothing.
const piecesDepth = 3;

function blockMapText(map: Readonly<Record<string, unknown>>, depth: number): string {
  let text = "";
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue; // as the package does: a pair with an undefined value is left out
    // The key as the package writes it, from a pair whose value is written on the key's own line.
    const nested = depth > 1 && isNonEmptyMap(value) ? value : undefined;
    const keyLine = nested === undefined ? "" : wholeYaml({ [key]: null });
    if (nested !== undefined && keyLine.endsWith(": null\n") && !keyLine.startsWith("? ")) {
      text += `${keyLine.slice(0, -" null\n".length)}\n${indented(blockMapText(nested, depth - 1))}`;
    } else {
      text += wholeYaml({ [key]: value });
    }
  }
  return text;
}

/** Each non-empty line two spaces in, as the package indents a nested block (empty lines stay empty). */
function indented(text: string): string {
  return text.replace(/^(?=[^\n])/gm, "  ");
}
