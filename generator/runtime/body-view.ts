// Response bodies in the form the platform sends without extra work. Node (and Bun and Deno, which provide
// its Buffer) writes a Buffer as it is but wraps any other Uint8Array in a new Buffer view on every write,
// and Koa sends only Buffers as bytes. So where a global `Buffer` exists, each body is a Buffer view of the
// same memory (no copy), made once when its response is built; elsewhere (Cloudflare Workers, browsers) it
// stays a plain Uint8Array. Found at run time, not imported: the runtime uses no Node API.

interface BufferFactory {
  from(arrayBuffer: ArrayBuffer, byteOffset: number, length: number): Uint8Array<ArrayBuffer>;
}

const nodeBuffer = (globalThis as { readonly Buffer?: BufferFactory }).Buffer;

/** `bytes` as a response body: a Buffer over the same memory where Node's `Buffer` exists, else `bytes` itself. */
export function bodyView(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  return nodeBuffer === undefined ? bytes : nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
