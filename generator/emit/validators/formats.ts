// The JSON Schema formats the resource schemas use, as regular expressions. ajv's standalone code inlines
// a RegExp format as a literal, so the compiled validators need neither ajv nor ajv-formats at run time
// (a function format would be `require`d from ajv-formats instead).

import { fullFormats } from "ajv-formats/dist/formats.js";

// RFC 3339 §5.6 date-time: "T"/"t" separator, optional fraction, "Z"/"z" or a numeric offset. Day-of-month is
// checked against 31, not against the month: a regular expression cannot know February.
const dateTime =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i;

/** ajv-formats' RFC 3986 URI-reference expression (absolute URIs and relative references). */
function uriReference(): RegExp {
  const format = fullFormats["uri-reference"];
  if (!(format instanceof RegExp)) throw new Error("scim-codegen: ajv-formats' uri-reference is no longer a RegExp");
  return format;
}

/** RFC 3986 §4.3 absolute URI: a URI-reference that starts with a scheme. */
function uri(): RegExp {
  const reference = uriReference();
  return new RegExp(`^(?=[a-z][a-z0-9+\\-.]*:)${reference.source.slice(1)}`, reference.flags);
}

/** The formats, by JSON Schema name. */
export function regExpFormats(): { readonly [name: string]: RegExp } {
  return { "date-time": dateTime, uri: uri(), "uri-reference": uriReference() };
}
