// `node --import ./record-loads.mjs …`: appends the URL of every module the process loads (ES modules and
// CommonJS alike, through the module resolution hooks) to the file named by SCIM_RECORD_LOADS, one a line.
// The fast-path tests use it to prove that an unchanged run never loads the compiler's dependencies.
import { register } from "node:module";

register("./record-loads-hooks.mjs", import.meta.url, { data: { file: process.env.SCIM_RECORD_LOADS } });
