// openapi.yaml must read the same in YAML 1.1 parsers (PyYAML; SnakeYAML, which openapi-generator uses)
// as in YAML 1.2 ones. YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029, refuses controls, DEL
// and U+FEFF, ends a plain scalar at a tab, and reads plain `yes`, `off`, `1:20`, `=` … as other types.
// The yaml package only reads YAML 1.2 lines, so a raw U+2028 is caught here by looking for it in the
// text, and by PyYAML when this machine has it (the test never installs it).

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { emitOpenApi } from "../../generator/emit/openapi/emit-openapi.js";
import { portableYaml } from "../../generator/emit/openapi/yaml-text.js";
import { yamlQuoted } from "../emit/hostile-strings.js";
import { loadModel } from "../helpers/load-model.js";
import { repoRoot } from "../helpers/repo.js";
import { readJsonFileSync } from "../helpers/json.js";

/** Characters a YAML 1.1 reader takes as a line break or refuses as not printable (YAML 1.1 §5.1, §5.4). */
const notYaml11Text = ["\u2028", "\u2029", "\u0085", "\t", "\u0000", "\u001b", "\u0001", "\u000b", "\r", "\u007f", "\u0080", "\u009b", "\u009f", "\ufeff", "\ufffe", "\uffff"];
/** Plain scalars that YAML 1.1 (§10.3 types repository) reads as something other than the string. */
const yaml11Types = ["yes", "No", "ON", "off", "y", "n", "=", "<<", "~", "null", "1:20", "190:20:30.15", "0b101", "1_000", "0o17", "017", "+12", ".5", "1e3", "-.inf", ".NaN", "2001-12-14", "2001-12-14t21:59:43.10-05:00"];

const hasPyYaml = spawnSync("python3", ["-c", "import yaml"], { stdio: "ignore" }).status === 0;

/** PyYAML's reading of `text` as JSON text, or its error. */
function pyYaml(text: string): { readonly value?: unknown; readonly error?: string } {
  const script = "import json, sys, yaml\nsys.stdout.write(json.dumps(yaml.safe_load(sys.stdin.buffer.read().decode('utf-8'))))";
  const run = spawnSync("python3", ["-c", script], { input: text, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) return { error: run.stderr.toString("utf8").trim().split("\n").slice(-2).join(" ") };
  return { value: JSON.parse(run.stdout.toString("utf8")) as unknown };
}

function expectSameInYaml11And12(text: string, want: unknown): void {
  expect(parseYaml(text), "YAML 1.2").toStrictEqual(want);
  expect(parseYaml(text, { version: "1.1" }), "YAML 1.1").toStrictEqual(want);
  for (const character of notYaml11Text) {
    expect(text.includes(character), `raw U+${character.charCodeAt(0).toString(16).padStart(4, "0")} in the YAML text`).toBe(false);
  }
  if (hasPyYaml) expect(pyYaml(text), "PyYAML").toStrictEqual({ value: want });
}

describe("openapi.yaml reads the same in YAML 1.1 and YAML 1.2", () => {
  it("descriptions holding line separators, controls and YAML 1.1 words", async () => {
    const descriptions = [
      "Line\u2028separator, paragraph\u2029separator, next\u0085line, a\ttab, NUL\u0000 and ESC\u001b[31m.",
      "\u2028leading and trailing\u2029",
      "DEL\u007f, CSI\u009b, BOM\ufeff and\nnewline",
      "yes",
      "=",
      "1:20",
    ];
    const model = await loadModel({
      "definitions/schemas/group.yaml": (text) =>
        text
          .replace("description: Group\n", `description: ${yamlQuoted(descriptions[0]!)}\n`)
          .replace("description: A human-readable name for the Group. REQUIRED.\n", `description: ${yamlQuoted(descriptions[1]!)}\n`)
          .replace("description: A list of members of the Group.\n", `description: ${yamlQuoted(descriptions[2]!)}\n`)
          .replace("description: Identifier of the member of this Group.\n", `description: ${yamlQuoted(descriptions[3]!)}\n`),
      "definitions/resource-types/group.yaml": (text) => text.replace(/^description: .*$/m, `description: ${yamlQuoted(descriptions[4]!)}`),
      "definitions/schemas/enterprise-user.yaml": (text) => text.replace(/^description: .*$/m, `description: ${yamlQuoted(descriptions[5]!)}`),
    });
    const files = emitOpenApi(model);
    const json = files.find((file) => file.path === "openapi/openapi.json")?.contents ?? "";
    const yaml = files.find((file) => file.path === "openapi/openapi.yaml")?.contents ?? "";
    for (const description of descriptions) expect(json, description).toContain(JSON.stringify(description).slice(1, -1));
    expectSameInYaml11And12(yaml, JSON.parse(json));
  });

  it("the repository's openapi.yaml", () => {
    const yaml = readFileSync(`${repoRoot}generated/openapi/openapi.yaml`, "utf8");
    expectSameInYaml11And12(yaml, readJsonFileSync(`${repoRoot}generated/openapi/openapi.json`));
  });

  it("every BMP character between letters, Latin-1 and the YAML 1.1 breaks alone; YAML 1.1 words as values and keys", () => {
    const strings: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // lone surrogates: the loader refuses them
      strings.push(`a${String.fromCharCode(code)}b`);
      if (code <= 0xff) strings.push(String.fromCharCode(code), ` ${String.fromCharCode(code)} `);
    }
    strings.push(...notYaml11Text, ...notYaml11Text.map((character) => ` ${character}\n${character} `), "\u{1F600}", "a\u{10FFFF}b", ...yaml11Types);
    const value = { list: strings, keys: Object.fromEntries([...notYaml11Text, ...yaml11Types, "plain"].map((key) => [key, key])) };
    expectSameInYaml11And12(portableYaml(value), value);
  });
});
