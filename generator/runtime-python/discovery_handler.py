# The framework-neutral discovery handler: RFC 7644 §4 endpoints serving RFC 7643 §5–§7 documents.
#
# Order of decisions for a request under the base (why, in brief), the same as the Node runtime's:
#   0. Mount: the matched base path becomes the path of the URLs in `meta.location`, so it must be one
#      (RFC 3986 §3.3): characters a path may not hold raw are percent-encoded, and a base path with a dot
#      segment (`.`, `..`, `%2e`) or malformed percent-encoding names no tenant: 404, like an unknown path,
#      before anything else (it is decided from the path alone). Once per distinct base path, remembered.
#   1. Route from the path alone (never raises: bad percent-encoding is just an unknown path).
#   2. Method, on a discovery path: anything but GET/HEAD gets 405 with `Allow: GET, HEAD` (OPTIONS: 204),
#      BEFORE authentication and without reading a body. The answer depends only on the method and the
#      RFC-fixed route table, so it reveals nothing, and it is what strict checkers expect: Okta's spec
#      test POSTs the non-JSON body `test` and wants a clean 405, whether or not its token is accepted.
#   3. Authentication, for everything else under the base, unknown paths and unknown ids included, so an
#      unauthenticated client cannot probe which schemas or resource types exist. Only
#      `/ServiceProviderConfig` may be made public (RFC 7643 §5).
#   4. `filter` → 403 on the lists (RFC 7644 §4), unknown id/URI/path → 404.
#   5. Base URL → cached responses → If-None-Match (304) → 200.
from __future__ import annotations

import inspect
import re
from types import MappingProxyType
from typing import TYPE_CHECKING, Awaitable, Callable, Mapping, NamedTuple, Union, cast

from .base_path import encode_base_path
from .base_url import create_base_url_source, is_usable_base_url, normalise_base_path
from .configuration_error import DiscoveryConfigurationError
from .documents import RenderedDocuments, prepare_documents, render_documents
from .etag import if_none_match_matches
from .headers import get_header
from .json_text import quote_string
from .lru_cache import LruCache, memoize_newest_first
from .query import has_filter_parameter
from .route import Route, Router, create_router, verify_locations
from .scim_error import COMMON_HEADERS, ResponsePair, create_error_response
from .types import (
    NO_PARAMS,
    DiscoveryDocuments,
    DiscoveryHandler,
    DiscoveryRequest,
    DiscoveryResponse,
    HeaderSource,
    MountParams,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .types import DiscoveryHandlerOptions

ALLOW_METHODS: str = "GET, HEAD"
"""``Allow`` on 405 (RFC 9110 §15.5.6): discovery endpoints are read-only."""

DEFAULT_WWW_AUTHENTICATE: str = 'Bearer realm="SCIM"'
"""Default ``WWW-Authenticate`` challenge on 401 (RFC 9110 §11.6.1, RFC 6750 §3)."""

DEFAULT_CACHE_SIZE: int = 256
"""Default number of base URLs whose responses stay cached."""

# Remembered base paths. A bound, not a tuning knob: past it the memo starts afresh (one entry per tenant).
_MOUNT_MEMO_SIZE = 1024

# The option names of create_discovery_handler (DiscoveryHandlerOptions), and those create_target_handler
# adds: Python's keyword arguments make a misspelt option silently absent, so unknown names are refused.
DISCOVERY_OPTION_NAMES: frozenset[str] = frozenset(
    {
        "base_url",
        "origin",
        "trust_host",
        "case_exact",
        "list_service_provider_schemas",
        "service_provider_config_filter",
        "authenticate",
        "www_authenticate",
        "public_service_provider_config",
        "cache_size",
        "response_headers",
    }
)

AnyResponse = Union[DiscoveryResponse, Awaitable[DiscoveryResponse]]


class _ErrorResponses(NamedTuple):
    """The fixed error responses of one handler, built once at creation."""

    not_found: ResponsePair
    resource_type_not_found: ResponsePair
    schema_not_found: ResponsePair
    method_not_allowed: ResponsePair
    filter_forbidden: ResponsePair
    unauthorized: ResponsePair
    bad_host: ResponsePair
    authentication_failed: ResponsePair
    options: DiscoveryResponse


def _create_error_responses(www_authenticate: str, extra: Mapping[str, str]) -> _ErrorResponses:
    """The SCIM error pairs and the OPTIONS answer, with the operator's WWW-Authenticate challenge."""
    return _ErrorResponses(
        not_found=create_error_response(404, "No SCIM discovery endpoint at this path (RFC 7644 §4).", extra),
        resource_type_not_found=create_error_response(404, "Resource type not found.", extra),
        schema_not_found=create_error_response(404, "Schema not found.", extra),
        method_not_allowed=create_error_response(
            405, "Discovery endpoints are read-only: use GET or HEAD (RFC 7644 §4).", {**extra, "allow": ALLOW_METHODS}
        ),
        filter_forbidden=create_error_response(
            403, "Filtering is not supported on discovery endpoints (RFC 7644 §4).", extra
        ),
        unauthorized=create_error_response(401, "Authentication required.", {**extra, "www-authenticate": www_authenticate}),
        bad_host=create_error_response(400, "Missing or invalid Host header; cannot build the resource URLs.", extra),
        # A hook that raises is a server fault, not a verdict on the client: 500, still a SCIM Error
        # (RFC 7644 §3.12) rather than the framework's own error page, and never a 200.
        authentication_failed=create_error_response(500, "The authentication check failed on the server.", extra),
        # RFC 9110 §9.3.7: OPTIONS advertises the methods; 204 has no body and no Content-Length.
        options=DiscoveryResponse(
            status=204,
            headers=MappingProxyType({**COMMON_HEADERS, **extra, "allow": f"{ALLOW_METHODS}, OPTIONS"}),
            body=None,
        ),
    )


def _pick(pair: ResponsePair, method: str) -> DiscoveryResponse:
    return pair.head if method == "HEAD" else pair.get


def _read_boolean(options: Mapping[str, object], name: str, fallback: bool) -> bool:
    value = options.get(name)
    if value is None:
        return fallback
    if not isinstance(value, bool):
        raise DiscoveryConfigurationError(f"{name} must be a bool.")
    return value


def check_option_names(options: Mapping[str, object], allowed: frozenset[str]) -> None:
    """No TS twin (TypeScript checks option names at compile time): refuses a keyword no handler takes."""
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise DiscoveryConfigurationError(
            f"Unknown option {', '.join(unknown)}; the options are {', '.join(sorted(allowed))}."
        )


class DiscoveryCore(NamedTuple):
    """The handler's decisions over a request given as its parts, for the two entry points:
    ``create_discovery_handler`` (a request object) and ``create_target_handler`` (a raw request target)."""

    route: Router
    """Routes a raw path below the base."""
    mount_path: Callable[[str], "str | None"]
    """The raw matched base path as it goes into URLs (see ``encode_base_path``), or ``None`` when it names no
    mount; remembered per distinct base path. The ``base_path`` that ``answer`` takes."""
    answer: Callable[
        [str, "str | None", MountParams, str, str, HeaderSource, "str | None", Route, "DiscoveryRequest | None"],
        AnyResponse,
    ]
    """Answers ``(method, base_path, params, path, query, headers, protocol, target, request)``: a request
    whose base path ``mount_path`` made ``base_path`` (``None``: a SCIM 404), whose mount has the route
    parameters ``params`` and whose path after the base routed to ``target``; ``request``, when the caller has
    one, goes to the hooks as is (its ``base_path`` and ``params`` must be the same)."""


def create_discovery_core(documents: DiscoveryDocuments, options: Mapping[str, object]) -> DiscoveryCore:
    """Builds a ``DiscoveryCore``; raises ``DiscoveryConfigurationError`` for invalid options or documents."""
    if not isinstance(options, Mapping):
        raise DiscoveryConfigurationError("options are required: at least one of base_url, origin or trust_host=True.")
    base_url_source = create_base_url_source(options)
    case_exact = _read_boolean(options, "case_exact", False)
    list_service_provider_schemas = _read_boolean(options, "list_service_provider_schemas", True)
    public_service_provider_config = _read_boolean(options, "public_service_provider_config", False)
    spc_filter = options.get("service_provider_config_filter", "ignore")
    if spc_filter is None:
        spc_filter = "ignore"
    if spc_filter != "ignore" and spc_filter != "reject":
        raise DiscoveryConfigurationError('service_provider_config_filter must be "ignore" or "reject".')
    reject_spc_filter = spc_filter == "reject"
    authenticate_option = options.get("authenticate")
    if authenticate_option is not None and not callable(authenticate_option):
        raise DiscoveryConfigurationError("authenticate must be a function of the request.")
    authenticate = cast("Callable[[DiscoveryRequest], object] | None", authenticate_option)
    www_authenticate = options.get("www_authenticate")
    if www_authenticate is None:
        www_authenticate = DEFAULT_WWW_AUTHENTICATE
    # A header value with CR/LF would split the response.
    if (
        not isinstance(www_authenticate, str)
        or www_authenticate.strip() == ""
        or re.search("[\r\n\u0000]", www_authenticate) is not None
    ):
        raise DiscoveryConfigurationError("www_authenticate must be a non-empty header value without line breaks.")
    cache_size = options.get("cache_size")
    if cache_size is None:
        cache_size = DEFAULT_CACHE_SIZE
    if not isinstance(cache_size, int) or isinstance(cache_size, bool) or cache_size < 1:
        raise DiscoveryConfigurationError("cache_size must be a positive integer.")

    prepared = prepare_documents(documents, list_service_provider_schemas)
    verify_locations(prepared)
    route = create_router(prepared, case_exact)
    response_headers = _check_response_headers(options.get("response_headers"))
    errors = _create_error_responses(www_authenticate, response_headers)
    # Whether anything reads a request object: the hooks, and the Host headers with trust_host.
    hooks_read_request = authenticate is not None or base_url_source.kind in ("function", "host")

    # Rendered responses per base URL. Entries are immutable and derived from the key alone, so concurrent
    # requests for different tenants share nothing mutable but the cache's recency order.
    fixed = (
        render_documents(prepared, base_url_source.base_url, response_headers)
        if base_url_source.kind == "fixed"
        else None
    )
    cache: LruCache[RenderedDocuments] = LruCache(cache_size)
    # With trust_host the representation depends on these request headers (RFC 9110 §12.5.5).
    vary_headers: Mapping[str, str] = (
        MappingProxyType({**response_headers, "vary": "Host, X-Forwarded-Host, X-Forwarded-Proto"})
        if base_url_source.kind == "host"
        else response_headers
    )

    def render(key: str, base_url: str) -> RenderedDocuments | None:
        """Renders and caches the responses for ``base_url`` under ``key``; ``None`` when the URL is unusable."""
        if not is_usable_base_url(base_url):
            if base_url_source.kind == "function":
                raise DiscoveryConfigurationError(
                    f"base_url function returned {quote_string(base_url)}; want an absolute http(s) URL without"
                    " query or fragment."
                )
            return None
        rendered = render_documents(prepared, base_url, vary_headers)
        cache.set(key, rendered)
        return rendered

    def rendered_for(base_path: str, request: DiscoveryRequest | None) -> RenderedDocuments | None:
        """The responses for this request's base URL: built on the first request for a base, then reused."""
        if base_url_source.kind == "fixed":
            return fixed
        if base_url_source.kind == "origin":
            # Keyed by the raw base_path: a hit costs one dict lookup, no string building.
            hit = cache.get(base_path)
            return hit if hit is not None else render(base_path, base_url_source.origin + normalise_base_path(base_path))
        base_url = base_url_source.resolve(cast(DiscoveryRequest, request))
        if base_url is None:
            return None
        hit = cache.get(base_url)
        return hit if hit is not None else render(base_url, base_url)

    def refusal(query: str, target: Route) -> ResponsePair | None:
        """The error a routed GET/HEAD gets before any base URL is needed, or ``None`` when it is served."""
        kind = target.kind
        if kind == "unknown":
            return errors.not_found
        if kind == "serviceProviderConfig":
            # RFC 7644 §4 lets other parameters be ignored; a filter is too, unless the operator rejects it.
            return errors.filter_forbidden if reject_spc_filter and has_filter_parameter(query) else None
        if kind == "resourceTypes" or kind == "schemas":
            # RFC 7644 §4: a filter on the discovery lists SHOULD get 403, so no client trusts an unapplied condition.
            return errors.filter_forbidden if has_filter_parameter(query) else None
        if kind == "resourceType":
            return errors.resource_type_not_found if target.slot == -1 else None
        return errors.schema_not_found if target.slot == -1 else None

    def serve(
        method: str,
        base_path: str,
        query: str,
        headers: HeaderSource,
        target: Route,
        request: DiscoveryRequest | None,
    ) -> DiscoveryResponse:
        # A served object asked for without a query string (the usual request) cannot be refused: skip the checks.
        if target.slot == -1 or query != "":
            refused = refusal(query, target)
            if refused is not None:
                return _pick(refused, method)
        rendered = rendered_for(base_path, request)
        if rendered is None:
            return _pick(errors.bad_host, method)
        resource = rendered.resources[target.slot]
        if_none_match = get_header(headers, "if-none-match")
        # RFC 9110 §13.1.2: 304 for GET and HEAD when a listed tag matches (weak comparison) or for "*".
        if if_none_match is not None and if_none_match_matches(if_none_match, resource.etag):
            return resource.not_modified
        return resource.head if method == "HEAD" else resource.ok

    # Raw base path → its encoding (or None), with the newest entry checked first: one tenant busy, or the one
    # fixed mount, costs a string comparison.
    mount_path = memoize_newest_first(encode_base_path, _MOUNT_MEMO_SIZE)

    async def settle(
        verdict: Awaitable[object],
        method: str,
        base_path: str,
        query: str,
        headers: HeaderSource,
        target: Route,
        request: DiscoveryRequest | None,
    ) -> DiscoveryResponse:
        try:
            settled = await verdict
        except Exception:
            return _pick(errors.authentication_failed, method)
        return serve(method, base_path, query, headers, target, request) if settled is True else _pick(errors.unauthorized, method)

    def answer(
        method: str,
        base_path: str | None,
        params: MountParams,
        path: str,
        query: str,
        headers: HeaderSource,
        protocol: str | None,
        target: Route,
        given: DiscoveryRequest | None,
    ) -> AnyResponse:
        # Step 0 above: not a mount, so nothing under it either (HEAD gets the same answer without a body).
        if base_path is None:
            return _pick(errors.not_found, method)
        if method != "GET" and method != "HEAD" and target.kind != "unknown":
            # Step 2 above: decided from method and path only, before authentication, body never read.
            return errors.options if method == "OPTIONS" else errors.method_not_allowed.get
        request = given
        if request is None and hooks_read_request:
            request = DiscoveryRequest(
                method=method, base_path=base_path, params=params, path=path, query=query, headers=headers, protocol=protocol
            )
        if authenticate is None or (public_service_provider_config and target.kind == "serviceProviderConfig"):
            return serve(method, base_path, query, headers, target, request)
        try:
            verdict = authenticate(cast(DiscoveryRequest, request))
        except Exception:
            return _pick(errors.authentication_failed, method)
        if verdict is True:
            return serve(method, base_path, query, headers, target, request)
        if inspect.isawaitable(verdict):
            return settle(verdict, method, base_path, query, headers, target, request)
        # Fails closed: anything but True (False, None from a hook that forgot to return) is unauthenticated.
        return _pick(errors.unauthorized, method)

    return DiscoveryCore(route=route, mount_path=mount_path, answer=answer)


def create_discovery_handler(documents: DiscoveryDocuments, **options: Unpack[DiscoveryHandlerOptions]) -> DiscoveryHandler:
    """Creates the framework-neutral handler of the RFC 7644 §4 discovery endpoints for the generated documents.
    Options as in ``DiscoveryHandlerOptions``. Raises ``DiscoveryConfigurationError`` for invalid options or
    documents (a programming error, at creation). The handler returns an awaitable only when ``authenticate``
    does."""
    check_option_names(options, DISCOVERY_OPTION_NAMES)
    core = create_discovery_core(documents, options)
    mount_path, answer, route = core.mount_path, core.answer, core.route

    def handle_discovery_request(request: DiscoveryRequest) -> AnyResponse:
        mount = mount_path(request.base_path)
        # The hooks see the base path as it goes into URLs: a copy of the request only when encoding changed it.
        given = request if mount == request.base_path or mount is None else request._replace(base_path=mount)
        return answer(
            request.method,
            mount,
            request.params,
            request.path,
            request.query,
            request.headers,
            request.protocol,
            route(request.path),
            given,
        )

    return handle_discovery_request


# Headers the runtime decides itself; an operator's value for one of them would contradict the body.
_RESERVED_HEADERS = frozenset({"content-type", "content-length", "etag", "allow", "www-authenticate", "vary"})
_HEADER_NAME = re.compile(r"[a-z0-9!#$%&'*+.^_`|~-]+")
_NO_HEADERS: Mapping[str, str] = MappingProxyType({})


def _check_response_headers(headers: object) -> Mapping[str, str]:
    """Validates the ``response_headers`` option once, at creation: lower-case names, string values, none reserved."""
    if headers is None:
        return _NO_HEADERS
    if not isinstance(headers, Mapping):
        raise DiscoveryConfigurationError("response_headers must be a mapping of header names to values.")
    checked: dict[str, str] = {}
    for name, value in cast(Mapping[object, object], headers).items():
        if not isinstance(name, str) or _HEADER_NAME.fullmatch(name) is None:
            raise DiscoveryConfigurationError(
                f"response_headers: {quote_string(str(name))} must be a lower-case header name (RFC 9110 §5.1)."
            )
        if name in _RESERVED_HEADERS:
            raise DiscoveryConfigurationError(f"response_headers: {quote_string(name)} is set by the runtime itself.")
        if not isinstance(value, str) or re.search("[\r\n\u0000]", value) is not None:
            raise DiscoveryConfigurationError(
                f"response_headers: the value of {quote_string(name)} must be a string without line breaks."
            )
        checked[name] = value
    return MappingProxyType(checked)
