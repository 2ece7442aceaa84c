/** Splits a name such as `enterprise-user`, `x509Certificates` or `$ref` into words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `enterprise-user` → `EnterpriseUser`; a leading digit gets an underscore. */
export function pascalCase(name: string): string {
  const out = words(name).map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  return /^[0-9]/.test(out) ? `_${out}` : out || "_";
}

/** `enterprise-user` → `enterpriseUser`. */
export function camelCase(name: string): string {
  const p = pascalCase(name);
  return p.startsWith("_") ? p : p[0]!.toLowerCase() + p.slice(1);
}

/**
 * The base name of a definition file: `definitions/schemas/enterprise-user.yaml` → `enterprise-user`. It
 * names modules (`schemas/enterprise-user.js`), JSON Schema files and their relative `$id`, so it must
 * read the same as a file name, an import specifier and a URI reference: letters, digits, `-`, `_` and
 * inner dots. Anything else throws; validation rejects such file names first.
 */
export function fileStem(sourceName: string): string {
  const base = sourceName.slice(sourceName.lastIndexOf("/") + 1);
  const stem = base.replace(/\.ya?ml$/, "").replace(/\.schema$/, "");
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?$/.test(stem)) {
    throw new Error(`scim-codegen: the definition file ${JSON.stringify(sourceName)} cannot name a module; use letters, digits, - and _`);
  }
  return stem;
}
