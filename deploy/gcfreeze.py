"""Python's cyclic garbage collector, kept off what a Streamlit process keeps for its whole life.

A served process holds some 150,000-250,000 objects that live as long as it does: the modules
(Streamlit, plotly, pandas, pydantic), the record and its frames. Python's oldest-generation
collection walks all of them whenever enough new objects have survived, and holds the GIL while
it does: with 20 readers clicking every 4 s (bench/readers.py) that was a 110-185 ms pause about
every 5-10 s (measured with `gc.callbacks`), in which every reader's rerun waits; it set the
clicks' maximum latency (176-247 ms, against a p95 of 56-72 ms).

`settle()` runs at the end of each script run. When modules were imported since it last froze (so,
in a process's first runs: the imports of its first pages, then the first visit to a page that
needs a new module), it collects once and then freezes every surviving object (`gc.freeze()`):
they move to the permanent generation, which the collector never walks. Later oldest-generation
collections walk only what came after (the caches' entries and the sessions): 2-13 ms instead.
The first of those collections costs about 80 ms (126,000 objects after the imports), so it is
not made on a process's first run, the first open of a sleeping app that readers wait for, but on
the second.

The collection before freezing means no garbage is frozen. What is frozen and dies later (objects
of the sessions open at that moment) is freed by reference counting as usual; only its reference
cycles, if any, are never collected: a bounded amount, since freezing stops once the process has
imported what its pages need. Any other process's collector is untouched; `gc.unfreeze()` undoes.
"""

from __future__ import annotations

import gc
import sys
import threading

_lock = threading.Lock()
_modules_at_freeze = 0
_first_run_seen = False


def settle() -> bool:
    """If modules were imported since it last froze, and this is not the process's first call:
    collect, then freeze what survives. Returns True when it froze. Cheap otherwise (a length
    comparison), so it is called on every run."""
    global _modules_at_freeze, _first_run_seen
    if len(sys.modules) == _modules_at_freeze:
        return False
    with _lock:
        if not _first_run_seen:
            _first_run_seen = True
            return False
        modules = len(sys.modules)
        if modules == _modules_at_freeze:
            return False
        gc.collect()
        gc.freeze()
        _modules_at_freeze = modules
        return True
