import { configFileName } from "../load/config.js";

/** `scim-codegen --help`: the commands; each command has its own `--help`. */
export const mainHelp = `scim-codegen: SCIM 2.0 discovery endpoints from one YAML source of truth

Usage:
  scim-codegen init [--dir scim] [--adapters express,fastify]
  scim-codegen generate [--definitions DIR] [--out DIR] [--check | --watch] [--no-cache]
  scim-codegen check <baseUrl> [--token T] [--discovery-only] [--json]
  scim-codegen --version
  scim-codegen --help

Commands:
  init       Set scim-codegen up in your app: the default definitions, ${configFileName}
             and the npm scripts scim:generate and scim:check. See \`scim-codegen init --help\`.
  generate   Validate the definitions and write the generated packages, OpenAPI and JSON;
             --check compares instead (for CI), --watch regenerates on every change.
             See \`scim-codegen generate --help\`.
  check      Run the discovery conformance checks against a running SCIM service.
             See \`scim-codegen check --help\`.
`;

/** `scim-codegen generate --help`. */
export const generateHelp = `Usage: scim-codegen generate [--definitions DIR] [--out DIR] [--check | --watch] [--no-cache]

Validates the definitions (schemas, resource types, the ServiceProviderConfig and
scim-codegen.yaml) and writes the core package, the framework adapters named in
scim-codegen.yaml, the OpenAPI document, the JSON Schemas and the static discovery JSON.

Where: the flags, else ${configFileName} (found in the working directory or a parent, up
to the nearest folder with a package.json; its paths are relative to it), else ./definitions
and ./generated. A flag overrides the config; flags are relative to the working directory.

Options:
  --definitions DIR   The definitions folder.
  --out DIR           The output folder. The generator overwrites and deletes only the files
                      it wrote there (listed in its scim-codegen.manifest.json); it refuses a
                      folder that is, holds or sits in the definitions, holds .git or a
                      package.json it did not write, sits in a .git folder, or is reached
                      through a symbolic link (from the nearest folder it shares with the
                      working directory).
  --check             Change nothing; compare the output folder with what the definitions
                      produce and exit 1 on any changed, missing, orphan or foreign file (for
                      CI). A write that a killed run left unfinished is completed first.
  --watch             Generate, then again on every change of the definitions folder and of
                      ${configFileName}; print the diagnostics each time and keep running
                      after an error (a failed run leaves the output folder as it was).
                      Ctrl-C (SIGINT) or SIGTERM stops it after the run in progress.
  --no-cache          Do not read or write the transform cache in
                      node_modules/.cache/scim-codegen (it only saves time: output
                      is byte-identical with or without it).
  -h, --help          Show this help.

Exit codes: 0 success; 1 invalid definitions or drift found; 2 usage error, a config that
cannot be used, an output folder the generator may not use, or an I/O error (one line naming
the path and the error code; the output folder is left as it was).
`;

/** `scim-codegen init --help`. */
export const initHelp = `Usage: scim-codegen init [--dir DIR] [--adapters LIST]

Sets scim-codegen up in the app in the working directory (the folder with its package.json):
  DIR/definitions/          the default definitions (RFC 7643 User, Group, EnterpriseUser, a
                            ServiceProviderConfig) to edit; their yaml-language-server
                            comments point into the installed scim-codegen for editor help
  ${configFileName}  where the definitions and the output are, so that
                            \`scim-codegen generate\` and \`generate --check\` need no flags
  package.json              the scripts "scim:generate" and "scim:check" (nothing else changes)
The output goes to DIR/generated/ when you run \`npm run scim:generate\`.

It writes nothing if any of these files exists already, or either script does.

Options:
  --dir DIR          Folder for definitions/ and generated/, relative to the app (default: scim).
  --adapters LIST    Comma-separated frameworks to generate adapters for: express, fastify,
                     hono, koa, next, node (default: those your package.json depends on, else
                     node). Written to DIR/definitions/scim-codegen.yaml (adapters:), where you
                     can change it later.
  -h, --help         Show this help.

Exit codes: 0 written; 2 usage error or a refusal (one line saying why; nothing written).
`;
