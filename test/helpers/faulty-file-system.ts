import { nodeFileSystem, type OutputFileSystem } from "../../generator/output/file-system.js";
import { FileError } from "../../generator/file-error.js";

/** A file-system call as the faulty file system saw it. */
export interface Call {
  readonly index: number;
  readonly method: keyof OutputFileSystem;
  readonly path: string;
}

/** Thrown by the crashing file system: the process "died" here; nothing after it may run. */
export class SimulatedCrash extends Error {}

/**
 * The real file system, with every call counted and one chosen call made to fail: `fail` decides, from the
 * call, whether it fails and how (an error code: the call throws the FileError the real one would; "crash":
 * this call and every later one throw SimulatedCrash, as if the process had been killed, so no cleanup runs).
 */
export function faultyFileSystem(fail: (call: Call) => string | "crash" | undefined): { readonly fs: OutputFileSystem; readonly calls: Call[] } {
  const calls: Call[] = [];
  let crashed = false;
  const wrap = <K extends keyof OutputFileSystem>(method: K): OutputFileSystem[K] =>
    (async (path: string, ...rest: unknown[]) => {
      if (crashed) throw new SimulatedCrash("already crashed");
      const call: Call = { index: calls.length, method, path };
      calls.push(call);
      const outcome = fail(call);
      if (outcome === "crash") {
        crashed = true;
        throw new SimulatedCrash(`crash at call ${call.index} (${method} ${path})`);
      }
      if (outcome !== undefined) throw new FileError(path, outcome, `cannot ${method}: ${outcome} (injected)`);
      return (nodeFileSystem[method] as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
    }) as OutputFileSystem[K];
  const fs = Object.fromEntries(Object.keys(nodeFileSystem).map((m) => [m, wrap(m as keyof OutputFileSystem)])) as unknown as OutputFileSystem;
  return { fs, calls };
}
