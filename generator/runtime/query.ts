// Query parameters of discovery requests. RFC 7644 §4: the discovery endpoints take no query parameters
// except that a `filter` SHOULD be refused with 403, so the only question asked of a query is whether it
// carries a `filter`.

function decodeName(name: string): string {
  if (!name.includes("%") && !name.includes("+")) return name;
  try {
    // application/x-www-form-urlencoded: "+" is a space.
    return decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    return name; // malformed: it cannot be "filter" once decoded either way
  }
}

/** Whether a raw query string (without `?`) has a `filter` parameter, empty or not; the name matches case-insensitively. */
export function hasFilterParameter(query: string): boolean {
  // Fast exit for the usual empty query, and for queries that cannot spell "filter" even encoded.
  if (query.length < 6 || (!query.includes("%") && !/filter/i.test(query))) return false;
  let start = 0;
  while (start <= query.length) {
    let end = query.indexOf("&", start);
    if (end === -1) end = query.length;
    const equals = query.indexOf("=", start);
    const name = query.slice(start, equals !== -1 && equals < end ? equals : end);
    if (name.length >= 6 && decodeName(name).toLowerCase() === "filter") return true;
    start = end + 1;
  }
  return false;
}
