# Lookups by id or URI over the generated document lists. SCIM compares schema URIs and resource
# type names case-insensitively (RFC 7644 §3.10), so that is the default; exact-case is an option.
from __future__ import annotations

from typing import Mapping, Sequence, TypeVar

T = TypeVar("T", bound=Mapping[str, object])


def find_by_id(items: Sequence[T], id: str, *, case_exact: bool = False) -> T | None:  # noqa: A002 (the TS name)
    """Finds the item whose ``id`` matches; case-insensitive unless ``case_exact``."""
    for item in items:
        if item.get("id") == id:
            return item
    if case_exact:
        return None
    wanted = id.lower()
    for item in items:
        item_id = item.get("id")
        if isinstance(item_id, str) and item_id.lower() == wanted:
            return item
    return None
