// Problems with files and folders that are not bugs: a definitions file that cannot be read, an output
// folder the generator may not use, a file system that fails. Each reaches the user as one line naming the
// path and what is wrong, exit code 2, never a stack trace: they are facts about the machine or the command
// line, not about the generator or the definitions.

import { isAbsolute, relative, sep } from "node:path";
import { printable } from "./diagnostics/diagnostic.js";

/** A file or folder that the generator cannot or may not read or write. */
export class FileError extends Error {
  override readonly name = "FileError";

  /**
   * @param path the file or folder concerned, absolute (shown relative to the working directory)
   * @param code a Node error code (`EACCES`, `ENOSPC`, …) for a failed system call, or a refusal code
   *   (`foreign-file`, `symlink`, …) when the generator declines to touch something
   * @param reason what is wrong and what would be right, without the path
   */
  constructor(
    readonly path: string,
    readonly code: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

// What each error code means, for the one line the user sees (errno(3) wording, shortened).
const errorCodes: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  ENOENT: "no such file or folder",
  ENOTDIR: "a path component is a file, not a folder",
  EISDIR: "is a folder, not a file",
  EEXIST: "already exists",
  ENOTEMPTY: "folder not empty",
  EXDEV: "crosses a file-system boundary (a mount inside the folder)",
  EIO: "input/output error",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  ENAMETOOLONG: "file name too long",
  ELOOP: "too many levels of symbolic links",
  EBUSY: "resource busy",
  ETXTBSY: "file busy",
  ERR_INVALID_ARG_VALUE: "not a valid path (it holds a NUL character)",
  ERR_INVALID_ARG_TYPE: "not a valid path",
};

/**
 * A failed file-system call as a {@link FileError} naming `path`, what was being done and the error's code.
 * Anything that is not a file-system error (a bug) is rethrown as it is.
 */
export function fileSystemError(err: unknown, path: string, doing: string): FileError {
  if (err instanceof FileError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !(code in errorCodes || /^E[A-Z]+$/.test(code))) throw err;
  return new FileError(path, code, `cannot ${doing}: ${code} (${errorCodes[code] ?? "file-system error"})`);
}

/**
 * `path` as the user should see it: relative to `cwd` (`../scim/generated` from a folder beside it: an
 * absolute path would put the machine's layout into CI logs), POSIX separators, control characters
 * escaped. Absolute only when no relative path exists (another drive on Windows).
 */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  const shown = rel === "" ? "." : isAbsolute(rel) ? path : rel;
  return printable(shown.split(sep).join("/"));
}

/** The one line a FileError prints: `scim-codegen: <path>: <what is wrong and what would be right>`. */
export function formatFileError(err: FileError, cwd: string): string {
  return `scim-codegen: ${displayPath(cwd, err.path)}: ${printable(err.reason)}`;
}
