import { minimalDefinitions } from "./minimal-definitions.js";

// Two versions of a definitions folder whose outputs differ in most files: the write from one to the other
// changes, adds and removes many files and folders. Used by the crash tests and the kill loop.

/** Two adapters, the User and Group resource types, the default package scope. */
export const oldDefinitions: Readonly<Record<string, string | null>> = {
  ...minimalDefinitions,
  "definitions/scim-codegen.yaml": "adapters: [express, node]\n",
};

/**
 * Another package scope (every package.json and import changes), one adapter fewer (its package goes), and
 * the Group definitions in files of other names (their modules and JSON Schemas move).
 */
export const changedDefinitions: Readonly<Record<string, string | null>> = {
  ...minimalDefinitions,
  "definitions/scim-codegen.yaml": 'packageScope: "@acme-scim"\nadapters: [node]\n',
  "definitions/resource-types/group.yaml": null,
  "definitions/schemas/group.yaml": null,
  "definitions/resource-types/team.yaml": minimalDefinitions["definitions/resource-types/group.yaml"] ?? null,
  "definitions/schemas/team.yaml": minimalDefinitions["definitions/schemas/group.yaml"] ?? null,
};
