# Header access that works for every HeaderSource: an ASGI raw header list, a dict with lower-case keys, or a
# case-insensitive mapping (Django's request.headers, Starlette's Headers, EnvironHeaders over a WSGI environ).
from __future__ import annotations

from typing import Mapping, Sequence, cast

from .types import HeaderSource, RawHeaderList


# What JavaScript's String.prototype.trim strips (ECMAScript WhiteSpace and LineTerminator): str.strip()
# without arguments strips a slightly different set (U+001C–U+001F and U+0085, but not U+FEFF).
JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def get_header(headers: HeaderSource, name: str) -> str | None:
    """Reads one request header by lower-case name; a repeated header is joined with ``", "`` (RFC 9110 §5.3).
    A raw list (ASGI ``scope["headers"]``) is scanned, its names compared case-insensitively (RFC 9110 §5.1),
    every occurrence joined. A mapping is read with ``get(name)``: a plain ``dict`` must have lower-case keys,
    as in a Node-style record; a value that is a list of strings is joined."""
    if isinstance(headers, (list, tuple)):
        return _raw_header(cast(RawHeaderList, headers), name)
    value = headers.get(name)  # type: ignore[union-attr]
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ", ".join(cast(Sequence[str], value))
    return str(value)


def _raw_header(headers: RawHeaderList, name: str) -> str | None:
    wanted = name.encode("latin-1")
    value: str | None = None
    for field, field_value in headers:
        # Only a name of the same length is lower-cased (most are not), so a miss allocates nothing.
        if len(field) == len(wanted) and (field == wanted or field.lower() == wanted):
            # RFC 9110 §5.5: field values are octets; latin-1 maps each to one character, as Node does.
            text = field_value.decode("latin-1")
            value = text if value is None else f"{value}, {text}"
    return value


def last_list_element(value: str | None) -> str | None:
    """The last element of a comma-separated header list, trimmed, or ``None`` when empty."""
    if value is None:
        return None
    element = value[value.rfind(",") + 1 :].strip(JS_WHITESPACE)
    return None if element == "" else element


class EnvironHeaders:
    """The request headers of a WSGI environ (PEP 3333; Django's ``request.META``) read by name:
    ``get("if-none-match")`` reads ``HTTP_IF_NONE_MATCH``. No TS twin: Node has no environ. Reading one header
    builds nothing (Django's ``request.headers`` copies every header on first use)."""

    __slots__ = ("_environ",)

    def __init__(self, environ: Mapping[str, object]) -> None:
        self._environ = environ

    def get(self, name: str, /) -> str | None:
        """The header's value (WSGI servers join a repeated header with ``,``), or ``None``."""
        key = _ENVIRON_KEYS.get(name)
        if key is None:
            key = _environ_key(name)
            # The names read are the runtime's few and the hooks': a bound keeps a hook reading request-chosen
            # names from growing it.
            if len(_ENVIRON_KEYS) < 64:
                _ENVIRON_KEYS[name] = key
        value = self._environ.get(key)
        return value if isinstance(value, str) else None


def _environ_key(name: str) -> str:
    key = name.upper().replace("-", "_")
    # PEP 3333: Content-Type and Content-Length have no HTTP_ prefix.
    return key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else "HTTP_" + key


# Header name → environ key, so that a request reading If-None-Match builds no string.
_ENVIRON_KEYS: dict[str, str] = {}
