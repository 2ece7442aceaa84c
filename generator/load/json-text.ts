/**
 * Where JSON text first goes wrong, as `line:col` and a short reason: JSON.parse's messages differ
 * between V8 versions and some carry no position, so a config or package.json mistake is located
 * by a scan of our own (RFC 8259 grammar; no recursion, so no nesting can overflow it).
 */
export interface JsonProblem {
  readonly line: number;
  readonly col: number;
  readonly reason: string;
}

/** Undefined when `text` is valid JSON (a leading BOM is ignored). */
export function jsonProblem(text: string): JsonProblem | undefined {
  const s = text.replace(/^\uFEFF/, "");
  let i = 0;
  const fail = (reason: string): JsonProblem => {
    const before = s.slice(0, i).split("\n");
    return { line: before.length, col: before[before.length - 1]!.length + 1, reason };
  };
  const found = (): string => (i >= s.length ? "the end of the file" : JSON.stringify(s[i]));
  const ws = (): void => {
    while (i < s.length && " \t\n\r".includes(s[i]!)) i++;
  };
  const stack: ("{" | "[")[] = [];
  // States: expecting a value, or what follows a value inside the innermost container.
  let expectValue = true;
  let expectKey = false;
  for (;;) {
    ws();
    if (expectKey) {
      if (s[i] !== '"') return fail(`expected a double-quoted key, found ${found()}`);
      const e = scanString(s, i);
      if (typeof e === "string") return fail(e);
      i = e;
      ws();
      if (s[i] !== ":") return fail(`expected ":" after the key, found ${found()}`);
      i++;
      expectKey = false;
      expectValue = true;
      continue;
    }
    if (expectValue) {
      const c = s[i];
      if (c === "{" || c === "[") {
        stack.push(c);
        i++;
        ws();
        if (s[i] === (c === "{" ? "}" : "]")) {
          i++;
          stack.pop();
          expectValue = false;
        } else if (c === "{") expectKey = true;
        continue;
      }
      if (c === '"') {
        const e = scanString(s, i);
        if (typeof e === "string") return fail(e);
        i = e;
      } else {
        const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(s.slice(i, i + 400));
        if (!m) return fail(`expected a value, found ${found()}`);
        i += m[0].length;
      }
      expectValue = false;
      continue;
    }
    // After a value.
    const top = stack[stack.length - 1];
    if (top === undefined) return i >= s.length ? undefined : fail(`expected the end of the file, found ${found()}`);
    const close = top === "{" ? "}" : "]";
    if (s[i] === close) {
      i++;
      stack.pop();
      continue;
    }
    if (s[i] !== ",") return fail(`expected "," or "${close}", found ${found()}`);
    i++;
    ws();
    if (s[i] === close) return fail(`a trailing comma is not JSON; remove it`);
    if (top === "{") expectKey = true;
    else expectValue = true;
  }
}

/** The index after the string that starts at `at`, or why it is not a JSON string. */
function scanString(s: string, at: number): number | string {
  for (let i = at + 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"') return i + 1;
    if (c === "\\") {
      if (!/^(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})/.test(s.slice(i + 1, i + 6))) return "an invalid escape in a string";
      i++;
    } else if (c < " ") return "a control character or line break inside a string";
  }
  return "a string that never ends";
}
