# Strong entity tags (RFC 9110 §8.8.3) and If-None-Match evaluation (RFC 9110 §13.1.2).
# The tag is a fingerprint of the exact bytes served, computed once per base URL; not a security measure.
from __future__ import annotations

_FNV_OFFSET_BASIS = 0xCBF29CE484222325
_FNV_PRIME = 0x100000001B3
_MASK_64 = 0xFFFFFFFFFFFFFFFF


def fnv1a64_hex(data: bytes) -> str:
    """FNV-1a 64-bit hash of ``data`` as 16 lower-case hex digits (Python's integers need no 32-bit halves)."""
    return "%016x" % fnv1a64(data)


def fnv1a64(data: bytes, state: int = _FNV_OFFSET_BASIS) -> int:
    """No TS twin: the FNV-1a 64-bit state after ``data``, continuing from ``state`` (a hash of a prefix). A
    byte costs tens of nanoseconds in Python, so the documents hash their fixed head once (see documents.py)."""
    for octet in data:
        state = ((state ^ octet) * _FNV_PRIME) & _MASK_64
    return state


def strong_etag_of_state(state: int) -> str:
    """No TS twin: the strong ETag of a finished FNV-1a state (``strong_etag(data)`` is this of ``fnv1a64(data)``)."""
    return '"%016x"' % state


def strong_etag(data: bytes) -> str:
    """A strong ETag (``"…"``) for the given bytes."""
    return f'"{fnv1a64_hex(data)}"'


def if_none_match_matches(header: str, etag: str) -> bool:
    """Whether an ``If-None-Match`` value matches ``etag`` (a strong tag, quotes included). RFC 9110 §13.1.2:
    ``*`` matches any current representation, otherwise the weak comparison applies (a ``W/`` prefix is
    ignored). Malformed list members are skipped, never raised on."""
    if header == etag:
        return True
    length = len(header)
    i = 0
    while i < length:
        c = header[i]
        # Skip list separators and optional whitespace (RFC 9110 §5.6.1).
        if c == "," or c == " " or c == "\t":
            i += 1
            continue
        if c == "*":
            return True
        start = i
        if c == "W" and header.startswith("/", i + 1):
            start = i + 2
        if header.startswith('"', start):
            end = header.find('"', start + 1)
            if end == -1:
                return False
            if end + 1 - start == len(etag) and header.startswith(etag, start):
                return True
            i = end + 1
        else:
            # Not an entity-tag: skip to the next list member.
            comma = header.find(",", i)
            if comma == -1:
                return False
            i = comma + 1
    return False
