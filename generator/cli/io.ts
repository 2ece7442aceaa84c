import type { Env } from "./remedy.js";

/** Where a command writes, and the environment it reads (tests pass their own). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** npm's script variables (npm_lifecycle_event, …); default: process.env. */
  readonly env?: Env;
}

export const processIo: CliIo = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};
