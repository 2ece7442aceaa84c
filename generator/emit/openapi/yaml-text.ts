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
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false, compat: "yaml-1.1", customTags: portableStrings });
}
