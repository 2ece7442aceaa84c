// The errors of the output step that are not bugs: the output folder cannot be used as asked (a refusal),
// or the file system failed (an I/O error). Both reach the user as one line naming the path, exit code 2,
// never a stack trace: they are facts about the machine or the command line, not about the generator.

/** Why the output step stopped without touching the folder, or after putting it back as it was. */
export class OutputError extends Error {
  override readonly name = "OutputError";

  /**
   * @param path the file or folder concerned, absolute (the CLI shows it relative to the working directory)
   * @param code a Node error code (`EACCES`, `ENOSPC`, …) for I/O errors, or a refusal code (`foreign-file`, …)
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
const ioCodes: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  ENOENT: "no such file or directory",
  ENOTDIR: "a path component is a file, not a folder",
  EISDIR: "is a folder, not a file",
  EEXIST: "already exists",
  ENOTEMPTY: "folder not empty",
  EXDEV: "crosses a file-system boundary (a mount inside the output folder)",
  EIO: "input/output error",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  ENAMETOOLONG: "file name too long",
  ELOOP: "too many symbolic links",
  EBUSY: "resource busy",
  ETXTBSY: "file busy",
  ERR_INVALID_ARG_VALUE: "not a valid path (it holds a NUL character)",
  ERR_INVALID_ARG_TYPE: "not a valid path",
};

/**
 * Wraps a file-system failure as an {@link OutputError} naming `path` and the error's code; anything that
 * is not a file-system error (a bug) is rethrown as it is.
 */
export function ioError(err: unknown, path: string, doing: string): OutputError {
  if (err instanceof OutputError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !(code in ioCodes || /^E[A-Z]+$/.test(code))) throw err;
  return new OutputError(path, code, `cannot ${doing}: ${code} (${ioCodes[code] ?? "file-system error"})`);
}
