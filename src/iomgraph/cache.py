"""A bounded, thread-safe LRU cache for query answers.

Keys include the dataset version, so an answer is never served for another build's data.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class AnswerCache(Generic[Value]):
    """Keeps at most ``capacity`` answers; ``capacity`` 0 (or ``enabled=False``) keeps none.

    With ``max_bytes`` and ``size_of``, the answers kept also weigh at most ``max_bytes``
    together (an answer heavier than that on its own is not kept).
    """

    def __init__(
        self,
        capacity: int,
        *,
        enabled: bool = True,
        max_bytes: int | None = None,
        size_of: Callable[[Value], int] | None = None,
    ) -> None:
        self.capacity = capacity if enabled else 0
        self.max_bytes = max_bytes
        self._size_of = size_of
        self.weight = 0
        self._entries: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Value | None:
        """The answer stored under ``key`` (now the most recently used), or None."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key]
            self.misses += 1
            return None

    def put(self, key: Hashable, value: Value) -> None:
        """Store ``value``; the least recently used answer goes when the cache is full."""
        if self.capacity <= 0:
            return
        size = self._weigh(value)
        if self.max_bytes is not None and size > self.max_bytes:
            return
        with self._lock:
            if key in self._entries:
                self.weight -= self._weigh(self._entries[key])
            self._entries[key] = value
            self._entries.move_to_end(key)
            self.weight += size
            while len(self._entries) > self.capacity or (
                self.max_bytes is not None and self.weight > self.max_bytes
            ):
                _, dropped = self._entries.popitem(last=False)
                self.weight -= self._weigh(dropped)

    def _weigh(self, value: Value) -> int:
        return self._size_of(value) if self._size_of is not None else 0

    def __len__(self) -> int:
        return len(self._entries)
