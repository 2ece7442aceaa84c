// Public types of the discovery runtime. The runtime is framework-agnostic and ships verbatim inside the
// generated core package, so these types are declared here rather than imported from the generator.

/** `meta` of a discovery document (RFC 7643 §3.1); `location` is relative to the SCIM base and starts with `/`. */
export interface ScimDocumentMeta {
  /** `ServiceProviderConfig`, `ResourceType` or `Schema` (RFC 7643 §5–§7). */
  readonly resourceType: string;
  /** Path of the endpoint serving exactly this document, relative to the SCIM base (`/ResourceTypes/User`). */
  readonly location: string;
  readonly [key: string]: unknown;
}

/** One discovery document (RFC 7643 §5–§7) as plain JSON data. */
export interface ScimDocument {
  /** Resource type id or schema URI; absent on the ServiceProviderConfig (RFC 7643 §5). */
  readonly id?: string;
  /** Relative `meta`; the runtime makes `meta.location` absolute per base URL. */
  readonly meta: ScimDocumentMeta;
  readonly [key: string]: unknown;
}

/** The discovery documents the generator produces, lists in canonical order. */
export interface DiscoveryDocuments {
  /** RFC 7643 §5, served at `/ServiceProviderConfig`. */
  readonly serviceProviderConfig: ScimDocument;
  /** RFC 7643 §6, served at `/ResourceTypes` and `/ResourceTypes/{id}`. */
  readonly resourceTypes: readonly ScimDocument[];
  /** RFC 7643 §7 resource schemas (User, Group, extensions), served at `/Schemas` and `/Schemas/{uri}`. */
  readonly schemas: readonly ScimDocument[];
  /** The three RFC 7643 §8.7.2 service-provider schemas (ServiceProviderConfig, ResourceType, Schema). */
  readonly serviceProviderSchemas: readonly ScimDocument[];
}

/**
 * Request headers: a Fetch `Headers`-like object; Node's raw list (`IncomingMessage.rawHeaders`: name, value,
 * name, value…, names as sent); or a Node-style record whose keys are lower-case (`IncomingMessage.headers`).
 * Read them with `getHeader`, which takes all three. The Node adapters pass the raw list: Node builds the
 * record lazily, on the first read of `headers`, and a discovery request needs at most one or two headers.
 */
export type HeaderSource =
  | { get(name: string): string | null }
  | readonly string[]
  | Readonly<Record<string, string | string[] | undefined>>;

/**
 * The route parameters of a mount by name (`{ org: "acme" }` for `/orgs/:org/scim/v2` and a request for
 * `/orgs/acme/scim/v2/Schemas`), each percent-decoded once: `a%2Fb` is `"a/b"`, `%C3%A9` is `"é"`, `+` stays
 * `+`. A tenant whose percent-encoding is malformed or whose octets are not UTF-8 (`%zz`, `%ff`), or that is
 * a dot segment (`.`, `%2e`), is no tenant: the request gets a SCIM 404 and no hook runs. Every other
 * decoded value may arrive (`/`, NUL, all of Unicode): compare it, look it up, never splice it into a path.
 */
export type MountParams = Readonly<Record<string, string>>;

/** The name of one parameter segment (`:org` or `{org}`), `never` for a literal one. */
type SegmentParameter<Segment extends string> = Segment extends `:${infer Name}`
  ? Name
  : Segment extends `{${infer Name}}`
    ? Name
    : never;

/** The names of the parameter segments of a `basePath` pattern. */
type PatternParameters<Pattern extends string> = Pattern extends `${infer Head}/${infer Rest}`
  ? SegmentParameter<Head> | PatternParameters<Rest>
  : SegmentParameter<Pattern>;

/**
 * The `params` of a mount, typed from its `basePath` when that is a literal string:
 * `BasePathParams<"/orgs/:org/scim/v2">` is `{ readonly org: string }`, `BasePathParams<"/scim/v2">` is `{}`.
 * A `string` that is not a literal, a RegExp (named groups), or a pattern the framework holds (a Fastify
 * prefix, a Hono route path) gives {@link MountParams}.
 */
export type BasePathParams<BasePath> = BasePath extends string
  ? string extends BasePath
    ? MountParams
    : { readonly [Name in PatternParameters<BasePath>]: string }
  : MountParams;

/** A framework-neutral HTTP request, as an adapter sees it and as the hooks get it. */
export interface DiscoveryRequest<Params extends MountParams = MountParams> {
  /** HTTP method, case-sensitive as on the wire (RFC 9110 §9.1). */
  readonly method: string;
  /**
   * The matched mount prefix (`/scim/v2`, `/api/0/organizations/acme/scim/v2`), or `""` at the root: raw as an
   * adapter passes it; as the hooks (`authenticate`, a `baseUrl` function) see it, a valid URI path
   * (`encodeBasePath`: characters outside RFC 3986 pchar percent-encoded), ready to append to an origin.
   */
  readonly basePath: string;
  /**
   * The mount's route parameters by name, percent-decoded once (see {@link MountParams}): `params.org` for
   * a `basePath` of `/api/0/organizations/:org/scim/v2`. Empty for a mount without parameters.
   */
  readonly params: Params;
  /** The raw, still percent-encoded path after `basePath` (`/Schemas/urn%3Aietf%3A...`), or `""`. */
  readonly path: string;
  /** The raw query string without `?`, or `""`. */
  readonly query: string;
  /**
   * Request headers, in whichever {@link HeaderSource} form the adapter has (on Node, the raw header list):
   * read them with `getHeader(request.headers, name)`.
   */
  readonly headers: HeaderSource;
  /** Scheme the request arrived on (`http` or `https`); only read with `trustHost`, defaults to `https`. */
  readonly protocol?: string;
}

/**
 * What `createDiscoveryHandler`'s handler takes: a {@link DiscoveryRequest} whose `params` may be left out
 * (the hooks then see none). Adapters that pass a request object hold no parameters (a literal mount).
 */
export type DiscoveryHandlerRequest = Omit<DiscoveryRequest, "params"> & {
  /** The mount's route parameters, when the caller has matched a pattern; default none (`{}`). */
  readonly params?: MountParams;
};

/** A framework-neutral HTTP response. Shared between requests: treat it, its headers and its body as read-only. */
export interface DiscoveryResponse {
  /** HTTP status code. */
  readonly status: number;
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Serialised UTF-8 body, or `null` for HEAD, 204 and 304; a Node `Buffer` wherever a global `Buffer` exists
   * (Node, Bun, Deno). May be a view into a larger buffer, so never send `body.buffer`.
   */
  readonly body: Uint8Array<ArrayBuffer> | null;
}

/** Handles one discovery request; returns a Promise only when `authenticate` does. */
export type DiscoveryHandler = (request: DiscoveryHandlerRequest) => DiscoveryResponse | Promise<DiscoveryResponse>;

// The hooks are declared as methods, which TypeScript checks bivariantly: options whose hooks take the
// params of one `basePath` (`{ org: string }`) are still options of the runtime, which always calls a hook
// with the params of that same `basePath`.
type Hook<Params extends MountParams, Result> = { hook(request: DiscoveryRequest<Params>): Result }["hook"];

/**
 * Decides whether a request is authenticated: `true` lets it through, anything else answers 401; a throw or
 * rejection answers a SCIM 500. Per tenant: `request.params.org` names the tenant of `/orgs/:org/scim/v2`.
 */
export type Authenticate<Params extends MountParams = MountParams> = Hook<Params, boolean | Promise<boolean>>;

/** The base URL of a request's responses, from the request (its `basePath`, its `params`). */
export type BaseUrlFunction<Params extends MountParams = MountParams> = Hook<Params, string>;

/** Where the absolute `meta.location` URLs come from (RFC 7643 §3.1). Give exactly one of the three. */
export type BaseUrlOptions<Params extends MountParams = MountParams> =
  | {
      /** Fixed SCIM base (`https://api.example.com/scim/v2`), or a function of the request for tenant mounts. */
      readonly baseUrl: string | BaseUrlFunction<Params>;
      readonly origin?: undefined;
      readonly trustHost?: false | undefined;
    }
  | {
      /** Fixed origin (`https://api.example.com`); the base is this origin plus the request's `basePath`. */
      readonly origin: string;
      readonly baseUrl?: undefined;
      readonly trustHost?: false | undefined;
    }
  | {
      /**
       * Build the base from `X-Forwarded-Proto`, `X-Forwarded-Host` (else `Host`) plus `basePath`. Opt-in only:
       * anyone who can send these headers chooses the URLs in the response. Use it behind a proxy that sets them.
       */
      readonly trustHost: true;
      readonly baseUrl?: undefined;
      readonly origin?: undefined;
    };

/** Behaviour options of the discovery handler, besides the base URL. */
export interface DiscoveryBehaviourOptions<Params extends MountParams = MountParams> {
  /** Match endpoint names, resource type ids and schema URIs exactly; default `false` (RFC 7644 §3.10: case-insensitive). */
  readonly caseExact?: boolean;
  /** List the three RFC 7643 §8.7.2 service-provider schemas under `/Schemas`; default `true` (RFC 7644 §4 "all supported schemas"). */
  readonly listServiceProviderSchemas?: boolean;
  /** A `filter` on `/ServiceProviderConfig`: `"ignore"` (default, RFC 7644 §4 other parameters are ignored) or `"reject"` (403). */
  readonly serviceProviderConfigFilter?: "ignore" | "reject";
  /** Authentication hook; without it every request is served. */
  readonly authenticate?: Authenticate<Params>;
  /** `WWW-Authenticate` value on 401 (RFC 9110 §11.6.1); default `Bearer realm="SCIM"`. */
  readonly wwwAuthenticate?: string;
  /** Serve `/ServiceProviderConfig` without authentication (RFC 7643 §5: authenticationSchemes readable unauthenticated); default `false`. */
  readonly publicServiceProviderConfig?: boolean;
  /** How many base URLs keep their serialised responses (LRU); default 256. */
  readonly cacheSize?: number;
  /**
   * Extra headers on every response, errors and 304s included, built into the cached responses once
   * (lower-case names), e.g. `{ "cache-control": "no-cache", "x-content-type-options": "nosniff" }`.
   * Default none. `content-type`, `content-length`, `etag`, `allow` and `www-authenticate` are the runtime's.
   */
  readonly responseHeaders?: Readonly<Record<string, string>>;
}

/** Options of `createDiscoveryHandler`; `Params` types the hooks' `request.params`. */
export type DiscoveryHandlerOptions<Params extends MountParams = MountParams> = BaseUrlOptions<Params> &
  DiscoveryBehaviourOptions<Params>;

/** Options of `createFetchHandler`; the hooks' `request.params` are typed from a literal `basePath`. */
export type FetchHandlerOptions<BasePath extends string | RegExp = string | RegExp> = DiscoveryHandlerOptions<
  BasePathParams<BasePath>
> & {
  /**
   * Mount prefix: a literal path (`/scim/v2`), a pattern with parameter segments (`/orgs/:org/scim/v2` or
   * `/orgs/{org}/scim/v2`; the hooks get `request.params.org`), or a RegExp matched at the start of the path
   * (named groups become params). Default `""` (the root).
   */
  readonly basePath?: BasePath;
};
