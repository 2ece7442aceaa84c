# Public types of the discovery runtime. The runtime is framework-agnostic and ships verbatim inside the
# generated package, so these types are declared here rather than imported from the generator.
from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Awaitable, Callable, Literal, Mapping, NamedTuple, Protocol, Sequence, Tuple, TypeAlias, TypedDict, Union

ScimDocument: TypeAlias = Mapping[str, object]
"""One discovery document (RFC 7643 §5–§7) as plain JSON data (dict, list, str, int, float, bool, None), with
``meta.resourceType`` and a ``meta.location`` relative to the SCIM base that starts with ``/``."""


class DiscoveryDocuments(TypedDict):
    """The discovery documents the generator produces, lists in canonical order (the TS ``DiscoveryDocuments``)."""

    service_provider_config: ScimDocument
    """RFC 7643 §5, served at ``/ServiceProviderConfig``."""
    resource_types: Sequence[ScimDocument]
    """RFC 7643 §6, served at ``/ResourceTypes`` and ``/ResourceTypes/{id}``."""
    schemas: Sequence[ScimDocument]
    """RFC 7643 §7 resource schemas (User, Group, extensions), served at ``/Schemas`` and ``/Schemas/{uri}``."""
    service_provider_schemas: Sequence[ScimDocument]
    """The three RFC 7643 §8.7.2 service-provider schemas (ServiceProviderConfig, ResourceType, Schema)."""


class HeaderGetter(Protocol):
    """Headers read by name: a ``dict`` with lower-case keys (values ``str``, or a list of ``str`` for a repeated
    header), or a case-insensitive mapping (Django's ``request.headers``, Starlette's ``Headers``,
    ``EnvironHeaders`` over a WSGI environ)."""

    def get(self, name: str, /) -> object: ...


RawHeaderList: TypeAlias = Sequence[Tuple[bytes, bytes]]
"""An ASGI ``scope["headers"]`` list of ``(name, value)`` byte pairs, names as sent; the twin of Node's
``rawHeaders``: nothing is built from it until a header is read."""

HeaderSource: TypeAlias = Union[HeaderGetter, RawHeaderList]
"""Request headers in either form; read them with ``get_header``."""

MountParams: TypeAlias = Mapping[str, str]
"""The route parameters of a mount by name (``{"org": "acme"}`` for ``/orgs/{org}/scim/v2``), each
percent-decoded once. A tenant whose percent-encoding is malformed or whose octets are not UTF-8, or that is a
dot segment, is no tenant: the request gets a SCIM 404 and no hook runs. Every other decoded value may arrive
(``/``, NUL, all of Unicode): compare it, look it up, never splice it into a path."""

NO_PARAMS: MountParams = MappingProxyType({})
"""The params of a mount without parameters: one shared read-only mapping."""


class DiscoveryRequest(NamedTuple):
    """A framework-neutral HTTP request, as an adapter sees it and as the hooks get it. Immutable; a NamedTuple
    rather than a frozen dataclass because adapters build one per request and it costs a third as much."""

    method: str
    """HTTP method, case-sensitive as on the wire (RFC 9110 §9.1)."""
    base_path: str
    """The matched mount prefix (``/scim/v2``), or ``""`` at the root: raw as an adapter passes it; as the hooks
    see it, a valid URI path (``encode_base_path``), ready to append to an origin."""
    path: str
    """The raw, still percent-encoded path after ``base_path`` (``/Schemas/urn%3Aietf%3A...``), or ``""``."""
    query: str = ""
    """The raw query string without ``?``, or ``""``."""
    headers: HeaderSource = ()
    """Request headers in either ``HeaderSource`` form: read them with ``get_header(request.headers, name)``."""
    params: MountParams = NO_PARAMS
    """The mount's route parameters by name, percent-decoded once; empty for a mount without parameters."""
    protocol: str | None = None
    """Scheme the request arrived on (``http`` or ``https``); only read with ``trust_host``, defaults to ``https``."""


@dataclass(frozen=True, slots=True)
class DiscoveryResponse:
    """A framework-neutral HTTP response, shared between requests: treat it as read-only."""

    status: int
    """HTTP status code."""
    headers: Mapping[str, str]
    """Response headers, lower-case names, in the order the Node runtime sends them (read-only)."""
    body: bytes | None
    """Serialised UTF-8 body, or ``None`` for HEAD, 204 and 304."""


DiscoveryHandler: TypeAlias = Callable[[DiscoveryRequest], Union[DiscoveryResponse, Awaitable[DiscoveryResponse]]]
"""Handles one discovery request; returns an awaitable only when ``authenticate`` does."""

Authenticate: TypeAlias = Callable[[DiscoveryRequest], Union[bool, Awaitable[bool]]]
"""Decides whether a request is authenticated: ``True`` lets it through, anything else answers 401; an exception
(raised, or from the awaitable) answers a SCIM 500. Per tenant: ``request.params["org"]``."""

BaseUrlFunction: TypeAlias = Callable[[DiscoveryRequest], str]
"""The base URL of a request's responses, from the request (its ``base_path``, its ``params``)."""


class DiscoveryHandlerOptions(TypedDict, total=False):
    """Options of ``create_discovery_handler`` (the TS ``DiscoveryHandlerOptions`` under Python names).

    Exactly one of ``base_url``, ``origin`` and ``trust_host=True`` must be given."""

    base_url: str | BaseUrlFunction
    """Fixed SCIM base (``https://api.example.com/scim/v2``), or a function of the request for tenant mounts."""
    origin: str
    """Fixed origin (``https://api.example.com``); the base is this origin plus the request's ``base_path``."""
    trust_host: bool
    """Build the base from ``X-Forwarded-Proto``, ``X-Forwarded-Host`` (else ``Host``) plus ``base_path``. Opt-in
    only: anyone who can send these headers chooses the URLs in the response. Use it behind a proxy that sets them."""
    case_exact: bool
    """Match endpoint names, resource type ids and schema URIs exactly; default ``False`` (RFC 7644 §3.10)."""
    list_service_provider_schemas: bool
    """List the three RFC 7643 §8.7.2 service-provider schemas under ``/Schemas``; default ``True``."""
    service_provider_config_filter: Literal["ignore", "reject"]
    """A ``filter`` on ``/ServiceProviderConfig``: ``"ignore"`` (default) or ``"reject"`` (403)."""
    authenticate: Authenticate
    """Authentication hook, sync or async; without it every request is served."""
    www_authenticate: str
    """``WWW-Authenticate`` value on 401 (RFC 9110 §11.6.1); default ``Bearer realm="SCIM"``."""
    public_service_provider_config: bool
    """Serve ``/ServiceProviderConfig`` without authentication (RFC 7643 §5); default ``False``."""
    cache_size: int
    """How many base URLs keep their serialised responses (LRU); default 256."""
    response_headers: Mapping[str, str]
    """Extra headers on every response, errors and 304s included (lower-case names), e.g.
    ``{"cache-control": "no-cache"}``. ``content-type``, ``content-length``, ``etag``, ``allow``,
    ``www-authenticate`` and ``vary`` are the runtime's."""


class TargetHandlerOptions(DiscoveryHandlerOptions, total=False):
    """Options of ``create_target_handler``: those of ``create_discovery_handler`` plus ``base_path``."""

    base_path: str | re.Pattern[str]
    """Mount prefix: a literal path (``/scim/v2``), a pattern with parameter segments (``/orgs/{org}/scim/v2``
    or ``/orgs/:org/scim/v2``; the hooks get ``request.params["org"]``), or a compiled pattern matched at the
    start of the path (named groups become params). Default ``""`` (the root)."""
