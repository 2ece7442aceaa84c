// A configuration error is a programming error of the operator or of the generator, raised when the
// handler is created (never for a request): it says what is wrong and what would be right.

/** Thrown by `createDiscoveryHandler` / `createFetchHandler` for invalid options or documents. */
export class DiscoveryConfigurationError extends Error {
  /** Creates the error with a message that says what is wrong and how to fix it. */
  constructor(message: string) {
    super(message);
    this.name = "DiscoveryConfigurationError";
  }
}
