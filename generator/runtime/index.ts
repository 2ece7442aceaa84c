// Public API of the discovery runtime (RFC 7644 §4), shipped verbatim inside the generated core package.

export { createDiscoveryHandler, ALLOW_METHODS, DEFAULT_CACHE_SIZE, DEFAULT_WWW_AUTHENTICATE } from "./discovery-handler.js";
export { createFetchHandler } from "./fetch-handler.js";
export { createTargetHandler, splitRequestUrl } from "./target-handler.js";
export type { RequestTarget, TargetHandler } from "./target-handler.js";
export { createBasePathMatcher, createMountParamsReader, encodeBasePath, leadingPathSegments, NO_PARAMS } from "./base-path.js";
export type { BasePathMatcher, MountParamsReader } from "./base-path.js";
export { DISCOVERY_ENDPOINT_PATHS } from "./route.js";
export { DiscoveryConfigurationError } from "./configuration-error.js";
export { getHeader } from "./headers.js";
export { isSafeHost } from "./base-url.js";
export { fnv1a64Hex, ifNoneMatchMatches, strongEtag } from "./etag.js";
export { createErrorResponse, SCIM_CONTENT_TYPE, SCIM_ERROR_SCHEMA, scimErrorBody } from "./scim-error.js";
export type { ResponsePair, ScimErrorType } from "./scim-error.js";
export { LIST_RESPONSE_SCHEMA } from "./documents.js";
export type {
  Authenticate,
  BasePathParams,
  BaseUrlFunction,
  BaseUrlOptions,
  DiscoveryBehaviourOptions,
  DiscoveryDocuments,
  DiscoveryHandler,
  DiscoveryHandlerOptions,
  DiscoveryHandlerRequest,
  DiscoveryRequest,
  DiscoveryResponse,
  FetchHandlerOptions,
  HeaderSource,
  MountParams,
  ScimDocument,
  ScimDocumentMeta,
} from "./types.js";
