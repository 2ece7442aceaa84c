// The programmatic entry of scim-codegen (`import { runGenerate } from "scim-codegen"`): the whole
// pipeline, load → validate → model → emit → format → write or check. Each step lives in its own module;
// this one gathers them.

export { compileDefinitions, compileModel, type CompileResult } from "./compile.js";
export { runGenerate, type GenerateOptions, type GenerateResult } from "./run-generate.js";
