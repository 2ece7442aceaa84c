# A small bounded LRU map. Entries are immutable values computed from their key alone, so sharing the
# cache between concurrent requests cannot leak one request's data into another's.
#
# Threads (a WSGI server's worker threads, Django under ASGI) share a handler: every step below is one
# atomic dict operation or one assignment, and the newest entry is remembered as ONE (key, value) tuple, so
# that no thread can ever pair one tenant's key with another tenant's value.
from __future__ import annotations

import threading
from typing import Callable, Generic, TypeVar

V = TypeVar("V")


class LruCache(Generic[V]):
    """A bounded least-recently-used cache over a ``dict`` (insertion order = recency order)."""

    __slots__ = ("_capacity", "_entries", "_newest", "_evicting")

    def __init__(self, capacity: int) -> None:
        """Creates a cache keeping at most ``capacity`` entries."""
        self._capacity = capacity
        self._entries: dict[str, V] = {}
        self._newest: tuple[str, V] | None = None
        self._evicting = threading.Lock()

    def get(self, key: str) -> V | None:
        """The cached value for ``key``, marking it most recently used."""
        # The newest entry is the one asked for again and again (one tenant busy, or one base URL): answered
        # without hashing ``key`` (a string often built afresh for each request) and without moving it.
        newest = self._newest
        if newest is not None and newest[0] == key:
            return newest[1]
        value = self._entries.get(key)
        if value is not None:
            # Re-insert to move the key to the end (insertion order is recency order).
            self._entries.pop(key, None)
            self._entries[key] = value
            self._newest = (key, value)
        return value

    def set(self, key: str, value: V) -> None:
        """Stores ``value`` under ``key``, evicting the least recently used entry when full."""
        self._entries.pop(key, None)
        self._entries[key] = value
        self._newest = (key, value)
        with self._evicting:
            while len(self._entries) > self._capacity:
                try:
                    oldest = next(iter(self._entries))
                    self._entries.pop(oldest, None)
                except (StopIteration, RuntimeError):
                    # Another thread changed the dict mid-iteration: look again.
                    continue

    def __len__(self) -> int:
        """Number of cached entries (the TS ``size``)."""
        return len(self._entries)


def memoize_newest_first(compute: Callable[[str], V], limit: int) -> Callable[[str], V]:
    """``compute`` remembered per key, for values that depend on the key alone: at most ``limit`` keys (emptied
    when full, so a scanner's endless new keys cost a recompute, never memory), and the key asked for last
    answered first with one string comparison (one busy tenant, or the one fixed mount)."""
    memo: dict[str, V] = {}
    newest: tuple[str, V] | None = None  # replaced whole, never changed in place

    def lookup(key: str) -> V:
        nonlocal newest
        last = newest
        if last is not None and last[0] == key:
            return last[1]
        if key in memo:
            value = memo[key]
        else:
            value = compute(key)
            if len(memo) >= limit:
                memo.clear()
            memo[key] = value
        newest = (key, value)
        return value

    return lookup
