# JavaScript's JSON.stringify, which the Node runtime serialises with, for plain JSON data: Python has no
# twin (json.dumps differs in floats, lone surrogates and key order), and every body must be byte-identical
# to the Node runtime's. Used only when a handler is created, never per request.
from __future__ import annotations

import json
import math
import re
from typing import Callable, Mapping, Sequence, cast

from .configuration_error import DiscoveryConfigurationError

# The C string escaper json.dumps(..., ensure_ascii=False) uses: `"`, `\`, \b \f \n \r \t by name, the other
# C0 controls as lower-case `\u00xx`, everything else (U+2028/2029, DEL, non-BMP) raw, as JSON.stringify does.
_encode_string: Callable[[str], str] = json.encoder.encode_basestring

_SURROGATES = re.compile("[\ud800-\udfff]")
_SURROGATE_PAIR_OR_LONE = re.compile("[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")
# ECMAScript array-index keys ("0" … "4294967294", no leading zero) come first, in numeric order.
_ARRAY_INDEX = re.compile(r"0|[1-9][0-9]{0,9}")


def _well_formed(match: re.Match[str]) -> str:
    text = match.group()
    if len(text) == 2:
        # A surrogate pair spelt as two code points is one character in JavaScript's UTF-16 strings.
        return chr(0x10000 + ((ord(text[0]) - 0xD800) << 10) + (ord(text[1]) - 0xDC00))
    # ES2019 well-formed JSON.stringify: a lone surrogate becomes a lower-case \u escape.
    return "\\u%04x" % ord(text)


def quote_string(text: str) -> str:
    """``JSON.stringify(text)``: the quoted, escaped JSON string."""
    quoted = _encode_string(text)
    return quoted if _SURROGATES.search(quoted) is None else _SURROGATE_PAIR_OR_LONE.sub(_well_formed, quoted)


def number_text(value: float) -> str:
    """ECMAScript Number::toString of ``value`` (``JSON.stringify`` of a number; NaN and infinities are ``null``)."""
    if math.isnan(value) or math.isinf(value):
        return "null"
    if value == 0:
        return "0"
    if value.is_integer() and abs(value) <= 2**53:
        return str(int(value))  # exact, and what the layout below would give
    # repr is the shortest round-tripping decimal, as Number::toString's digits are; only the layout differs.
    # Read it as digits d1…dk and n with value = 0.d1…dk × 10^n, then lay it out as ECMAScript does.
    sign = "-" if value < 0 else ""
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    all_digits = whole + fraction
    trimmed = all_digits.rstrip("0")
    scale = (int(exponent) if exponent else 0) - len(fraction) + (len(all_digits) - len(trimmed))
    digits = trimmed.lstrip("0")
    k = len(digits)
    n = k + scale
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + digits
    e = n - 1
    exponent_text = ("+" if e >= 0 else "-") + str(abs(e))
    return sign + (digits if k == 1 else digits[0] + "." + digits[1:]) + "e" + exponent_text


def _ordered_keys(mapping: Mapping[str, object]) -> list[str]:
    keys = list(mapping)
    indices = [key for key in keys if _ARRAY_INDEX.fullmatch(key) is not None and int(key) < 4294967295]
    if not indices:
        return keys
    index_set = set(indices)
    return sorted(indices, key=int) + [key for key in keys if key not in index_set]


def json_stringify(value: object) -> str:
    """``JSON.stringify(value)`` for plain JSON data: ``dict`` with ``str`` keys, ``list``/``tuple``, ``str``,
    ``int``, ``float``, ``bool`` and ``None``. Anything else is a ``DiscoveryConfigurationError``."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return quote_string(value)
    if isinstance(value, int):
        # JavaScript numbers are doubles: past 2^53 an integer is the nearest double.
        return str(value) if abs(value) <= 2**53 else number_text(float(value))
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, Mapping):
        mapping = cast(Mapping[object, object], value)
        for key in mapping:
            if not isinstance(key, str):
                raise DiscoveryConfigurationError(f"a document has the key {key!r}; JSON keys are strings.")
        items = cast(Mapping[str, object], mapping)
        return "{" + ",".join(quote_string(key) + ":" + json_stringify(items[key]) for key in _ordered_keys(items)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(json_stringify(item) for item in cast(Sequence[object], value)) + "]"
    raise DiscoveryConfigurationError(f"a document holds {type(value).__name__} {value!r}, which is not JSON data.")
