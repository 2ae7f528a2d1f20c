"""Pausing Python's cyclic garbage collector around work that makes many
long-lived objects (loading 10,000 documents) or many short-lived ones
(rendering a page). Both the build (sotay.build, Builder) and the render
(render._collected_per_page) use it."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No automatic cyclic collection inside; the collector's previous state
    (on, or off because a caller paused it) is restored on the way out."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
