import type { Model } from "../model/model.js";
import { emitAdapterPackages } from "./adapters/emit-adapters.js";
import { emitCorePackage } from "./core-package/emit-core-package.js";
import { noMemo, type GeneratedFile, type Memo } from "./generated-file.js";
import { emitOpenApi } from "./openapi/emit-openapi.js";
import { assertOutputPaths } from "./output-path.js";
import { emitPythonPackage } from "./python-package/emit-python-package.js";
import { emitStaticJson } from "./static-json/emit-static-json.js";

/** An emitter: pure, model in, files out; `memo` may only speed it up (see `Memo`). */
export type Emitter = (model: Model, memo: Memo) => GeneratedFile[];

/** Every emitter, in the order their files are listed. */
export const emitters: readonly Emitter[] = [emitCorePackage, emitAdapterPackages, emitOpenApi, emitStaticJson, emitPythonPackage];

/** Runs every emitter; the files come back sorted by path (code-unit order). Throws on an unsafe path (output-path.ts). */
export function emitAll(model: Model, memo: Memo = noMemo): GeneratedFile[] {
  const files = emitters.flatMap((emit) => emit(model, memo));
  // Every path portable and inside the output folder, none twice even case-insensitively; the format
  // step checks again once compiled modules have their .js and .d.ts names.
  assertOutputPaths(files.map((f) => f.path));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
