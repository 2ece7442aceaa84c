import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";

/** A JSON object as the tests read it from a file or a response. */
export type JsonObject = { readonly [key: string]: unknown };

/** The JSON file at `path`, parsed (the caller names what it expects). */
export async function readJsonFile<T = JsonObject>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, "utf8")) as T;
}

/** The JSON file at `path`, parsed, synchronously (for module-level tables). */
export function readJsonFileSync<T = JsonObject>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}
