"""Results derived from a loaded package, computed once and kept with that package.

A package loaded from disk is one object shared by every viewer of the process; an upload is a package
of its own, held in its viewer's session. Keeping derived results on the package object (not in a
process-wide cache keyed on some summary of the data) means a result can only ever be found again by
the very package it was computed from: two uploads that merely look alike (same rows, same totals)
never share one, and a re-upload is a new package with nothing cached yet.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")
_LOCK = threading.Lock()  # sessions run in threads; one computes, the others wait and reuse


def memo(pkg, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` once per package and key; the same object on every later call."""
    store = pkg.derived
    if key in store:
        return store[key]
    with _LOCK:
        if key not in store:
            store[key] = compute()
        return store[key]
