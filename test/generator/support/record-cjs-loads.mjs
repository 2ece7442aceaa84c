// `node --import ./record-cjs-loads.mjs …`: when the process exits, writes the path of every CommonJS module
// it loaded (Node's require cache, which holds the modules `require()` loads and those ES modules import
// alike) to the file named by SCIM_RECORD_CJS_LOADS, one a line. Module hooks do not see a `require()`
// made inside CommonJS code on Node 20, so the `diff` loading test reads the cache instead.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const file = process.env.SCIM_RECORD_CJS_LOADS;
const requireCache = createRequire(import.meta.url).cache;
if (file) process.on("exit", () => writeFileSync(file, Object.keys(requireCache).join("\n")));
