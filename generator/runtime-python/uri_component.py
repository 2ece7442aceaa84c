# JavaScript's decodeURIComponent and encodeURIComponent (one character), which the Node runtime decodes and
# encodes with: urllib.parse.unquote is lenient (a malformed "%zz" or octets that are not UTF-8 pass through or
# become U+FFFD), where the Node runtime must refuse them, so the two runtimes route the same paths alike.
from __future__ import annotations

import re

_TRIPLETS = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


class _Malformed(Exception):
    pass


def _decode_octets(match: re.Match[str]) -> str:
    try:
        # Strict UTF-8 (RFC 3629) refuses overlong forms (%C0%AE) and encoded surrogates (%ED%A0%80), as
        # decodeURIComponent does.
        return bytes.fromhex(match.group().replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        raise _Malformed() from None


def decode_uri_component(text: str) -> str | None:
    """``decodeURIComponent(text)``, or ``None`` where it throws: a ``%`` not followed by two hex digits, or
    percent-encoded octets that are not UTF-8."""
    if "%" not in text:
        return text
    if _STRAY_PERCENT.search(text) is not None:
        return None
    try:
        return _TRIPLETS.sub(_decode_octets, text)
    except _Malformed:
        return None


def encode_character(char: str) -> str | None:
    """``encodeURIComponent(char)`` of one character outside the unreserved set: its UTF-8 octets as
    upper-case ``%XX``; ``None`` for a lone surrogate, which has none (encodeURIComponent throws)."""
    try:
        octets = char.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return "".join("%%%02X" % octet for octet in octets)
