# Mount-prefix matching for adapters that see the whole request path: literal prefixes, parameter segments
# for tenant mounts, or a compiled pattern; the encoding of a matched mount path into URLs; the mount's
# parameters; and, for frameworks that route the mount themselves on a decoded path (Django, Starlette), the
# raw mount path that decoded path came from.
from __future__ import annotations

import re
from types import MappingProxyType
from typing import Callable, Sequence

from .configuration_error import DiscoveryConfigurationError
from .json_text import quote_string
from .types import NO_PARAMS, MountParams
from .uri_component import decode_uri_component, encode_character

BasePathMatcher = Callable[[str], "str | None"]
"""Returns the matched mount prefix at the start of a raw pathname, or ``None`` when the path is outside it."""

_PARAMETER = re.compile(r":[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\}")
_PARAMETER_NAME_COLON = re.compile(r":([A-Za-z_][A-Za-z0-9_]*)(?:\Z|[({])")
_PARAMETER_NAME_BRACES = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}\Z")
_NOT_A_PATH = re.compile(r"[?#\s]")


def _is_parameter(segment: str) -> bool:
    return _PARAMETER.fullmatch(segment) is not None


def _parameter_name(segment: str) -> str | None:
    """The name of a parameter segment: ``:org`` and ``{org}``, also followed by a framework's constraint
    (``:org(^\\d+)``, ``:org{[a-z]+}``); ``None`` for a literal segment."""
    match = _PARAMETER_NAME_COLON.match(segment) or _PARAMETER_NAME_BRACES.match(segment)
    return None if match is None else match.group(1)


# No twin of TS statelessCopy: a compiled Python pattern keeps no lastIndex between matches.
def _from_pattern(pattern: re.Pattern[str]) -> BasePathMatcher:
    def match_prefix(pathname: str) -> str | None:
        match = pattern.match(pathname)
        if match is None:
            return None
        prefix = match.group()[:-1] if match.group().endswith("/") else match.group()
        # The prefix must end at a segment boundary: "/scim/v2" does not mount "/scim/v2x".
        return prefix if len(prefix) == len(pathname) or pathname[len(prefix)] == "/" else None

    return match_prefix


def create_base_path_matcher(base_path: str | re.Pattern[str]) -> BasePathMatcher:
    """Compiles a mount prefix: a literal path (``/scim/v2``), a pattern with parameter segments
    (``/orgs/:org/scim/v2`` or ``/orgs/{org}/scim/v2``, each matching one non-empty segment), or a compiled
    pattern matched at the start of the path. Matching is case-sensitive, like the frameworks' own routing."""
    if isinstance(base_path, re.Pattern):
        return _from_pattern(base_path)
    if not isinstance(base_path, str):
        raise DiscoveryConfigurationError("base_path must be a string or a compiled re.Pattern.")
    normalised = base_path[:-1] if base_path.endswith("/") else base_path
    if normalised != "" and not normalised.startswith("/"):
        normalised = f"/{normalised}"
    if _NOT_A_PATH.search(normalised) is not None:
        raise DiscoveryConfigurationError(f'base_path {quote_string(base_path)} must be a path, like "/scim/v2".')
    segments = normalised.split("/")[1:]
    if any(segment == "" for segment in segments):
        raise DiscoveryConfigurationError(f"base_path {quote_string(base_path)} has an empty segment.")
    if not any(_is_parameter(segment) for segment in segments):
        prefix = normalised

        def match_literal(pathname: str) -> str | None:
            if pathname.startswith(prefix) and (len(pathname) == len(prefix) or pathname[len(prefix)] == "/"):
                return prefix
            return None

        return match_literal
    source = "".join("/[^/]+" if _is_parameter(segment) else "/" + re.escape(segment) for segment in segments)
    return _from_pattern(re.compile(f"{source}(?=/|\\Z)"))


def leading_path_segments(pathname: str, count: int) -> str:
    """The first ``count`` segments of a raw path (``/orgs/acme/scim/v2`` of ``/orgs/acme/scim/v2/Schemas`` for
    4), or the whole path when it has fewer."""
    end = 0
    for _ in range(count):
        end = pathname.find("/", end + 1)
        if end == -1:
            return pathname
    return pathname[:end]


# pchar of RFC 3986 §3.3 without pct-encoded: unreserved / sub-delims / ":" / "@". Every other character,
# `%` aside, is percent-encoded in a URI path.
_PCHAR = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@")
# A base path of pchar and "/" only, with no dot segment: the usual one, returned as it is.
_PLAIN_PATH = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/]*")
_DOT_SEGMENT = re.compile(r"(?:^|/)\.\.?(?:/|\Z)")
_HEX_DIGITS = frozenset("0123456789ABCDEFabcdef")


def _encode_segment(segment: str) -> str | None:
    """One segment as a valid RFC 3986 path segment, or ``None`` when it is no segment a mount may hold."""
    encoded: list[str] = []
    i = 0
    length = len(segment)
    while i < length:
        char = segment[i]
        if char == "%":
            # RFC 3986 §2.1: "%" only ever starts a pct-encoded triplet; kept as sent (hex case included).
            if segment[i + 1 : i + 2] not in _HEX_DIGITS or segment[i + 2 : i + 3] not in _HEX_DIGITS or i + 3 > length:
                return None
            encoded.append(segment[i : i + 3])
            i += 3
            continue
        if char in _PCHAR:
            encoded.append(char)
        else:
            # RFC 3986 §2.5: a character outside the grammar is percent-encoded as its UTF-8 octets. A lone
            # surrogate has none, and the segment is malformed.
            octets = encode_character(char)
            if octets is None:
                return None
            encoded.append(octets)
        i += 1
    text = "".join(encoded)
    # The octets must be UTF-8 (RFC 3629), as the router requires of ids: `%C0%AE` (an overlong ".") is
    # malformed, never a dot in disguise.
    decoded = decode_uri_component(text)
    if decoded is None:
        return None
    # RFC 3986 §3.3 / §5.2.4: "." and ".." (raw or encoded, `%2e`) are dot segments; a URL holding one
    # resolves to another path, so such a segment names no tenant.
    return None if decoded in (".", "..") else text


def encode_base_path(base_path: str) -> str | None:
    """A matched mount path (``/orgs/acme/scim/v2``, raw) as it goes into ``meta.location``: a valid RFC 3986
    path that routes back to the same mount. Each segment keeps its spelling, except that every character
    outside pchar is percent-encoded as its UTF-8 octets. ``None`` when a segment is not one a mount may hold:
    a dot segment (``.``, ``..``, ``%2e``…), a ``%`` not followed by two hex digits, or octets that are not
    UTF-8. The result is its own encoding."""
    if _PLAIN_PATH.fullmatch(base_path) is not None and _DOT_SEGMENT.search(base_path) is None:
        return base_path
    segments = base_path.split("/")
    for i, segment in enumerate(segments):
        # The empty segments: before a leading "/", after a trailing one (or the whole of "").
        if segment == "":
            continue
        encoded = _encode_segment(segment)
        if encoded is None:
            return None
        segments[i] = encoded
    return "/".join(segments)


MountParamsReader = Callable[[str], "MountParams | None"]
"""Reads the route parameters of a matched mount path (raw), by name, each percent-decoded once; ``None`` when
a parameter does not decode (the mount is refused first: see ``encode_base_path``)."""


def _decode_parameter(raw: str) -> str | None:
    """Percent-decodes one raw parameter value (RFC 3986 §2.1, UTF-8 octets); ``None`` when it does not decode."""
    return raw if "%" not in raw else decode_uri_component(raw)


def create_mount_params_reader(pattern: str | re.Pattern[str]) -> MountParamsReader:
    """Compiles the parameter reader of a mount pattern: a string names its parameter segments
    (``/orgs/{org}/scim/v2``: ``{"org": …}``), each matching exactly one segment of the mount path; a compiled
    pattern names them with named groups. Values are percent-decoded once: ``a%2Fb`` gives ``"a/b"``; a value
    with malformed percent-encoding or octets that are not UTF-8 gives ``None``. The result is read-only."""
    if isinstance(pattern, re.Pattern):
        compiled = pattern

        def read_groups(mount_path: str) -> MountParams | None:
            match = compiled.search(mount_path)
            if match is None or not compiled.groupindex:
                return NO_PARAMS
            params: dict[str, str] = {}
            for name, raw in match.groupdict().items():
                if raw is None:
                    continue
                value = _decode_parameter(raw)
                if value is None:
                    return None
                params[name] = value
            return MappingProxyType(params)

        return read_groups
    # Segment i of the pattern is segment i of the mount path (each parameter matches exactly one segment).
    names: Sequence[str | None] = [_parameter_name(segment) for segment in pattern.split("/") if segment != ""]
    if all(name is None for name in names):
        return lambda mount_path: NO_PARAMS

    def read_segments(mount_path: str) -> MountParams | None:
        segments = [segment for segment in mount_path.split("/") if segment != ""]
        params: dict[str, str] = {}
        for i, name in enumerate(names):
            if name is None or i >= len(segments):
                continue
            value = _decode_parameter(segments[i])
            if value is None:
                return None
            params[name] = value
        return MappingProxyType(params)

    return read_segments


def raw_mount_path(raw_pathname: str, decoded_pathname: str, decoded_rest: str) -> str | None:
    """No TS twin: for a framework that matched the mount on the DECODED path (Django's resolver, Starlette's
    router), the raw mount path it came from. ``decoded_pathname`` is the whole path as the framework decoded
    it (Django's ``request.path``, the ASGI ``scope["path"]``) and ``decoded_rest`` the part after the mount
    (the catch-all parameter); the mount is the raw path's leading segments that decode to the same number of
    segments (a raw ``%2F`` decodes to one more). ``None`` when the framework's mount does not end at a segment
    boundary of the raw path (``/scim/v2x`` for a mount ``/scim/v2``): the request is outside the mount."""
    if not decoded_pathname.endswith(decoded_rest):
        return None
    decoded_mount = decoded_pathname[: len(decoded_pathname) - len(decoded_rest)]
    if decoded_mount.endswith("/"):
        decoded_mount = decoded_mount[:-1]
    elif decoded_rest != "" and not decoded_rest.startswith("/"):
        return None
    wanted = decoded_mount.count("/")
    seen = 0
    end = 0
    while seen < wanted:
        # Each raw segment is one decoded segment, plus one for each "%2F" in it.
        next_slash = raw_pathname.find("/", end + 1)
        segment_end = len(raw_pathname) if next_slash == -1 else next_slash
        seen += 1 + raw_pathname.count("%2F", end, segment_end) + raw_pathname.count("%2f", end, segment_end)
        end = segment_end
        if next_slash == -1:
            break
    return raw_pathname[:end] if seen == wanted else None
