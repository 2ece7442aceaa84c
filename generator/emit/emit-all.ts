import type { Model } from "../model/model.js";
import { emitAdapterPackages } from "./adapters/emit-adapters.js";
import { emitCorePackage } from "./core-package/emit-core-package.js";
import { noMemo, type GeneratedFile, type Memo } from "./generated-file.js";
import { emitOpenApi } from "./openapi/emit-openapi.js";
import { emitStaticJson } from "./static-json/emit-static-json.js";

/** An emitter: pure, model in, files out; `memo` may only speed it up (see `Memo`). */
export type Emitter = (model: Model, memo: Memo) => GeneratedFile[];

/** Every emitter, in the order their files are listed. */
export const emitters: readonly Emitter[] = [emitCorePackage, emitAdapterPackages, emitOpenApi, emitStaticJson];

/** Runs every emitter; the files come back sorted by path (code-unit order). */
export function emitAll(model: Model, memo: Memo = noMemo): GeneratedFile[] {
  const files = emitters.flatMap((emit) => emit(model, memo));
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`scim-codegen: two emitters produce ${f.path}`);
    seen.add(f.path);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
