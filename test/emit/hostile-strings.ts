// The hostile alphabet of the escaping tests: pieces that end or open a context in some output the
// generator writes (JavaScript strings, comments, template literals, HTML, Markdown, YAML, Handlebars,
// URLs, file names), payloads that would show if they ran, and characters that parsers and terminals
// treat specially. Strings are drawn from it with the project's seeded generator, so a failure repeats.

/**
 * Side effects a payload would have if it ever ran as code: the child process that imports the generated
 * packages checks each (exit code, global flag, output).
 */
export const payloads = [
  "x */ process.exit(42); /*",
  '"); process.exit(43); ("',
  "\u2028process.exit(44)//",
  "</script><script>process.exit(45)</script>",
  "${process.exit(46)}",
  "`+process.exit(47)+`",
  "*/ globalThis.__scimCodegenPwned = 1; /*",
  "\n/* */ console.log('PWNED') //",
  "'; globalThis.__scimCodegenPwned = 2; '",
] as const;

/** Every piece, each a reason on its own. */
export const hostilePieces: readonly string[] = [
  ...payloads,
  // JavaScript and TypeScript: comment and string delimiters, escapes, template literals.
  "*/", "/*", "//", "/**", "'", '"', "`", "${", "}", "\\", "\\u", "\\u2028", "\\x", "\\0", "\\\n",
  // HTML and script blocks.
  "</script>", "<script>", "<!--", "-->", "--!>", "<img src=x onerror=alert(1)>", "&lt;", "&#x3c;", "&amp;",
  // Line terminators, controls, invisible and bidirectional characters, BOM.
  "\u2028", "\u2029", "\n", "\r", "\r\n", "\t", "\u0000", "\u0001", "\u0008", "\u000b", "\u001b[31m", "\u007f", "\u0085", "\u009b",
  "\u061c", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\u00a0",
  // Astral characters and emoji. (Not lone surrogates: no UTF-8 file can hold one, so the loader refuses a
  // YAML escape that makes one with a positioned invalid-encoding diagnostic; see definition-safety.test.ts.)
  "\u{1F600}", "\u{1F468}\u200d\u{1F469}\u200d\u{1F467}", "\u{10FFFF}",
  // Markdown: headings, rules, tables, fences, code, emphasis, links, math.
  "#", "# Heading", "\n# Heading\n", "---", "\n---\n", "|", "| a | b |", "\n| x | y |\n", "```", "````", "~~~", "\n```\n",
  "*", "**", "_", "__", "~~", "[x](javascript:alert(1))", "![i](x)", "$", "$$", "\\|", "1. ", "- ", "+ ", "> ", "    ",
  // Handlebars and our own former placeholder.
  // The old placeholders spelt the constants' names: those of the test's definition files (s0…s2, r0, r1).
  "{{", "}}", "{{literal x}}", "{{{x}}}", "__scimCodegenLiteral_groupSchema__", "__scimCodegenLiteral_x__",
  "__scimCodegenLiteral_s0Schema__", "__scimCodegenLiteral_s2Schema__", "__scimCodegenLiteral_r0ResourceType__",
  "__scimCodegenLiteral_serviceProviderConfig__",
  // URLs and paths.
  "%", "%00", "%2F", "../", "..\\", "/", "?", "#x", ":", "@", ";", "&", "=", "+", ",", "C:\\", "CON", "nul.json", " ", "",
  // YAML.
  "- ", ": ", "? ", "!!js/function", "&anchor", "*alias", "%YAML",
];

/** A string of 1–`max` random pieces, sometimes with plain text between them. */
export function hostileString(random: () => number, max = 6): string {
  const count = 1 + Math.floor(random() * max);
  let out = "";
  for (let i = 0; i < count; i++) {
    out += hostilePieces[Math.floor(random() * hostilePieces.length)]!;
    if (random() < 0.3) out += "text";
  }
  return out;
}

/** A YAML 1.2 double-quoted scalar holding exactly `value`: every code unit outside printable ASCII as `\uXXXX`. */
export function yamlQuoted(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c >= 0x20 && c < 0x7f) out += value[i];
    else out += `\\u${c.toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}
