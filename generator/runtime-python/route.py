# Routing of the RFC 7644 §4 discovery endpoints. A route is decided from the raw path alone.
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Literal, Mapping, NamedTuple, Sequence

from .configuration_error import DiscoveryConfigurationError
from .json_text import quote_string
from .uri_component import decode_uri_component

if TYPE_CHECKING:
    from .documents import PreparedDocuments

RouteKind = Literal["serviceProviderConfig", "resourceTypes", "resourceType", "schemas", "schema", "unknown"]


class Route(NamedTuple):
    """Where a path under the SCIM base leads: the endpoint, and the position of the served object in
    ``RenderedDocuments.resources``, or -1 when nothing is served (an unknown path, or an unknown id or URI on
    a valid endpoint, whose 404 names what was not found)."""

    kind: RouteKind
    slot: int


Router = Callable[[str], Route]
"""Maps a raw path after the base (``/Schemas/urn%3A…``, ``/ResourceTypes/``) to a route; never raises."""

# Slots 0–2 are fixed; resource types follow from 3, then schemas (see ``RenderedDocuments.resources``).
_SERVICE_PROVIDER_CONFIG = Route("serviceProviderConfig", 0)
_RESOURCE_TYPES = Route("resourceTypes", 1)
_SCHEMAS = Route("schemas", 2)
_FIRST_RESOURCE_TYPE_SLOT = 3
_UNKNOWN = Route("unknown", -1)
_UNKNOWN_RESOURCE_TYPE = Route("resourceType", -1)
_UNKNOWN_SCHEMA = Route("schema", -1)


def _first_schema_slot(prepared: PreparedDocuments) -> int:
    return _FIRST_RESOURCE_TYPE_SLOT + len(prepared.resource_types)


_ENDPOINTS = ("ServiceProviderConfig", "ResourceTypes", "Schemas")

DISCOVERY_ENDPOINT_PATHS: tuple[str, ...] = tuple(f"/{endpoint}" for endpoint in _ENDPOINTS)
"""The paths of the three fixed discovery endpoints below the base (RFC 7644 §4), canonical spelling."""


def decode_segment(segment: str) -> str | None:
    """Percent-decodes one path segment; ``None`` for malformed encoding (answered 404, never raised)."""
    if "%" not in segment:
        return segment
    return decode_uri_component(segment)


def _index_ids(ids: Sequence[str | None], fold: bool, what: str) -> Mapping[str, int]:
    index: dict[str, int] = {}
    for i, id_ in enumerate(ids):
        key = str(id_).lower() if fold else str(id_)
        previous = index.get(key)
        if previous is not None:
            hint = " ignoring case (RFC 7644 §3.10); rename one or set case_exact=True" if fold else ""
            raise DiscoveryConfigurationError(
                f"{what} {quote_string(str(ids[previous]))} and {quote_string(str(id_))} are the same id{hint}."
            )
        index[key] = i
    return index


def create_router(prepared: PreparedDocuments, case_exact: bool) -> Router:
    """Creates the router. Endpoint names, resource type ids and schema URIs match case-insensitively unless
    ``case_exact`` (RFC 7644 §3.10: URIs and names are case-insensitive); ``{uri}`` may have raw or ``%3A``
    colons; one trailing slash is accepted (served the same, never redirected)."""
    resource_type_ids = [template.id for template in prepared.resource_types]
    schema_ids = [template.id for template in prepared.schemas]
    exact_resource_types = _index_ids(resource_type_ids, False, "Resource types")
    exact_schemas = _index_ids(schema_ids, False, "Schemas")
    folded_resource_types = None if case_exact else _index_ids(resource_type_ids, True, "Resource types")
    folded_schemas = None if case_exact else _index_ids(schema_ids, True, "Schemas")
    folded_endpoints = {endpoint if case_exact else endpoint.lower(): endpoint for endpoint in _ENDPOINTS}
    schema_slots = _first_schema_slot(prepared)

    def lookup(exact: Mapping[str, int], folded: Mapping[str, int] | None, id_: str) -> int:
        index = exact.get(id_)
        if index is not None:
            return index
        if folded is None:
            return -1
        return folded.get(id_.lower(), -1)

    def slow_route(path: str) -> Route:
        p = path
        if len(p) > 1 and p.endswith("/"):
            p = p[:-1]
        if not p.startswith("/"):
            return _UNKNOWN
        slash = p.find("/", 1)
        head = decode_segment(p[1:] if slash == -1 else p[1:slash])
        if head is None:
            return _UNKNOWN
        endpoint = folded_endpoints.get(head if case_exact else head.lower())
        if endpoint is None:
            return _UNKNOWN
        if slash == -1:
            if endpoint == "ServiceProviderConfig":
                return _SERVICE_PROVIDER_CONFIG
            return _SCHEMAS if endpoint == "Schemas" else _RESOURCE_TYPES
        raw_id = p[slash + 1 :]
        # RFC 7644 §4: /ServiceProviderConfig has no sub-resources; ids and URIs are one segment.
        if endpoint == "ServiceProviderConfig" or "/" in raw_id:
            return _UNKNOWN
        id_ = decode_segment(raw_id)
        if endpoint == "ResourceTypes":
            index = -1 if id_ is None else lookup(exact_resource_types, folded_resource_types, id_)
            return _UNKNOWN_RESOURCE_TYPE if index == -1 else Route("resourceType", _FIRST_RESOURCE_TYPE_SLOT + index)
        index = -1 if id_ is None else lookup(exact_schemas, folded_schemas, id_)
        return _UNKNOWN_SCHEMA if index == -1 else Route("schema", schema_slots + index)

    # Fast path: the canonical spellings (and their trailing-slash twins) resolve with one dict lookup.
    canonical: dict[str, Route] = {}

    def add_canonical(path: str, route: Route) -> None:
        canonical[path] = route
        canonical[f"{path}/"] = route

    add_canonical("/ServiceProviderConfig", _SERVICE_PROVIDER_CONFIG)
    add_canonical("/ResourceTypes", _RESOURCE_TYPES)
    add_canonical("/Schemas", _SCHEMAS)
    for index, template in enumerate(prepared.resource_types):
        route = Route("resourceType", _FIRST_RESOURCE_TYPE_SLOT + index)
        add_canonical(f"/ResourceTypes/{template.id}", route)
        add_canonical(template.location, route)
    for index, template in enumerate(prepared.schemas):
        route = Route("schema", schema_slots + index)
        add_canonical(f"/Schemas/{template.id}", route)
        add_canonical(template.location, route)
    # Checks that what the fast path learnt agrees with the full parser (it will unless ids contain "/" or "%").
    for path, route in list(canonical.items()):
        if slow_route(path) != route:
            del canonical[path]

    def route_path(path: str) -> Route:
        known = canonical.get(path)
        return known if known is not None else slow_route(path)

    return route_path


def verify_locations(prepared: PreparedDocuments) -> None:
    """Checks that each document's relative ``meta.location`` routes, with exact matching, to that very document."""
    route = create_router(prepared, True)

    def check(location: str, slot: int, what: str) -> None:
        if route(location).slot != slot:
            raise DiscoveryConfigurationError(
                f"{what} has meta.location {quote_string(location)}, which does not serve it; meta.location must be"
                " the URL of exactly that object (RFC 7643 §3.1)."
            )

    check(prepared.service_provider_config.location, _SERVICE_PROVIDER_CONFIG.slot, "serviceProviderConfig")
    for index, template in enumerate(prepared.resource_types):
        check(template.location, _FIRST_RESOURCE_TYPE_SLOT + index, f"Resource type {quote_string(str(template.id))}")
    schema_slots = _first_schema_slot(prepared)
    for index, template in enumerate(prepared.schemas):
        check(template.location, schema_slots + index, f"Schema {quote_string(str(template.id))}")
