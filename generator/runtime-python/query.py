# Query parameters of discovery requests. RFC 7644 §4: the discovery endpoints take no query parameters
# except that a `filter` SHOULD be refused with 403, so the only question asked of a query is whether it
# carries a `filter`.
from __future__ import annotations

import re

from .uri_component import decode_uri_component

_MAY_SPELL_FILTER = re.compile("filter", re.IGNORECASE)


def _decode_name(name: str) -> str:
    if "%" not in name and "+" not in name:
        return name
    # application/x-www-form-urlencoded: "+" is a space.
    decoded = decode_uri_component(name.replace("+", " "))
    return name if decoded is None else decoded  # malformed: it cannot be "filter" once decoded either way


def has_filter_parameter(query: str) -> bool:
    """Whether a raw query string (without ``?``) has a ``filter`` parameter, empty or not; the name matches
    case-insensitively."""
    # Fast exit for the usual empty query, and for queries that cannot spell "filter" even encoded.
    if len(query) < 6 or ("%" not in query and _MAY_SPELL_FILTER.search(query) is None):
        return False
    start = 0
    while start <= len(query):
        end = query.find("&", start)
        if end == -1:
            end = len(query)
        equals = query.find("=", start)
        name = query[start : equals if equals != -1 and equals < end else end]
        if len(name) >= 6 and _decode_name(name).lower() == "filter":
            return True
        start = end + 1
    return False
