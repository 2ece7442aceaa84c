import { readFileSync } from "node:fs";
import { printable } from "../diagnostics/diagnostic.js";

/** The environment variables npm sets for a script (all optional: a plain shell sets none). */
export type Env = Readonly<Record<string, string | undefined>>;

/** `word` as one POSIX shell word: bare when it holds only safe characters, else single-quoted. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const isCheck = (a: string): boolean => a === "--check";

/**
 * The commands that fix a drift, in the user's terms: what they ran, with its flags, minus `--check`.
 * `args` are the arguments after `generate`. Run from an npm script (`npm_lifecycle_event`), the npm
 * script comes first: `npm run generate` when `--check` was passed after `--`, or the script named like
 * this one with `generate` for `check` (`scim:check` → `scim:generate`) when the package has one.
 * Otherwise the direct command (`npx scim-codegen generate …`) is named; it works from the same folder.
 */
export function regenerateCommands(args: readonly string[], env: Env): string[] {
  const direct = ["npx", "scim-codegen", "generate", ...args.filter((a) => !isCheck(a))].map(shellQuote).join(" ");
  const event = env.npm_lifecycle_event;
  const commands: string[] = [];
  let sameScript = false;
  if (event && event !== "npx" && /^[A-Za-z0-9:_.-]+$/.test(event)) {
    const script = env.npm_lifecycle_script ?? "";
    const tokens = script.trim().split(/\s+/);
    const at = tokens.indexOf("generate");
    if (at >= 0 && !tokens.includes("--check")) {
      // `npm run <event> -- --check …`: npm appended our extra arguments to the script's own.
      const own = tokens.slice(at + 1);
      if (own.every((t, i) => args[i] === t)) {
        const extra = args.slice(own.length).filter((a) => !isCheck(a));
        sameScript = true;
        commands.push(`npm run ${event}${extra.length ? ` -- ${extra.map(shellQuote).join(" ")}` : ""}`);
      }
    } else if (at >= 0 && /check$/.test(event)) {
      const sibling = event.replace(/check$/, "generate");
      if (packageHasScript(env.npm_package_json, sibling)) commands.push(`npm run ${sibling}`);
    }
  }
  // `npm run x -- --check` is fixed by `npm run x`, the command the user typed minus --check. A script
  // that holds --check itself (scim:check) ran the bin: that command, and its sibling script.
  if (!sameScript) commands.push(direct);
  return commands.map(printable);
}

function packageHasScript(packageJson: string | undefined, name: string): boolean {
  if (!packageJson) return false;
  try {
    const pkg = JSON.parse(readFileSync(packageJson, "utf8")) as { scripts?: Record<string, unknown> };
    return typeof pkg.scripts?.[name] === "string";
  } catch {
    return false;
  }
}

/** The last line of a drift report. */
export function remedyLine(commands: readonly string[], outShown: string): string {
  const [first, ...others] = commands;
  const also = others.length ? ` (or ${others.map((c) => `\`${c}\``).join(", ")})` : "";
  return `Run \`${first}\`${also} and commit the result; never edit ${outShown}/ by hand.`;
}
