# SCIM Error responses (RFC 7644 §3.12). Their bodies never depend on the request (no reflected input),
# so each one is serialised once when the handler is created and shared by every request.
from __future__ import annotations

from types import MappingProxyType
from typing import Literal, Mapping, NamedTuple

from .json_text import json_stringify
from .types import DiscoveryResponse

SCIM_CONTENT_TYPE: str = "application/scim+json"
"""Media type of every SCIM response, errors included (RFC 7644 §3.1, §8.1)."""

SCIM_ERROR_SCHEMA: str = "urn:ietf:params:scim:api:messages:2.0:Error"
"""Schema URI of a SCIM Error message (RFC 7644 §3.12)."""

ScimErrorType = Literal[
    "invalidFilter",
    "tooMany",
    "uniqueness",
    "mutability",
    "invalidSyntax",
    "invalidPath",
    "noTarget",
    "invalidValue",
    "invalidVers",
    "sensitive",
]
"""The ``scimType`` values RFC 7644 §3.12 Table 9 defines; only these may appear in an error body."""

COMMON_HEADERS: Mapping[str, str] = MappingProxyType({"content-type": SCIM_CONTENT_TYPE})
"""Headers on every discovery response: the SCIM media type (RFC 7644 §3.1). Anything else comes from the
``response_headers`` option or the app's own middleware."""

_NO_HEADERS: Mapping[str, str] = MappingProxyType({})


class ResponsePair(NamedTuple):
    """A response for GET (with body) and its HEAD twin (same headers, no body)."""

    get: DiscoveryResponse
    """Response to GET and every method other than HEAD."""
    head: DiscoveryResponse
    """Response to HEAD: the same status and headers, Content-Length included, without a body."""


def scim_error_body(status: int, detail: str, scim_type: ScimErrorType | None = None) -> str:
    """The exact error body: ``{"schemas":[…Error],"status":"404","detail":"…"}`` plus ``scimType`` when given.
    RFC 7644 §3.12: ``status`` is a string; no other keys (strict clients reject unknown keys)."""
    body: dict[str, object] = {"schemas": [SCIM_ERROR_SCHEMA], "status": str(status)}
    if scim_type is not None:
        body["scimType"] = scim_type
    body["detail"] = detail
    return json_stringify(body)


def create_error_response(
    status: int,
    detail: str,
    extra_headers: Mapping[str, str] = _NO_HEADERS,
    scim_type: ScimErrorType | None = None,
) -> ResponsePair:
    """Builds the read-only GET/HEAD responses of one SCIM error, with optional extra headers (``allow``,
    ``www-authenticate``)."""
    body = scim_error_body(status, detail, scim_type).encode("utf-8")
    headers = MappingProxyType({**COMMON_HEADERS, "content-length": str(len(body)), **extra_headers})
    return ResponsePair(
        get=DiscoveryResponse(status=status, headers=headers, body=body),
        head=DiscoveryResponse(status=status, headers=headers, body=None),
    )
