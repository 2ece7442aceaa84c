# Serialisation of the discovery documents. Each document is serialised ONCE, at handler creation, with
# a hole where the base URL goes; a base URL is then filled in by string concatenation, encoded and
# fingerprinted once, and the resulting read-only responses are reused by every request with that base.
# No JSON serialisation happens per request, nor per base URL beyond escaping the base itself.
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping, NamedTuple, Sequence

from .configuration_error import DiscoveryConfigurationError
from .etag import fnv1a64, strong_etag, strong_etag_of_state
from .json_text import json_stringify, quote_string
from .scim_error import COMMON_HEADERS
from .types import DiscoveryDocuments, DiscoveryResponse, ScimDocument

LIST_RESPONSE_SCHEMA: str = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
"""Schema URI of a ListResponse (RFC 7644 §3.4.2)."""

MESSAGE_SCHEMA_PREFIX: str = "urn:ietf:params:scim:api:messages:"
"""URI prefix of SCIM message schemas, which ``/Schemas`` never lists (they describe messages, not resources)."""


class DocumentTemplate(NamedTuple):
    """One document serialised with a hole for the base URL: ``head + json_escape(base) + tail``."""

    id: str | None
    """``id`` of the document (resource type id or schema URI); ``None`` for the ServiceProviderConfig."""
    location: str
    """The relative ``meta.location`` (``/Schemas/urn:…``)."""
    head: str
    """Serialised JSON up to the base URL inside ``meta.location``."""
    tail: str
    """Serialised JSON from the relative location on."""
    head_state: int
    """No TS twin: the FNV-1a state after the UTF-8 ``head``, so that a base URL's ETag hashes only the rest."""


class PreparedDocuments(NamedTuple):
    """The documents as templates, in canonical order, with the served ``/Schemas`` set already chosen."""

    service_provider_config: DocumentTemplate
    resource_types: Sequence[DocumentTemplate]
    schemas: Sequence[DocumentTemplate]
    """RFC 7643 §7 schemas served under ``/Schemas``: resource schemas, then service-provider schemas."""
    resource_type_list_prefix: str
    """ListResponse JSON up to the first element of ``Resources`` for ``/ResourceTypes``."""
    schema_list_prefix: str
    """ListResponse JSON up to the first element of ``Resources`` for ``/Schemas``."""


class RenderedResource(NamedTuple):
    """The responses for one served object at one base URL, read-only and shared."""

    etag: str
    """Strong ETag of the body (RFC 9110 §8.8.3)."""
    ok: DiscoveryResponse
    """200 response to GET."""
    head: DiscoveryResponse
    """200 response to HEAD: the same headers, no body."""
    not_modified: DiscoveryResponse
    """304 response to a matching If-None-Match (RFC 9110 §15.4.5): ETag and the other 200 headers, no body."""


class RenderedDocuments(NamedTuple):
    """Every response of the discovery endpoints for one base URL."""

    base_url: str
    resources: Sequence[RenderedResource]
    """Indexed by ``Route.slot``: ``/ServiceProviderConfig``, ``/ResourceTypes``, ``/Schemas``, then
    ``/ResourceTypes/{id}`` and ``/Schemas/{uri}`` in the order of the prepared templates."""


# Stands in for the base URL while serialising. NUL characters cannot occur in a URL, and JSON.stringify
# writes them as the escape `\u0000`, so the serialised marker is unambiguous.
_BASE_MARKER = "\u0000scim-base-url\u0000"
_SERIALISED_BASE_MARKER = quote_string(_BASE_MARKER)[1:-1]

_COMMA = b","
_LIST_SUFFIX = b"]}"
_NO_HEADERS: Mapping[str, str] = MappingProxyType({})


def _describe(what: str, document: object) -> str:
    id_ = document.get("id") if isinstance(document, Mapping) else None
    return f"{what} {quote_string(id_)}" if isinstance(id_, str) else what


def _template_of(document: ScimDocument, what: str, resource_type: str, needs_id: bool) -> DocumentTemplate:
    if not isinstance(document, Mapping):
        raise DiscoveryConfigurationError(f"{what} is not an object.")
    name = _describe(what, document)
    id_ = document.get("id")
    if needs_id and not isinstance(id_, str):
        raise DiscoveryConfigurationError(f'{name} has no string "id" (RFC 7643 §6, §7).')
    meta = document.get("meta")
    if not isinstance(meta, Mapping):
        raise DiscoveryConfigurationError(f'{name} has no "meta" object (RFC 7643 §3.1).')
    location = meta.get("location")
    meta_resource_type = meta.get("resourceType")
    if not isinstance(location, str) or not location.startswith("/"):
        raise DiscoveryConfigurationError(
            f"{name} has meta.location {_json_or_undefined(location)}; want a path relative to the SCIM base,"
            ' starting with "/".'
        )
    if meta_resource_type != resource_type:
        raise DiscoveryConfigurationError(
            f"{name} has meta.resourceType {_json_or_undefined(meta_resource_type)}; want {quote_string(resource_type)}"
            " (RFC 7643 §3.1)."
        )
    json = json_stringify({**document, "meta": {**meta, "location": _BASE_MARKER + location}})
    parts = json.split(_SERIALISED_BASE_MARKER)
    if len(parts) != 2:
        raise DiscoveryConfigurationError(f"{name} contains the reserved text {quote_string(_BASE_MARKER)}.")
    head, tail = parts
    return DocumentTemplate(
        id=id_ if isinstance(id_, str) else None,
        location=location,
        head=head,
        tail=tail,
        head_state=fnv1a64(head.encode("utf-8")),
    )


def _json_or_undefined(value: object) -> str:
    # JSON.stringify(undefined) is undefined, which a template literal prints as "undefined".
    return "undefined" if value is None else json_stringify(value)


def _list_prefix(count: int) -> str:
    # RFC 7644 §3.4.2: the whole list in one page, so totalResults == itemsPerPage == len(Resources), startIndex 1.
    json = json_stringify(
        {
            "schemas": [LIST_RESPONSE_SCHEMA],
            "totalResults": count,
            "itemsPerPage": count,
            "startIndex": 1,
            "Resources": [],
        }
    )
    return json[:-2]  # drop "]}"


def prepare_documents(documents: DiscoveryDocuments, list_service_provider_schemas: bool) -> PreparedDocuments:
    """Validates the documents and serialises them into templates. ``list_service_provider_schemas`` chooses
    whether the three RFC 7643 §8.7.2 schemas are served under ``/Schemas``; message schemas are refused."""
    if not isinstance(documents, Mapping):
        raise DiscoveryConfigurationError("documents must be the DISCOVERY_DOCUMENTS of the generated package.")
    for key in ("resource_types", "schemas", "service_provider_schemas"):
        if not isinstance(documents.get(key), (list, tuple)):
            raise DiscoveryConfigurationError(f"documents.{key} must be a list.")
    service_provider_config = _template_of(
        documents.get("service_provider_config"),
        "serviceProviderConfig",
        "ServiceProviderConfig",
        False,
    )
    resource_types = [
        _template_of(document, f"resourceTypes[{i}]", "ResourceType", True)
        for i, document in enumerate(documents["resource_types"])
    ]
    served = (
        [*documents["schemas"], *documents["service_provider_schemas"]]
        if list_service_provider_schemas
        else list(documents["schemas"])
    )
    schemas: list[DocumentTemplate] = []
    for i, document in enumerate(served):
        template = _template_of(document, f"schemas[{i}]", "Schema", True)
        if str(template.id).lower().startswith(MESSAGE_SCHEMA_PREFIX):
            raise DiscoveryConfigurationError(
                f"{_describe('schema', document)} is a message schema; /Schemas lists resource and service-provider"
                " schemas only (RFC 7644 §4)."
            )
        schemas.append(template)
    return PreparedDocuments(
        service_provider_config=service_provider_config,
        resource_types=tuple(resource_types),
        schemas=tuple(schemas),
        resource_type_list_prefix=_list_prefix(len(resource_types)),
        schema_list_prefix=_list_prefix(len(schemas)),
    )


def _resource(body: bytes, extra_headers: Mapping[str, str], etag: str | None = None) -> RenderedResource:
    if etag is None:
        etag = strong_etag(body)
    not_modified_headers = MappingProxyType({**COMMON_HEADERS, "etag": etag, **extra_headers})
    headers = MappingProxyType({**not_modified_headers, "content-length": str(len(body))})
    return RenderedResource(
        etag=etag,
        ok=DiscoveryResponse(status=200, headers=headers, body=body),
        head=DiscoveryResponse(status=200, headers=headers, body=None),
        # RFC 9110 §15.4.5: no Content-Length of the 200 body; ETag and the other representation headers stay.
        not_modified=DiscoveryResponse(status=304, headers=not_modified_headers, body=None),
    )


def _render_list(
    prefix: str,
    templates: Sequence[DocumentTemplate],
    escaped_base: str,
    extra_headers: Mapping[str, str],
) -> tuple[RenderedResource, list[RenderedResource]]:
    rest = [(escaped_base + template.tail).encode("utf-8") for template in templates]
    item_bytes = [template.head.encode("utf-8") + end for template, end in zip(templates, rest)]
    list_bytes = prefix.encode("utf-8") + _COMMA.join(item_bytes) + _LIST_SUFFIX
    items = [
        _resource(item, extra_headers, strong_etag_of_state(fnv1a64(end, template.head_state)))
        for template, item, end in zip(templates, item_bytes, rest)
    ]
    return _resource(list_bytes, extra_headers), items


def render_documents(
    prepared: PreparedDocuments,
    base_url: str,
    extra_headers: Mapping[str, str] = _NO_HEADERS,
) -> RenderedDocuments:
    """Builds every response for one absolute base URL (no trailing slash). ``extra_headers`` go on every
    200/304 (e.g. ``vary`` when the base comes from Host headers)."""
    escaped_base = quote_string(base_url)[1:-1]
    spc = prepared.service_provider_config
    resource_type_list, resource_type_items = _render_list(
        prepared.resource_type_list_prefix, prepared.resource_types, escaped_base, extra_headers
    )
    schema_list, schema_items = _render_list(prepared.schema_list_prefix, prepared.schemas, escaped_base, extra_headers)
    spc_end = (escaped_base + spc.tail).encode("utf-8")
    service_provider_config = _resource(
        spc.head.encode("utf-8") + spc_end, extra_headers, strong_etag_of_state(fnv1a64(spc_end, spc.head_state))
    )
    return RenderedDocuments(
        base_url=base_url,
        resources=(service_provider_config, resource_type_list, schema_list, *resource_type_items, *schema_items),
    )
