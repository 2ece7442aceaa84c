"""The framework-neutral SCIM discovery runtime (RFC 7644 §4), written once by hand and shipped verbatim as the
``runtime`` subpackage of the generated Python package; the Django and FastAPI adapters are thin glue over it.

It is the twin of the TypeScript runtime (``generator/runtime/*.ts``): the same file names (snake_case), the
same function names (snake_case) in the same order, and the same order of decisions, so that a change to one
shows where the other must change; for the same request and base URL both answer the same status, headers and
body bytes. TypeScript files with no Python twin: ``body-view.ts`` (Node Buffers), ``fetch-handler.ts`` (the
Fetch API), ``index.ts`` (this file is its twin). Python files with no TypeScript twin: ``json_text.py``
(JavaScript's ``JSON.stringify``, which Python lacks) and ``uri_component.py`` (``decodeURIComponent`` and
``encodeURIComponent``). Standard library only, Python ≥ 3.10, relative imports only.
"""

from __future__ import annotations

from .base_path import (
    BasePathMatcher,
    MountParamsReader,
    create_base_path_matcher,
    create_mount_params_reader,
    encode_base_path,
    leading_path_segments,
    raw_mount_path,
)
from .base_url import is_safe_host
from .configuration_error import DiscoveryConfigurationError
from .discovery_handler import ALLOW_METHODS, DEFAULT_CACHE_SIZE, DEFAULT_WWW_AUTHENTICATE, create_discovery_handler
from .documents import LIST_RESPONSE_SCHEMA
from .etag import fnv1a64_hex, if_none_match_matches, strong_etag
from .headers import EnvironHeaders, get_header
from .route import DISCOVERY_ENDPOINT_PATHS
from .scim_error import SCIM_CONTENT_TYPE, SCIM_ERROR_SCHEMA, ResponsePair, ScimErrorType, create_error_response, scim_error_body
from .target_handler import (
    MountedTarget,
    RequestLine,
    RequestTarget,
    TargetHandler,
    asgi_request_line,
    create_target_handler,
    split_mounted_target,
    split_request_url,
    wsgi_request_line,
)
from .types import (
    NO_PARAMS,
    Authenticate,
    BaseUrlFunction,
    DiscoveryDocuments,
    DiscoveryHandler,
    DiscoveryHandlerOptions,
    DiscoveryRequest,
    DiscoveryResponse,
    HeaderGetter,
    HeaderSource,
    MountParams,
    RawHeaderList,
    ScimDocument,
    TargetHandlerOptions,
)

__all__ = [
    "ALLOW_METHODS",
    "DEFAULT_CACHE_SIZE",
    "DEFAULT_WWW_AUTHENTICATE",
    "DISCOVERY_ENDPOINT_PATHS",
    "LIST_RESPONSE_SCHEMA",
    "NO_PARAMS",
    "SCIM_CONTENT_TYPE",
    "SCIM_ERROR_SCHEMA",
    "Authenticate",
    "BasePathMatcher",
    "BaseUrlFunction",
    "DiscoveryConfigurationError",
    "DiscoveryDocuments",
    "DiscoveryHandler",
    "DiscoveryHandlerOptions",
    "DiscoveryRequest",
    "DiscoveryResponse",
    "EnvironHeaders",
    "HeaderGetter",
    "HeaderSource",
    "MountParams",
    "MountParamsReader",
    "MountedTarget",
    "RawHeaderList",
    "RequestLine",
    "RequestTarget",
    "ResponsePair",
    "ScimDocument",
    "ScimErrorType",
    "TargetHandler",
    "TargetHandlerOptions",
    "asgi_request_line",
    "create_base_path_matcher",
    "create_discovery_handler",
    "create_error_response",
    "create_mount_params_reader",
    "create_target_handler",
    "encode_base_path",
    "fnv1a64_hex",
    "get_header",
    "if_none_match_matches",
    "is_safe_host",
    "leading_path_segments",
    "raw_mount_path",
    "scim_error_body",
    "split_mounted_target",
    "split_request_url",
    "strong_etag",
    "wsgi_request_line",
]
