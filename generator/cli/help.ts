import { configFileName } from "../load/config.js";

/** `scim-codegen --help`: the commands; each command has its own `--help`. */
export const mainHelp = `scim-codegen: SCIM 2.0 discovery endpoints from one YAML source of truth

Usage:
  scim-codegen init [--dir scim] [--adapters express,fastify]
  scim-codegen generate [--definitions DIR] [--out DIR] [--check | --watch] [--no-cache]
  scim-codegen check <baseUrl> [--token T] [--discovery-only] [--json]
  scim-codegen diff [--against <git-ref | folder>] [--json] [--format text|github]
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
  diff       Report the changes to the definitions since a git ref (default HEAD) or
             another folder; exit 1 on a breaking one. See \`scim-codegen diff --help\`.
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
                     hono, koa, next, node, and django, fastapi (one Python package) (default:
                     those your package.json depends on, else node). Written to
                     DIR/definitions/scim-codegen.yaml (adapters:), where you can change it later.
  -h, --help         Show this help.

Exit codes: 0 written; 2 usage error or a refusal (one line saying why; nothing written).
`;

/** `scim-codegen diff --help`. */
export const diffHelp = `Usage: scim-codegen diff [--against <git-ref | folder>] [--definitions DIR] [--json | --format text|github] [--no-cache]

Compares the model built from the current definitions with the model built from another
version of them, and prints each change as
  file:line:col - breaking|compatible CODE: what changed; who it affects
(the position in the current version, or in the other one for a removal), then a summary.
Models are compared, not files: moving an attribute within a file, renaming or reordering
files, reformatting YAML or editing comments is no change. The README's table of diff codes
says why each breaking change breaks a client.

A breaking change is accepted on purpose by an entry, with its reason, in
accepted-breaking-changes.yaml in the definitions folder:
  accepted:
    - code: attribute-removed
      subject: urn:ietf:params:scim:schemas:core:2.0:User:nickName
      reason: Never populated; the tenants that mapped it were moved (TICKET-42).
The report then says "accepted: <reason>".

Options:
  --against REF|DIR   The other version: a git ref of the repository holding the definitions
                      (HEAD, main, origin/main, a commit; read with git, never checked out), or
                      a definitions folder when a folder of that name exists. Default: HEAD.
  --definitions DIR   The current definitions folder (default: from ${configFileName},
                      else ./definitions).
  --json              Print the report as one JSON object.
  --format FORMAT     text (default), or github: GitHub Actions annotations (::error file=…).
  --no-cache          Do not read the transform cache that generate keeps in
                      node_modules/.cache/scim-codegen (diff never writes it).
  -h, --help          Show this help.

Exit codes: 0 no breaking change (or each one accepted); 1 a breaking change that is not
accepted; 2 usage error, not a git repository, no such ref, or invalid definitions on either
side or an invalid accepted-breaking-changes.yaml (the diagnostics say which).
`;
