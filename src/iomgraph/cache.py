"""A bounded, thread-safe LRU cache for query answers.

Keys include the dataset version, so an answer is never served for another build's data.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class AnswerCache(Generic[Value]):
    """Keeps at most ``capacity`` answers; ``capacity`` 0 (or ``enabled=False``) keeps none."""

    def __init__(self, capacity: int, *, enabled: bool = True) -> None:
        self.capacity = capacity if enabled else 0
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
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.capacity:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
