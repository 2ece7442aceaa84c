// The Node runtime's answers to a table of requests, for the Python runtime's byte-identity test
// (test_byte_identity.py). Reads from stdin {documents, handlers: [{options, requests: [[method, target,
// rawHeaders]]}]}: `documents` as the core's discoveryDocuments (camelCase keys), `options` as JSON (an
// `authenticateBearer` token stands for an authenticate hook that accepts exactly `Bearer <token>`).
// Prints [[{status, headers: [[name, value]…], body: base64 | null} | null …] …] (null: outside the mount).
import { createTargetHandler, getHeader } from "@scim-discovery/core/runtime";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const out = [];
for (const { options, requests } of input.handlers) {
  const { authenticateBearer, ...rest } = options;
  const handlerOptions = authenticateBearer === undefined
    ? rest
    : { ...rest, authenticate: (request) => getHeader(request.headers, "authorization") === `Bearer ${authenticateBearer}` };
  let handle;
  try {
    handle = createTargetHandler(input.documents, handlerOptions);
  } catch (error) {
    out.push({ error: String(error.name) });
    continue;
  }
  const answers = [];
  for (const [method, target, headers, protocol] of requests) {
    const result = await handle(method, target, headers, protocol ?? undefined);
    answers.push(
      result === null
        ? null
        : {
            status: result.status,
            headers: Object.entries(result.headers),
            body: result.body === null ? null : Buffer.from(result.body).toString("base64"),
          },
    );
  }
  out.push(answers);
}
process.stdout.write(JSON.stringify(out));
