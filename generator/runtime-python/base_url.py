# Where the absolute `meta.location` URLs come from (RFC 7643 §3.1: "the URI of the resource being
# returned"). Taken from configuration; from Host / X-Forwarded-* only when the operator opted in with
# `trust_host`, because otherwise anyone could make the service advertise URLs of their choosing.
from __future__ import annotations

import re
from typing import Callable, Literal, Mapping, NamedTuple, Union

from .configuration_error import DiscoveryConfigurationError
from .headers import JS_WHITESPACE, get_header, last_list_element
from .json_text import quote_string
from .types import DiscoveryRequest


class FixedBaseUrl(NamedTuple):
    """A fixed base URL."""

    base_url: str
    kind: Literal["fixed"] = "fixed"


class OriginBaseUrl(NamedTuple):
    """A fixed origin plus the request's base path."""

    origin: str
    kind: Literal["origin"] = "origin"


class FunctionBaseUrl(NamedTuple):
    """The operator's function of the request (a bad result is a programming error)."""

    resolve: Callable[[DiscoveryRequest], str]
    kind: Literal["function"] = "function"


class HostBaseUrl(NamedTuple):
    """The Host headers (``trust_host``): ``None`` or an unusable URL is the client's fault."""

    resolve: Callable[[DiscoveryRequest], "str | None"]
    kind: Literal["host"] = "host"


BaseUrlSource = Union[FixedBaseUrl, OriginBaseUrl, FunctionBaseUrl, HostBaseUrl]
"""How a handler finds the base URL."""

# A DNS name or IPv4 address (letters, digits, dots, hyphens), or an IPv6 literal in brackets, then an
# optional port. Anything else (spaces, quotes, slashes, `@`, control characters) is refused.
_SAFE_HOST = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")
# JavaScript's \s, spelt out (Python's \s differs: it has U+001C–U+001F and U+0085, not U+FEFF).
_JS_SPACE = re.escape(JS_WHITESPACE)
_USABLE_BASE_URL = re.compile(f"(?i:https?)://[^{_JS_SPACE}/?#\\\\@]+(?:/[^{_JS_SPACE}?#\\\\]*)?")
_CONTROL = re.compile("[\u0000-\u001f\u007f]")
_ORIGIN = re.compile(r"(https?)://([^/?#]+)", re.IGNORECASE)


def is_safe_host(host: str) -> bool:
    """Whether a Host / X-Forwarded-Host value is safe to put in a URL: ``[A-Za-z0-9.-]+(:port)?`` or
    ``[IPv6](:port)?``."""
    return len(host) <= 261 and _SAFE_HOST.fullmatch(host) is not None


def trim_trailing_slash(url: str) -> str:
    """Strips one trailing ``/`` so that ``base + "/Schemas"`` never doubles the slash."""
    return url[:-1] if url.endswith("/") else url


def normalise_base_path(base_path: str) -> str:
    """Normalises a mount prefix: ``""`` stays, otherwise it starts with ``/`` and does not end with one."""
    trimmed = trim_trailing_slash(base_path)
    return trimmed if trimmed == "" or trimmed.startswith("/") else f"/{trimmed}"


def is_usable_base_url(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) URL usable as a SCIM base: no query, fragment, whitespace or
    control characters."""
    # Cheap test (no URL parsing) so it can run on every cache miss of a per-request base.
    return _USABLE_BASE_URL.fullmatch(url) is not None and _CONTROL.search(url) is None


def _parse_origin(origin: str) -> str:
    trimmed = trim_trailing_slash(origin)
    match = _ORIGIN.fullmatch(trimmed)
    if match is None or not is_safe_host(match.group(2)):
        raise DiscoveryConfigurationError(
            f"origin {quote_string(origin)} is not an http(s) origin; want scheme and host only, like"
            ' "https://api.example.com".'
        )
    return trimmed


def create_base_url_source(options: Mapping[str, object]) -> BaseUrlSource:
    """Reads the base URL options. Exactly one of ``base_url``, ``origin`` and ``trust_host=True`` must be set;
    any other combination is a programming error and raises ``DiscoveryConfigurationError`` at creation."""
    base_url = options.get("base_url")
    origin = options.get("origin")
    trust_host = options.get("trust_host")
    given = [
        name
        for name, present in (
            ("base_url", base_url is not None),
            ("origin", origin is not None),
            ("trust_host", trust_host is not None and trust_host is not False),
        )
        if present
    ]
    if len(given) != 1:
        raise DiscoveryConfigurationError(
            "No base URL configured: set exactly one of base_url (a URL or a function of the request), origin, or"
            " trust_host=True (RFC 7643 §3.1 meta.location must be absolute)."
            if not given
            else f"Conflicting base URL options {' and '.join(given)}: set exactly one of base_url, origin, trust_host."
        )

    if isinstance(base_url, str):
        fixed = trim_trailing_slash(base_url)
        if not is_usable_base_url(fixed):
            raise DiscoveryConfigurationError(
                f"base_url {quote_string(base_url)} is not an absolute http(s) URL without query or fragment; want"
                ' e.g. "https://api.example.com/scim/v2".'
            )
        return FixedBaseUrl(fixed)
    if callable(base_url):
        compute: Callable[[DiscoveryRequest], object] = base_url

        def resolve(request: DiscoveryRequest) -> str:
            value = compute(request)
            if not isinstance(value, str):
                raise DiscoveryConfigurationError(
                    f"base_url function returned {type(value).__name__}; want a string URL."
                )
            return trim_trailing_slash(value)

        return FunctionBaseUrl(resolve)
    if base_url is not None:
        raise DiscoveryConfigurationError("base_url must be a string or a function of the request.")

    if origin is not None:
        if not isinstance(origin, str):
            raise DiscoveryConfigurationError("origin must be a string.")
        return OriginBaseUrl(_parse_origin(origin))

    if trust_host is not True:
        raise DiscoveryConfigurationError("trust_host must be True when set.")
    return HostBaseUrl(base_url_from_host_headers)


def base_url_from_host_headers(request: DiscoveryRequest) -> str | None:
    """The base URL from the request's own headers (``trust_host``). The last X-Forwarded-Host /
    X-Forwarded-Proto element is the one the nearest (trusted) proxy appended. An unsafe forwarded host is
    ignored in favour of Host; an unsafe or missing Host gives ``None`` (answered with 400). Hosts are
    case-insensitive (RFC 3986 §3.2.2), so they are lower-cased: one cache entry per host."""
    headers = request.headers
    host = last_list_element(get_header(headers, "x-forwarded-host"))
    if host is None or not is_safe_host(host):
        host = get_header(headers, "host")
        if host is not None:
            host = host.strip(JS_WHITESPACE)
        if host is None or not is_safe_host(host):
            return None
    forwarded_proto = last_list_element(get_header(headers, "x-forwarded-proto"))
    forwarded = None if forwarded_proto is None else forwarded_proto.lower()
    if forwarded == "http" or forwarded == "https":
        protocol = forwarded
    else:
        protocol = "http" if request.protocol == "http" else "https"
    return f"{protocol}://{host.lower()}{normalise_base_path(request.base_path)}"
