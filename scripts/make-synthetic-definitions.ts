// Writes a synthetic definition set about 50 times the default one (50 schemas, about 5,000
// attributes, 25 resource types) for the generator benchmark. Deterministic: same input, same files.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

const types = ["string", "boolean", "integer", "decimal", "dateTime", "reference", "binary"] as const;

function attribute(i: number, indent: string): string {
  const type = types[i % types.length]!;
  const lines = [`${indent}- name: attribute${i}`, `${indent}  type: ${type}`, `${indent}  description: Synthetic attribute ${i} of type ${type}.`];
  if (i % 5 === 0) lines.push(`${indent}  required: true`);
  if (i % 4 === 0) lines.push(`${indent}  multiValued: true`);
  if (type === "reference") lines.push(`${indent}  referenceTypes: [external, uri]`);
  if (type === "string" && i % 3 === 0) lines.push(`${indent}  canonicalValues: [work, home, other]`);
  if (i % 7 === 0) lines.push(`${indent}  mutability: immutable`, `${indent}  returned: always`);
  return lines.join("\n");
}

function schema(n: number, kind: "base" | "extension"): string {
  const id = kind === "base" ? `urn:example:scim:schemas:synthetic:2.0:Thing${n}` : `urn:example:scim:schemas:extension:synthetic:2.0:Thing${n}`;
  const out = [`id: ${id}`, `name: ${kind === "base" ? "Thing" : "ThingExtension"}${n}`, `description: Synthetic ${kind} schema ${n}.`, "attributes:"];
  // 80 simple attributes and 4 complex ones with 5 sub-attributes each: 100 attributes a schema.
  for (let i = 0; i < 80; i++) out.push(attribute(i, "  "));
  for (let c = 0; c < 4; c++) {
    out.push(`  - name: group${c}`, "    type: complex", "    multiValued: true", `    description: Synthetic complex attribute ${c}.`, "    subAttributes:");
    for (let s = 0; s < 5; s++) out.push(attribute(s + 1, "      "));
  }
  return `${out.join("\n")}\n`;
}

/** Writes the synthetic definitions into `dir` (which should be empty). */
export async function writeSyntheticDefinitions(dir: string, pairs = 25): Promise<void> {
  await mkdir(join(dir, "schemas"), { recursive: true });
  await mkdir(join(dir, "resource-types"), { recursive: true });
  await writeFile(
    join(dir, "service-provider-config.yaml"),
    `patch: { supported: true }
bulk: { supported: true, maxOperations: 100, maxPayloadSize: 1048576 }
filter: { supported: true, maxResults: 200 }
changePassword: { supported: false }
sort: { supported: true }
etag: { supported: true }
authenticationSchemes:
  - { type: oauthbearertoken, name: OAuth Bearer Token, description: Bearer tokens, primary: true }
codegen:
  filterOperators: [eq, ne, co, sw, pr, and, or]
`,
  );
  for (let n = 0; n < pairs; n++) {
    const name = n === 0 ? "User" : n === 1 ? "Group" : `Thing${n}`;
    await writeFile(join(dir, "schemas", `thing-${n}.yaml`), schema(n, "base"));
    await writeFile(join(dir, "schemas", `thing-${n}-extension.yaml`), schema(n, "extension"));
    await writeFile(
      join(dir, "resource-types", `thing-${n}.yaml`),
      `name: ${name}\nendpoint: /${name}s\ndescription: Synthetic resource type ${n}.\nschema: urn:example:scim:schemas:synthetic:2.0:Thing${n}\nschemaExtensions:\n  - schema: urn:example:scim:schemas:extension:synthetic:2.0:Thing${n}\n    required: false\n`,
    );
  }
}

if (process.argv[1]?.endsWith("make-synthetic-definitions.ts")) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write("usage: tsx scripts/make-synthetic-definitions.ts <dir>\n");
    process.exit(2);
  }
  await writeSyntheticDefinitions(dir);
  process.stdout.write(`wrote synthetic definitions to ${dir}\n`);
}
