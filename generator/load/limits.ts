// Budgets of the loader. A definition file is text a user (or a pull request) controls; without a
// bound, 310 bytes of nested YAML aliases expanded for 78 s into 1.2 GB, a deeply nested flow
// collection overflowed the yaml package's stack, and its duplicate-key check is quadratic in the keys
// of one mapping. The limits sit far above any real definition: the largest default file is 13 KB and
// nests 6 levels; the 50× synthetic set's largest is 13 KB too; neither uses an alias.

/** The loader's limits; exceeding one gives a `yaml-limit` diagnostic, never a slow or crashing run. */
export const loaderLimits = {
  /**
   * Bytes of one definition file, checked before it is read: 10× the largest default file, and small
   * enough that the yaml package (0.2 to 0.4 MB/s on a slow 2-core machine) parses a file at the limit
   * in about half a second.
   */
  maxFileBytes: 128 * 1024,
  /** Nesting of mappings and sequences, aliases followed (definitions nest 6 deep). */
  maxDepth: 64,
  /** Values (mappings, sequences, scalars) that aliases add to a file when expanded. */
  maxAliasValues: 100_000,
} as const;

/** The `yaml-limit` message of a file over {@link loaderLimits.maxFileBytes}. */
export function fileTooLargeMessage(bytes: number): string {
  const kib = (n: number): string => `${Math.ceil(n / 1024)} KiB`;
  return `The file is ${kib(bytes)}; a definition file may have at most ${kib(loaderLimits.maxFileBytes)} (the largest default one has 13 KB). Split the schema, or check that this is the file you meant.`;
}
